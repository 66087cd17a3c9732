/// The signature algorithms SchoolID accepts: an explicit allow-list (RFC 8725 §3.1).
///
/// `none`, the HMAC family and every other registered value (RFC 7518 §3.1) are not
/// representable, so a header naming them fails to parse with
/// `JOSEError.unsupportedAlgorithm`.
public enum JWSAlgorithm: String, Hashable, Sendable, Codable, CaseIterable {
    /// ECDSA using P-256 and SHA-256 (RFC 7518 §3.4); signatures are raw `r‖s`, 64 bytes.
    case ES256
    /// Ed25519 (RFC 8037 §3.1); signatures are 64 bytes.
    case EdDSA
    /// RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3), keys of at least 2048 bits.
    case RS256

    /// Parses a header or JWK `alg` value.
    /// - Throws: `JOSEError.unsupportedAlgorithm` for any value off the allow-list.
    init(headerValue: String) throws(JOSEError) {
        guard let algorithm = JWSAlgorithm(rawValue: headerValue) else { throw .unsupportedAlgorithm }
        self = algorithm
    }
}
