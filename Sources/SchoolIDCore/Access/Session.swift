import SchoolIDBase
import SchoolIDCrypto

/// A browser or API session, or a password-change ticket, stored by the SHA-256 hash
/// of its secret token (the token itself only ever exists in the cookie or header).
public struct Session: Hashable, Sendable {
    /// What the token is good for.
    public enum Purpose: String, Hashable, Sendable, CaseIterable {
        /// A logged-in session (cookie or bearer).
        case session
        /// Good only for `POST /v1/password/change`, once.
        case passwordChange = "password_change"
    }

    /// SHA-256 of the token.
    public var tokenHash: [UInt8]
    public var accountID: Account.ID
    public var purpose: Purpose
    public var createdAt: UnixTime
    public var lastSeenAt: UnixTime
    /// Idle expiry: moves forward on use, never past ``absoluteExpiresAt``.
    public var idleExpiresAt: UnixTime
    public var absoluteExpiresAt: UnixTime
    public var revokedAt: UnixTime?
    /// When the person last proved their password in this session (login, step-up).
    public var authenticatedAt: UnixTime

    public init(tokenHash: [UInt8], accountID: Account.ID, purpose: Purpose, createdAt: UnixTime,
                idleExpiresAt: UnixTime, absoluteExpiresAt: UnixTime, revokedAt: UnixTime? = nil,
                lastSeenAt: UnixTime? = nil, authenticatedAt: UnixTime? = nil)
    {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.purpose = purpose
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt ?? createdAt
        self.idleExpiresAt = idleExpiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
        self.revokedAt = revokedAt
        self.authenticatedAt = authenticatedAt ?? createdAt
    }

    /// Whether the session may be used at `now`: not revoked, not idle, not past its
    /// absolute lifetime.
    public func isUsable(at now: UnixTime) -> Bool {
        revokedAt == nil && now < idleExpiresAt && now < absoluteExpiresAt
    }

    /// The session's public handle, `ses_` + base64url of the first 16 bytes of
    /// SHA-256 over ``tokenHash``: what "my sessions" shows and revokes by. It names a
    /// session without standing in for one (neither the token nor its stored hash can
    /// be recovered from it), so listing sessions never hands out credentials.
    public var handle: String {
        "ses_" + Base64URL.encode(Array(SHA256.hash(tokenHash).prefix(16)))
    }
}
