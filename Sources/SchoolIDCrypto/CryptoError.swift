/// An error from `SchoolIDCrypto`.
///
/// A struct wrapping a private code (so cases can be added without breaking callers)
/// plus the OpenSSL error-queue text drained where the C call failed. Equality and
/// hashing compare the code only, so `#expect(throws: CryptoError.invalidKey)` works
/// whatever OpenSSL said.
public struct CryptoError: Error, Hashable, CustomStringConvertible {
    private enum Code: String, Hashable {
        case invalidKey = "invalid_key"
        case invalidSignatureEncoding = "invalid_signature_encoding"
        case authenticationFailure = "authentication_failure"
        case invalidParameters = "invalid_parameters"
        case malformedHash = "malformed_hash"
        case unsupportedAlgorithm = "unsupported_algorithm"
        case internalFailure = "internal_failure"
        case tlsFailure = "tls_failure"
    }

    private let code: Code

    /// What went wrong, including OpenSSL's reason strings when a C call failed.
    /// Never contains key material or plaintext.
    public let detail: String

    private init(_ code: Code, detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// Malformed or unsupported key material, including RSA keys under ``RSA/minimumBits``.
    public static let invalidKey = CryptoError(.invalidKey)
    /// A signature whose encoding cannot be parsed (not a verification failure).
    public static let invalidSignatureEncoding = CryptoError(.invalidSignatureEncoding)
    /// AES-GCM authentication failed: the tag, ciphertext, nonce or associated data was altered.
    public static let authenticationFailure = CryptoError(.authenticationFailure)
    /// Parameters out of range: wrong nonce or tag length, cost parameters, output length.
    public static let invalidParameters = CryptoError(.invalidParameters)
    /// A password hash string that cannot be parsed.
    public static let malformedHash = CryptoError(.malformedHash)
    /// A well-formed request for an algorithm this module does not implement.
    public static let unsupportedAlgorithm = CryptoError(.unsupportedAlgorithm)
    /// An OpenSSL call failed unexpectedly.
    public static let internalFailure = CryptoError(.internalFailure)
    /// A TLS context could not be configured (unreadable certificate or key, key not
    /// matching the certificate), or a TLS connection failed: protocol error, peer
    /// certificate rejected (the detail carries OpenSSL's verify result), reset.
    public static let tlsFailure = CryptoError(.tlsFailure)

    /// The same error with `detail` attached.
    func with(_ detail: String) -> CryptoError { CryptoError(code, detail: detail) }

    /// The same error with the OpenSSL error queue drained into its detail.
    /// - Parameter call: the name of the C function that failed.
    func drainingOpenSSLErrors(after call: String) -> CryptoError {
        let reasons = OpenSSLErrorQueue.drain()
        return with(reasons.isEmpty ? call : "\(call): \(reasons.joined(separator: "; "))")
    }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        detail.isEmpty ? "CryptoError.\(code.rawValue)" : "CryptoError.\(code.rawValue): \(detail)"
    }
}
