/// The verification keys a verifier trusts, looked up by `kid` only.
///
/// There is no default key and no "try every key" mode (STYLE §9.2): a token whose `kid`
/// is absent from the set is rejected with `JOSEError.unknownKeyID`.
public struct KeySet: Sendable {
    /// The keys, in the order given.
    public let keys: [VerificationKey]
    private let byID: [String: VerificationKey]

    /// Creates a set from keys.
    /// - Throws: `JOSEError.malformed` when two keys share a `kid` (lookup would be ambiguous).
    public init(_ keys: [VerificationKey]) throws(JOSEError) {
        var byID: [String: VerificationKey] = [:]
        for key in keys {
            guard byID.updateValue(key, forKey: key.keyID) == nil else { throw .malformed }
        }
        self.keys = keys
        self.byID = byID
    }

    /// Imports a JWKS, skipping keys this module cannot use (another `kty`, `crv`, `alg`
    /// or `use`), as RFC 7517 §5 allows, so a publisher can add key types without breaking us.
    /// - Throws: any other ``VerificationKey/init(jwk:)`` error (a usable key type with bad
    ///   material is an error, not something to skip), or `.malformed` for duplicate `kid`s.
    public init(jwks: JWKS) throws(JOSEError) {
        var keys: [VerificationKey] = []
        for jwk in jwks.keys {
            do {
                keys.append(try VerificationKey(jwk: jwk))
            } catch JOSEError.unsupportedAlgorithm {
                continue
            }
        }
        try self.init(keys)
    }

    /// The key whose `kid` is `keyID`, or `nil`.
    public func key(withID keyID: String) -> VerificationKey? { byID[keyID] }

    /// The set as a JWKS document (public members only).
    public var jwks: JWKS { JWKS(keys: keys.map(\.publicJWK)) }
}
