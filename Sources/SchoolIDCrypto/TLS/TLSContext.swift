internal import CSchoolIDOpenSSL

/// TLS settings shared by many connections: one configured OpenSSL `SSL_CTX`.
///
/// Both roles speak TLS 1.3 (RFC 8446) and TLS 1.2 (RFC 5246) only, following the
/// recommendations of RFC 9325 (BCP 195):
/// - TLS 1.3 preferred, TLS 1.2 the minimum (§3.1.1); TLS 1.3 suites are all AEAD;
/// - TLS 1.2 limited to ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 (§4.2);
/// - key-exchange groups X25519, P-256, P-384 (§4.2.1);
/// - no TLS compression (§3.3) and no renegotiation (§3.5).
///
/// A server context also disables session tickets (they would be encrypted under one
/// ticket key for the life of the process, weakening forward secrecy, RFC 8446 §2.2);
/// a client context verifies the peer's certificate chain, and every ``TLSSession``
/// it makes checks the peer's name (RFC 9525 §6).
///
/// Build one context at startup (or on certificate reload) and share it: making a
/// session from it is cheap and thread-safe.
// SAFETY: the SSL_CTX is configured completely inside `server` / `client` and never
// mutated afterwards. OpenSSL documents concurrent SSL_new on one SSL_CTX as safe (the
// context is reference counted and its session cache locked). deinit runs when no
// Swift reference remains, and OpenSSL keeps its own reference for every live SSL.
public final class TLSContext: @unchecked Sendable {
    /// Which side of the handshake sessions from this context play.
    enum Role: Sendable { case server, client }

    let pointer: OpaquePointer
    let role: Role

    /// TLS 1.2 cipher suites (OpenSSL names): ECDHE with an AEAD only, RFC 9325 §4.2.
    static let tls12CipherList =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
        + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

    /// TLS 1.3 cipher suites, RFC 8446 §9.1 (all three are AEAD).
    static let tls13CipherSuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

    /// Key-exchange groups, most preferred first (RFC 8446 §4.2.7, RFC 9325 §4.2.1).
    static let groups = "X25519:P-256:P-384"

    private init(taking pointer: OpaquePointer, role: Role) {
        self.pointer = pointer
        self.role = role
    }

    deinit { SSL_CTX_free(pointer) }

    /// A server context presenting the certificate chain and private key in two PEM files.
    ///
    /// Checking that the key file is not readable by group or others is the caller's job
    /// (`schoolid serve` refuses such a file). An encrypted private key is refused; no
    /// password prompt is ever shown.
    /// - Parameters:
    ///   - certificateChainPEMPath: the leaf certificate first, then any intermediates
    ///     (RFC 8446 §4.4.2: the sender's certificate must come first).
    ///   - privateKeyPEMPath: the leaf's private key (PKCS#8 or traditional PEM).
    /// - Throws: ``CryptoError/tlsFailure`` when a file cannot be read or parsed, or the
    ///   key does not belong to the leaf certificate.
    public static func server(certificateChainPEMPath: String, privateKeyPEMPath: String) throws -> TLSContext {
        let context = try TLSContext(role: .server)
        let ctx = context.pointer
        guard SSL_CTX_use_certificate_chain_file(ctx, certificateChainPEMPath) == 1 else {
            throw CryptoError.tlsFailure.drainingOpenSSLErrors(
                after: "SSL_CTX_use_certificate_chain_file(\(certificateChainPEMPath))")
        }
        guard SSL_CTX_use_PrivateKey_file(ctx, privateKeyPEMPath, SSL_FILETYPE_PEM) == 1 else {
            throw CryptoError.tlsFailure.drainingOpenSSLErrors(after: "SSL_CTX_use_PrivateKey_file(\(privateKeyPEMPath))")
        }
        guard SSL_CTX_check_private_key(ctx) == 1 else {
            throw CryptoError.tlsFailure.drainingOpenSSLErrors(after: "SSL_CTX_check_private_key")
        }
        // The server picks the cipher (our order, not the client's); no session tickets.
        SSL_CTX_set_options(ctx, csid_openssl_ssl_op_cipher_server_preference() | csid_openssl_ssl_op_no_ticket())
        guard SSL_CTX_set_num_tickets(ctx, 0) == 1 else { throw CryptoError.openSSL("SSL_CTX_set_num_tickets") }
        return context
    }

    /// A client context for outbound connections (SMTP STARTTLS, HTTPS calls).
    ///
    /// Sessions made from it verify the peer's certificate chain against the trust
    /// anchors (RFC 5280 §6) and the name given to ``TLSSession/init(context:fileDescriptor:serverName:)``;
    /// there is no way to turn either check off.
    /// - Parameter trustedCAPEMPath: a PEM file of trusted CA certificates, or `nil` for
    ///   OpenSSL's default system locations (`/etc/ssl/certs` on Debian).
    /// - Throws: ``CryptoError/tlsFailure`` when the CA file cannot be read or holds no
    ///   certificate, or the default locations cannot be set.
    public static func client(trustedCAPEMPath: String? = nil) throws -> TLSContext {
        let context = try TLSContext(role: .client)
        let ctx = context.pointer
        if let trustedCAPEMPath {
            guard SSL_CTX_load_verify_locations(ctx, trustedCAPEMPath, nil) == 1 else {
                throw CryptoError.tlsFailure.drainingOpenSSLErrors(
                    after: "SSL_CTX_load_verify_locations(\(trustedCAPEMPath))")
            }
        } else {
            guard SSL_CTX_set_default_verify_paths(ctx) == 1 else {
                throw CryptoError.tlsFailure.drainingOpenSSLErrors(after: "SSL_CTX_set_default_verify_paths")
            }
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        return context
    }

    /// A context with the settings both roles share.
    private convenience init(role: Role) throws {
        guard let ctx = SSL_CTX_new(role == .server ? TLS_server_method() : TLS_client_method()) else {
            throw CryptoError.openSSL("SSL_CTX_new")
        }
        self.init(taking: ctx, role: role)
        csid_openssl_ssl_ctx_refuse_passwords(ctx)
        guard csid_openssl_ssl_ctx_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 else {
            throw CryptoError.openSSL("SSL_CTX_set_min_proto_version")
        }
        SSL_CTX_set_options(ctx, csid_openssl_ssl_op_no_compression() | csid_openssl_ssl_op_no_renegotiation())
        guard SSL_CTX_set_cipher_list(ctx, Self.tls12CipherList) == 1 else {
            throw CryptoError.openSSL("SSL_CTX_set_cipher_list")
        }
        guard SSL_CTX_set_ciphersuites(ctx, Self.tls13CipherSuites) == 1 else {
            throw CryptoError.openSSL("SSL_CTX_set_ciphersuites")
        }
        guard csid_openssl_ssl_ctx_set1_groups_list(ctx, Self.groups) == 1 else {
            throw CryptoError.openSSL("SSL_CTX_set1_groups_list")
        }
        // Non-blocking writes: SSL_write may consume part of the buffer, and a retry after
        // WANT_WRITE may pass the same bytes from a different address (a reallocated array).
        _ = csid_openssl_ssl_ctx_set_mode(ctx, csid_openssl_ssl_mode_partial_moving_write())
    }
}
