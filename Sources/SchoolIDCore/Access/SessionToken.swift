import SchoolIDBase
import SchoolIDCrypto

/// A session or ticket token as handed to the client: 256 random bits, base64url.
/// Only its SHA-256 hash is stored; the CSRF synchronizer token is derived from it, so
/// it changes whenever the session is rotated and needs no storage.
public struct SessionToken: Sendable, CustomStringConvertible {
    /// The token text (a secret: it never goes to logs).
    public let value: Secret<String>

    /// A fresh token.
    public init(random: any RandomSource) {
        value = Secret(random.token(bytes: 32))
    }

    /// Wraps a token received from a client.
    public init(presented text: String) {
        value = Secret(text)
    }

    /// SHA-256 of the token text, the stored key.
    public var hash: [UInt8] { SHA256.hash(Array(value.unredacted.utf8)) }

    /// The CSRF synchronizer token of this session: HMAC-SHA-256 keyed by the session
    /// token over a fixed label, base64url (OWASP CSRF cheat sheet, synchronizer token
    /// pattern; deriving it keeps it secret-equivalent without a second column).
    public var csrfToken: String {
        Base64URL.encode(HMAC.sha256(key: Array(value.unredacted.utf8), data: Array("schoolid:v1:csrf".utf8)))
    }

    /// Whether `presented` equals this session's CSRF token (constant time).
    public func isValidCSRFToken(_ presented: String) -> Bool {
        ConstantTime.equals(Array(presented.utf8), Array(csrfToken.utf8))
    }

    public var description: String { "[redacted]" }
}
