internal import CSchoolIDOpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One TLS connection (RFC 8446, RFC 5246) over a non-blocking socket the caller owns.
///
/// Every operation returns at once with a ``TLSIOResult``: on `.wantRead` / `.wantWrite`
/// wait for that readiness (epoll, poll) and call the same operation again. The caller
/// keeps owning the file descriptor: the session never closes it, and the descriptor
/// must stay open for the session's lifetime.
///
/// Rules for a reactor:
/// - Call ``handshake()`` until `.done(0)` (or let the first ``read(into:maximum:)`` /
///   ``write(_:)`` drive it).
/// - After `.done` from ``read(into:maximum:)``, read again before waiting for
///   readability: OpenSSL may hold decrypted bytes of a record that the socket no
///   longer signals.
/// - After `.wantWrite` from ``write(_:)``, retry with the same bytes (a copy is fine).
/// - OpenSSL writes to the socket with `write(2)`: a peer that has gone raises
///   `SIGPIPE`. The process must ignore `SIGPIPE` (`schoolid serve` does) before any
///   session writes.
///
/// A session is not `Sendable`: it belongs to one connection task. OpenSSL's error
/// queue is per thread, and every call drains it before returning, so the task may
/// move between threads between calls.
public final class TLSSession {
    private let ssl: OpaquePointer
    private let role: TLSContext.Role
    /// Set after a fatal error or the peer's end of stream: no further I/O, no close_notify.
    private var isDead = false

    /// Prepares a session on `fileDescriptor`, a connected non-blocking stream socket.
    /// - Parameters:
    ///   - context: a ``TLSContext/server(certificateChainPEMPath:privateKeyPEMPath:)`` or
    ///     ``TLSContext/client(trustedCAPEMPath:)`` context.
    ///   - serverName: client only, required there: the peer's DNS name or IP address
    ///     literal. A DNS name is sent as SNI (RFC 6066 §3) and must match the
    ///     certificate's subjectAltName (RFC 9525 §6.3, no partial wildcards); an IP
    ///     address must match an iPAddress entry (RFC 5280 §4.2.1.6) and is not sent as SNI.
    /// - Throws: ``CryptoError/invalidParameters`` for a client without a server name, a
    ///   server given one, or an empty name or one containing NUL;
    ///   ``CryptoError/internalFailure`` when OpenSSL cannot allocate the session.
    public init(context: TLSContext, fileDescriptor: Int32, serverName: String? = nil) throws {
        switch (context.role, serverName) {
        case (.server, .some):
            throw CryptoError.invalidParameters.with("a server session takes no serverName")
        case (.client, .none):
            throw CryptoError.invalidParameters.with("a client session needs the serverName to verify")
        case (.client, .some(let name)) where name.isEmpty || name.utf8.contains(0):
            throw CryptoError.invalidParameters.with("serverName is empty or contains NUL")
        default:
            break
        }
        guard let ssl = SSL_new(context.pointer) else { throw CryptoError.openSSL("SSL_new") }
        self.ssl = ssl
        self.role = context.role
        guard SSL_set_fd(ssl, fileDescriptor) == 1 else { throw CryptoError.openSSL("SSL_set_fd") }
        if let serverName {
            try Self.expectPeer(named: serverName, on: ssl)
            SSL_set_connect_state(ssl)
        } else {
            SSL_set_accept_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    /// Sets the name the peer's certificate must carry, and SNI for DNS names.
    private static func expectPeer(named name: String, on ssl: OpaquePointer) throws {
        guard let parameters = SSL_get0_param(ssl) else { throw CryptoError.openSSL("SSL_get0_param") }
        if isIPAddress(name) {
            guard X509_VERIFY_PARAM_set1_ip_asc(parameters, name) == 1 else {
                throw CryptoError.invalidParameters.drainingOpenSSLErrors(after: "X509_VERIFY_PARAM_set1_ip_asc")
            }
            return
        }
        guard csid_openssl_ssl_set_tlsext_host_name(ssl, name) == 1 else {
            throw CryptoError.invalidParameters.drainingOpenSSLErrors(after: "SSL_set_tlsext_host_name")
        }
        X509_VERIFY_PARAM_set_hostflags(parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        guard SSL_set1_host(ssl, name) == 1 else {
            throw CryptoError.invalidParameters.drainingOpenSSLErrors(after: "SSL_set1_host")
        }
    }

    private static func isIPAddress(_ name: String) -> Bool {
        var address = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, name, &address) == 1 || inet_pton(AF_INET6, name, &address) == 1
    }

    /// Advances the handshake (RFC 8446 §4; RFC 5246 §7.3).
    /// - Returns: `.done(0)` once the handshake is complete (and on every later call),
    ///   `.wantRead` / `.wantWrite`, or `.closed` when the peer went away mid-handshake.
    /// - Throws: ``CryptoError/tlsFailure`` on a protocol error, a refused version or
    ///   cipher, or (client) a peer certificate that fails verification; the detail
    ///   carries OpenSSL's reasons and verify result ("Hostname mismatch", …).
    public func handshake() throws -> TLSIOResult {
        if SSL_is_init_finished(ssl) == 1 { return .done(0) }
        try checkAlive()
        let (result, error) = call { SSL_do_handshake(ssl) }
        if result == 1 { return .done(0) }
        return try outcome(result, errno: error, of: "SSL_do_handshake")
    }

    /// Reads up to `maximum` plaintext bytes and appends them to `buffer`.
    /// - Returns: `.done(n)` with `n > 0` bytes appended, `.wantRead` / `.wantWrite`, or
    ///   `.closed` on the peer's close_notify or end of stream (the HTTP and SMTP layers
    ///   detect truncation by their own framing).
    /// - Throws: ``CryptoError/tlsFailure`` on a protocol error or a reset connection.
    public func read(into buffer: inout [UInt8], maximum: Int) throws -> TLSIOResult {
        precondition(maximum > 0, "read maximum must be positive")
        try checkAlive()
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: maximum))
        var count = 0
        let (result, error) = buffer.withUnsafeMutableBufferPointer { storage in
            call { SSL_read_ex(ssl, storage.baseAddress! + start, maximum, &count) }
        }
        buffer.removeLast(maximum - (result == 1 ? count : 0))
        if result == 1 { return .done(count) }
        return try outcome(result, errno: error, of: "SSL_read_ex")
    }

