import SchoolIDBase
import SchoolIDCrypto

extension PublicJWK {
    /// The RFC 7638 JWK Thumbprint with SHA-256, base64url: SchoolID's `kid` for its keys.
    ///
    /// RFC 7638 §3.2: the hash input is the JSON object of the required members only, in
    /// lexicographic order, with no whitespace — `{"e","kty","n"}` for RSA, `{"crv","kty","x","y"}`
    /// for EC and `{"crv","kty","x"}` for OKP (RFC 8037 §2). `kid`, `alg` and `use` never change it.
    /// Member values must be base64url (and `crv` a plain curve name), so no JSON escaping
    /// is ever needed and the canonical form is unambiguous (RFC 7638 §3.3).
    /// - Throws: `JOSEError.unsupportedAlgorithm` for another `kty`; `.malformed` when a
    ///   required member is missing or not in its expected alphabet.
    public func thumbprint() throws(JOSEError) -> String {
        let members: [(String, String?)]
        switch keyType {
        case "RSA": members = [("e", exponent), ("kty", keyType), ("n", modulus)]
        case "EC": members = [("crv", curve), ("kty", keyType), ("x", x), ("y", y)]
        case "OKP": members = [("crv", curve), ("kty", keyType), ("x", x)]
        default: throw .unsupportedAlgorithm
        }
        var parts: [String] = []
        for (name, value) in members {
            guard let value, !value.isEmpty, value.utf8.allSatisfy(Self.isSafeMemberByte) else { throw .malformed }
            parts.append("\"\(name)\":\"\(value)\"")
        }
        let canonical = "{" + parts.joined(separator: ",") + "}"
        return Base64URL.encode(SHA256.hash(Array(canonical.utf8)))
    }

    /// Base64url characters, which also cover curve names such as `P-256` and `Ed25519`.
    private static func isSafeMemberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
