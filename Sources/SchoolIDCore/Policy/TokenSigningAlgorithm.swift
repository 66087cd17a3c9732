/// A JWS algorithm SchoolID signs with (RFC 7518 §3.1, RFC 8037 §3.1). A Core value so
/// that policies need not import the JOSE module; the composition root maps it.
public enum TokenSigningAlgorithm: String, Hashable, Sendable, CaseIterable, Codable {
    /// ECDSA P-256 with SHA-256, the default: fastest in OpenSSL 3.0, widely supported.
    case es256 = "ES256"
    /// Ed25519.
    case edDSA = "EdDSA"
    /// RSASSA-PKCS1-v1_5 with SHA-256; OIDC Discovery requires it for ID tokens.
    case rs256 = "RS256"
}