    /// Encrypts and sends a prefix of `bytes`.
    /// - Returns: `.done(n)`, the number of bytes consumed (at least one, possibly fewer
    ///   than all: send the rest next), `.done(0)` for no bytes, `.wantRead` /
    ///   `.wantWrite` (retry with the same bytes), or `.closed` when the peer went away.
    /// - Throws: ``CryptoError/tlsFailure`` on a protocol error or a reset connection.
    public func write(_ bytes: [UInt8]) throws -> TLSIOResult {
        if bytes.isEmpty { return .done(0) }
        try checkAlive()
        var written = 0
        let (result, error) = bytes.withUnsafeBytes { input in
            call { SSL_write_ex(ssl, input.baseAddress, input.count, &written) }
        }
        if result == 1 { return .done(written) }
        return try outcome(result, errno: error, of: "SSL_write_ex")
    }

    /// Sends close_notify (RFC 8446 §6.1).
    ///
    /// The caller may close the socket once this returns `.done(0)`, without waiting for
    /// the peer's close_notify (allowed by RFC 8446 §6.1); to wait, read until `.closed`.
    /// - Returns: `.done(0)` once close_notify is sent, `.wantWrite` / `.wantRead`
    ///   (retry), or `.closed` when it cannot be sent (handshake incomplete, peer gone,
    ///   fatal error): close the socket either way.
    public func shutdown() -> TLSIOResult {
        guard !isDead, SSL_is_init_finished(ssl) == 1 else { return .closed }
        let (result, _) = call { SSL_shutdown(ssl) }
        if result >= 0 { return .done(0) }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        default:
            isDead = true
            OpenSSLErrorQueue.clear()
            return .closed
        }
    }

    /// The protocol version agreed in the handshake ("TLSv1.3", "TLSv1.2"), or `nil`
    /// before the handshake is complete.
    public var negotiatedProtocol: String? {
        guard SSL_is_init_finished(ssl) == 1, let version = SSL_get_version(ssl) else { return nil }
        return String(cString: version)
    }

    // MARK: - Errors

    /// Runs one `SSL_*` I/O call on a clean error queue and `errno`, returning both.
    private func call(_ body: () -> Int32) -> (Int32, Int32) {
        OpenSSLErrorQueue.clear()
        errno = 0
        let result = body()
        return (result, errno)
    }

    private func checkAlive() throws {
        if isDead { throw CryptoError.tlsFailure.with("the connection has already failed or closed") }
    }

    /// Maps a failed I/O call to a result, or throws with the error queue drained.
    private func outcome(_ result: Int32, errno error: Int32, of name: String) throws -> TLSIOResult {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0 && (error == 0 || error == EPIPE):
            // End of stream without close_notify (OpenSSL 1.1 style), or a write to a
            // socket whose peer has gone.
            isDead = true
            return .closed
        case SSL_ERROR_SSL where csid_openssl_err_is_unexpected_eof(ERR_peek_error()) == 1:
            // OpenSSL 3 reports the same end of stream as SSL_R_UNEXPECTED_EOF_WHILE_READING.
            isDead = true
            OpenSSLErrorQueue.clear()
            return .closed
        case SSL_ERROR_SYSCALL:
            isDead = true
            let reason = error == 0 ? "" : " (\(String(cString: strerror(error))))"
            throw CryptoError.tlsFailure.drainingOpenSSLErrors(after: "\(name): I/O error\(reason)")
        default:
            isDead = true
            throw CryptoError.tlsFailure.drainingOpenSSLErrors(after: "\(name)\(verifyFailure)")
        }
    }

    /// ` [peer certificate: …]` when a client rejected the peer's certificate, else "".
    private var verifyFailure: String {
        guard role == .client else { return "" }
        let result = SSL_get_verify_result(ssl)
        guard result != X509_V_OK, let text = X509_verify_cert_error_string(result) else { return "" }
        return " [peer certificate: \(String(cString: text))]"
    }
}

@available(*, unavailable, message: "a TLSSession belongs to one connection task")
extension TLSSession: Sendable {}
