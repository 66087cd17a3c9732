import SchoolIDBase
import SchoolIDCrypto

/// Proof Key for Code Exchange with the `S256` method only (RFC 7636; DESIGN: S256 only).
public enum PKCE {
    /// The `code_challenge` for `verifier`: `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2).
    /// - Parameter verifier: a code verifier (43–128 characters of `[A-Za-z0-9-._~]`, RFC 7636 §4.1).
    /// - Throws: `JOSEError.malformed` when `verifier` breaks the §4.1 syntax.
    public static func codeChallenge(for verifier: String) throws(JOSEError) -> String {
        guard isValidVerifier(verifier) else { throw .malformed }
        return Base64URL.encode(SHA256.hash(Array(verifier.utf8)))
    }

    /// Whether `verifier` matches the stored `challenge` (RFC 7636 §4.6), compared in
    /// constant time (`CRYPTO_memcmp`) so the comparison leaks nothing about the challenge.
    /// - Returns: `false` for a syntactically invalid verifier or any mismatch.
    public static func verify(verifier: String, challenge: String) -> Bool {
        guard let computed = try? codeChallenge(for: verifier) else { return false }
        return ConstantTime.equals(Array(computed.utf8), Array(challenge.utf8))
    }

    /// RFC 7636 §4.1: `code-verifier = 43*128unreserved`, `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    public static func isValidVerifier(_ verifier: String) -> Bool {
        let bytes = verifier.utf8
        guard (43...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
            default: false
            }
        }
    }
}
