/// A public JSON Web Key (RFC 7517 §4) for the three key types SchoolID signs with:
/// `EC` P-256 (RFC 7518 §6.2.1), `OKP` Ed25519 (RFC 8037 §2) and `RSA` (RFC 7518 §6.3.1).
///
/// It has no private-parameter properties at all, so encoding one can never leak a
/// private key (STYLE §9.4): this is the only element type of ``JWKS``. Decoding JSON
/// that carries private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or a symmetric
/// `k`) throws `JOSEError.privateKeyMaterial` instead of silently dropping them, because
/// such a document means a private key was published by mistake. Other unknown members
/// (`x5c`, `key_ops`…) are ignored, as RFC 7517 §4 asks. Key material stays in its
/// base64url wire form; ``VerificationKey`` checks it.
public struct PublicJWK: Hashable, Sendable, Codable {
    /// `kty` (RFC 7517 §4.1): `EC`, `OKP` or `RSA` for usable keys.
    public var keyType: String
    /// `crv` (RFC 7518 §6.2.1.1, RFC 8037 §2): `P-256` or `Ed25519`.
    public var curve: String?
    /// `x`: the EC x coordinate or the OKP public key, base64url.
    public var x: String?
    /// `y`: the EC y coordinate, base64url.
    public var y: String?
    /// `n`: the RSA modulus, base64url (RFC 7518 §6.3.1.1).
    public var modulus: String?
    /// `e`: the RSA public exponent, base64url (RFC 7518 §6.3.1.2).
    public var exponent: String?
    /// `kid` (RFC 7517 §4.5); SchoolID uses the RFC 7638 thumbprint.
    public var keyID: String?
    /// `alg` (RFC 7517 §4.4).
    public var algorithm: String?
    /// `use` (RFC 7517 §4.2): `sig` for every SchoolID key.
    public var use: String?

    enum CodingKeys: String, CodingKey {
        case keyType = "kty", curve = "crv", x, y, modulus = "n", exponent = "e"
        case keyID = "kid", algorithm = "alg", use
    }

    /// Member names that only private (or symmetric) JWKs carry (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
    static let privateMemberNames: Set<String> = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// Creates a public JWK from wire-form members.
    public init(
        keyType: String, curve: String? = nil, x: String? = nil, y: String? = nil,
        modulus: String? = nil, exponent: String? = nil,
        keyID: String? = nil, algorithm: String? = nil, use: String? = nil
    ) {
        self.keyType = keyType
        self.curve = curve
        self.x = x
        self.y = y
        self.modulus = modulus
        self.exponent = exponent
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
    }

    /// Decodes a JWK, refusing private members.
    /// - Throws: `JOSEError.privateKeyMaterial` when a private member is present; a
    ///   `DecodingError` when `kty` is missing or a member is not a string.
    public init(from decoder: any Decoder) throws {
        let names = try decoder.container(keyedBy: MemberName.self).allKeys.map(\.stringValue)
        guard Self.privateMemberNames.isDisjoint(with: names) else { throw JOSEError.privateKeyMaterial }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keyType = try container.decode(String.self, forKey: .keyType)
        curve = try container.decodeIfPresent(String.self, forKey: .curve)
        x = try container.decodeIfPresent(String.self, forKey: .x)
        y = try container.decodeIfPresent(String.self, forKey: .y)
        modulus = try container.decodeIfPresent(String.self, forKey: .modulus)
        exponent = try container.decodeIfPresent(String.self, forKey: .exponent)
        keyID = try container.decodeIfPresent(String.self, forKey: .keyID)
        algorithm = try container.decodeIfPresent(String.self, forKey: .algorithm)
        use = try container.decodeIfPresent(String.self, forKey: .use)
    }

    private struct MemberName: CodingKey {
        let stringValue: String
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
