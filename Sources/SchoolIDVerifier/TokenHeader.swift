import SchoolIDBase
import SchoolIDJOSE

/// The two header parameters the verifier reads before the signature is checked: `alg`
/// (to refuse algorithms off the allow-list without touching a key) and `kid` (to decide
/// whether an unknown key justifies a refetch).
///
/// Nothing else in the header is acted on: `jku`, `x5u`, `jwk` and `x5c` are ignored, so a
/// token can never choose where its keys come from (RFC 8725 §3.10). The `kid` is only
/// ever a dictionary key, never part of a URL or path.
struct TokenHeader {
    let algorithm: String
    let keyID: String?

    /// Reads the header of a compact JWS.
    /// - Throws: ``VerificationError/malformed`` when the first part is not base64url JSON
    ///   with a string `alg`.
    init(compact: String) throws(VerificationError) {
        guard let dot = compact.utf8.firstIndex(of: UInt8(ascii: ".")),
              let bytes = Base64URL.decode(compact[..<dot]),
              case .object(let members)? = try? JSONValue(parsing: bytes),
              let algorithm = members["alg"]?.stringValue
        else { throw .malformed }
        self.algorithm = algorithm
        keyID = members["kid"]?.stringValue
    }
}
