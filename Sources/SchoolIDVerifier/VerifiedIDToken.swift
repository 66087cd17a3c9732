public import SchoolIDBase

/// An ID token (OIDC Core §2) whose signature, type, issuer, audience, times and nonce
/// were checked.
public struct VerifiedIDToken: Hashable, Sendable, Encodable {
    /// `sub`: the account ID.
    public var subject: String
    /// `aud`: the client IDs it is addressed to.
    public var audience: [String]
    /// `iat`.
    public var issuedAt: UnixTime
    /// `exp`.
    public var expiresAt: UnixTime
    /// `auth_time`.
    public var authTime: UnixTime?
    /// `nonce`, echoed from the authorization request.
    public var nonce: String?
    /// `amr` (RFC 8176).
    public var amr: [String]
    /// `acr`: `"1"` or `"2"`.
    public var acr: String?
    /// `sid`: the session's public handle (for RP-initiated and back-channel logout).
    public var sessionID: String?
    /// `at_hash` (OIDC Core §3.1.3.6), when the token was issued with an access token.
    public var accessTokenHash: String?

    enum CodingKeys: String, CodingKey {
        case subject = "sub", audience = "aud", issuedAt = "iat", expiresAt = "exp", authTime = "auth_time"
        case nonce, amr, acr, sessionID = "sid", accessTokenHash = "at_hash"
    }
}
