/// A JWK Set (RFC 7517 §5), the document served at `jwks_uri`.
///
/// Its elements are ``PublicJWK``s, so a JWKS can hold no private key material, and
/// decoding one that does fails (see ``PublicJWK``).
public struct JWKS: Hashable, Sendable, Codable {
    /// `keys` (RFC 7517 §5.1).
    public var keys: [PublicJWK]

    /// Creates a set from public keys.
    public init(keys: [PublicJWK]) { self.keys = keys }
}
