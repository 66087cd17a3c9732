import SchoolIDBase

/// An authorization code at rest (RFC 6749 §4.1.2), stored by the SHA-256 hash of the
/// code: single use, short-lived (`authorization_code_seconds`), bound to the client,
/// the redirect URI and the PKCE challenge (RFC 7636 §4.4).
///
/// Redemption leaves ``consumedAt`` as a tombstone instead of deleting the row, so that
/// a second presentation is recognised and revokes what the first produced
/// (RFC 6749 §4.1.2: "the authorization server … SHOULD revoke … all tokens previously
/// issued based on that authorization code"): the refresh family ``familyID``.
public struct AuthorizationCode: Hashable, Sendable {
    /// SHA-256 of the code.
    public var codeHash: [UInt8]
    public var clientID: String
    /// The person who authorised.
    public var accountID: Account.ID
    /// SHA-256 token hash of the login session the code came from.
    public var sessionTokenHash: [UInt8]
    /// The exact redirect URI of the authorization request.
    public var redirectURI: String
    /// The PKCE S256 `code_challenge`.
    public var codeChallenge: String
    /// Granted scopes, space-separated.
    public var scope: String
    /// The authorization request's `nonce`, echoed in the ID token.
    public var nonce: String?
    public var createdAt: UnixTime
    public var expiresAt: UnixTime
    /// When the code was redeemed (the tombstone), or `nil`.
    public var consumedAt: UnixTime?
    /// The refresh-token family the redemption opens, chosen when the code is made so
    /// that a replay finds it without a second write.
    public var familyID: String

    public init(codeHash: [UInt8], clientID: String, accountID: Account.ID, sessionTokenHash: [UInt8],
                redirectURI: String, codeChallenge: String, scope: String, nonce: String?, createdAt: UnixTime,
                expiresAt: UnixTime, consumedAt: UnixTime? = nil, familyID: String)
    {
        self.codeHash = codeHash
        self.clientID = clientID
        self.accountID = accountID
        self.sessionTokenHash = sessionTokenHash
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.scope = scope
        self.nonce = nonce
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
        self.familyID = familyID
    }

    /// Whether the code may still be redeemed at `now`.
    public func isRedeemable(at now: UnixTime) -> Bool { consumedAt == nil && now < expiresAt }
}

/// What one redemption attempt found.
public struct CodeRedemption: Hashable, Sendable {
    /// The code as stored before this call.
    public let code: AuthorizationCode
    /// Whether this call consumed it. `false`: it was consumed before (a replay: revoke
    /// ``AuthorizationCode/familyID``) or it expired.
    public let consumedNow: Bool

    public init(code: AuthorizationCode, consumedNow: Bool) {
        self.code = code
        self.consumedNow = consumedNow
    }
}
