internal import CSchoolIDOpenSSL
import Synchronization

/// Owns one `EVP_PKEY` (public or private) and frees it in `deinit`.
///
/// `EVP_PKEY_free` runs the provider's key-free routine, which cleanses private
/// components before releasing them.
// SAFETY: the EVP_PKEY is never mutated after init. OpenSSL 3 supports concurrent
// read-only use of one EVP_PKEY (export, sign and verify through separate contexts)
// from several threads; deinit runs when no Swift reference remains.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Reusable signing and verification contexts, by operation and digest name.
    private let pools = Mutex<[String: PKeyContextPool]>([:])

    /// The context pool for `operation` with `digest`, created on first use.
    func pool(_ operation: PKeyContextPool.Operation, digest: MessageDigest) -> PKeyContextPool {
        pools.withLock { pools in
            let name = "\(operation):\(digest.name)"
            if let pool = pools[name] { return pool }
            let pool = PKeyContextPool(key: pointer, operation: operation, digest: digest)
            pools[name] = pool
            return pool
        }
    }

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Generates a key of `algorithm` ("EC", "ED25519", "RSA") with OpenSSL's own RNG.
    /// - Parameter configure: sets algorithm parameters on the keygen context.
    static func generate(_ algorithm: StaticString, configure: (OpaquePointer) -> Int32 = { _ in 1 }) throws -> EVPKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, cString(algorithm), nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_name(\(algorithm))")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw CryptoError.openSSL("EVP_PKEY_keygen_init") }
        guard configure(context) == 1 else { throw CryptoError.openSSL("keygen parameters for \(algorithm)") }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else { throw CryptoError.openSSL("EVP_PKEY_keygen") }
        return EVPKey(taking: key)
    }

    /// Builds a key from provider parameters (`EVP_PKEY_fromdata`).
    /// - Parameters:
    ///   - algorithm: the key type name, e.g. "RSA" or "EC".
    ///   - privateKey: whether to import a key pair rather than a public key only.
    ///   - build: pushes the parameters.
    /// - Throws: ``CryptoError/invalidKey`` when OpenSSL rejects the material.
    static func fromData(_ algorithm: StaticString, privateKey: Bool,
                         build: (ParameterBuilder) throws -> Void) throws -> EVPKey {
        let builder = try ParameterBuilder()
        try build(builder)
        return try builder.withParameters { parameters in
            guard let context = EVP_PKEY_CTX_new_from_name(nil, cString(algorithm), nil) else {
                throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_name(\(algorithm))")
            }
            defer { EVP_PKEY_CTX_free(context) }
            guard EVP_PKEY_fromdata_init(context) == 1 else { throw CryptoError.openSSL("EVP_PKEY_fromdata_init") }
            var key: OpaquePointer?
            let selection = privateKey ? csid_openssl_selection_keypair() : csid_openssl_selection_public_key()
            guard EVP_PKEY_fromdata(context, &key, selection, parameters) == 1, let key else {
                throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "EVP_PKEY_fromdata(\(algorithm))")
            }
            return EVPKey(taking: key)
        }
    }

    /// A C string pointer for a literal: `EVP_PKEY_CTX_new_from_name` keeps the key-type
    /// pointer in the context, so a temporary bridged Swift string would dangle.
    private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// Whether the key is of type `name` ("EC", "ED25519", "RSA").
    func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }

    /// The key size in bits (`EVP_PKEY_get_bits`): the modulus for RSA, the field for EC.
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// Runs `EVP_PKEY_public_check` (for EC: the point is on the curve and not at infinity).
    func checkPublic() throws {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_public_check(context) == 1 else {
            throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "EVP_PKEY_public_check")
        }
    }

    /// Runs `EVP_PKEY_pairwise_check`: the private and public halves belong together.
    func checkPairwise() throws {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_pairwise_check(context) == 1 else {
            throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "EVP_PKEY_pairwise_check")
        }
    }

    /// A big-number parameter as unsigned big-endian bytes, left-padded to `padTo` if given.
    func bigNumber(_ name: String, padTo width: Int? = nil) -> [UInt8]? {
        var value: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &value) == 1, let value else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        defer { BN_clear_free(value) }
        return BigNumber.bytes(of: value, padTo: width)
    }

    /// A UTF-8 string parameter, such as the EC group name.
    func string(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(pointer, name, &buffer, buffer.count, &length) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The raw public key (Ed25519: 32 bytes).
    func rawPublicKey() throws -> [UInt8] {
        var length = 0
        guard EVP_PKEY_get_raw_public_key(pointer, nil, &length) == 1 else {
            throw CryptoError.openSSL("EVP_PKEY_get_raw_public_key")
        }
        var out = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_public_key(pointer, &out, &length) == 1 else {
            throw CryptoError.openSSL("EVP_PKEY_get_raw_public_key")
        }
        return Array(out.prefix(length))
    }

    /// The raw private key (Ed25519: the 32-byte seed).
    func rawPrivateKey() throws -> [UInt8] {
        var length = 0
        guard EVP_PKEY_get_raw_private_key(pointer, nil, &length) == 1 else {
            throw CryptoError.openSSL("EVP_PKEY_get_raw_private_key")
        }
        var out = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_private_key(pointer, &out, &length) == 1 else {
            throw CryptoError.openSSL("EVP_PKEY_get_raw_private_key")
        }
        return Array(out.prefix(length))
    }

    /// A new key holding only the public half, through a SubjectPublicKeyInfo DER round trip
    /// (`i2d_PUBKEY`/`d2i_PUBKEY`), so public key types never carry private material.
    func publicOnly() throws -> EVPKey {
        let der = try subjectPublicKeyInfo()
        return try EVPKey.fromSubjectPublicKeyInfo(der)
    }

    /// The DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
    func subjectPublicKeyInfo() throws -> [UInt8] {
        let length = i2d_PUBKEY(pointer, nil)
        guard length > 0 else { throw CryptoError.openSSL("i2d_PUBKEY") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_PUBKEY(pointer, &cursor)
        }
        guard written == length else { throw CryptoError.openSSL("i2d_PUBKEY") }
        return der
    }

    /// Parses a DER SubjectPublicKeyInfo; trailing bytes are rejected.
    static func fromSubjectPublicKeyInfo(_ der: [UInt8]) throws -> EVPKey {
        try der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let key = d2i_PUBKEY(nil, &cursor, buffer.count) else {
                throw CryptoError.invalidKey.drainingOpenSSLErrors(after: "d2i_PUBKEY")
            }
            let wrapped = EVPKey(taking: key)
            guard let cursor, cursor == buffer.baseAddress! + buffer.count else {
                throw CryptoError.invalidKey.with("trailing bytes after SubjectPublicKeyInfo")
            }
            return wrapped
        }
    }
}
