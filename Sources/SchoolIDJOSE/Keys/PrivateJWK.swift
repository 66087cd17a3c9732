/// A private JWK read from a file or an RFC example, to be turned into a ``SigningKey``.
///
/// Decodable only: there is no way to encode one, to read its members from outside this
/// module, or to print them (its description is redacted). Keyring files use PKCS#8 PEM;
/// this type exists for importing keys published as JWKs (RFC 7515 Appendix A, RFC 8037 A.1).
public struct PrivateJWK: Decodable, Sendable, CustomStringConvertible {
    let keyType: String
    let curve: String?
    let x: String?
    let y: String?
    let d: String?
    let n: String?
    let e: String?
    let p: String?
    let q: String?
    let dp: String?
    let dq: String?
    let qi: String?
    let keyID: String?
    let algorithm: String?

    enum CodingKeys: String, CodingKey {
        case keyType = "kty", curve = "crv", x, y, d, n, e, p, q, dp, dq, qi, keyID = "kid", algorithm = "alg"
    }

    /// `PrivateJWK(kty: …, <redacted>)`: never the key material.
    public var description: String { "PrivateJWK(kty: \(keyType), <redacted>)" }

    /// The public half, as wire-form members.
    var publicJWK: PublicJWK {
        PublicJWK(keyType: keyType, curve: curve, x: x, y: y, modulus: n, exponent: e, keyID: keyID, algorithm: algorithm)
    }
}
