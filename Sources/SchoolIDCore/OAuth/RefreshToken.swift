import SchoolIDBase

/// A refresh token at rest: opaque to the client, stored by the SHA-256 hash, one
/// member of a family that starts at a code redemption.
///
/// Every use rotates it (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): the presented
/// token gets ``rotatedAt`` as a tombstone and a successor joins the family. Presenting
/// a rotated token again is reuse and revokes the whole family — with no grace period
/// (a client that lost a response logs in again).
public struct RefreshToken: Hashable, Sendable {
    /// SHA-256 of the token.
    public var tokenHash: [UInt8]
    /// The family (all rotations of one login at one client).
    public var familyID: String
    public var clientID: String
    public var accountID: Account.ID
    /// SHA-256 token hash of the login session, or `nil` when not tied to one.
    public var sessionTokenHash: [UInt8]?
    /// Granted scopes, space-separated.
    public var scope: String
    public var createdAt: UnixTime
    /// Unused this long, the token dies (`refresh_token_idle_seconds`).
    public var idleExpiresAt: UnixTime
    /// The family's end, whatever its use (`refresh_token_absolute_seconds`).
    public var absoluteExpiresAt: UnixTime
    /// When it was exchanged for its successor (the tombstone), or `nil`.
    public var rotatedAt: UnixTime?
    /// When it (its family, the client or the account) was revoked, or `nil`.
    public var revokedAt: UnixTime?

    public init(tokenHash: [UInt8], familyID: String, clientID: String, accountID: Account.ID,
                sessionTokenHash: [UInt8]?, scope: String, createdAt: UnixTime, idleExpiresAt: UnixTime,
                absoluteExpiresAt: UnixTime, rotatedAt: UnixTime? = nil, revokedAt: UnixTime? = nil)
    {
        self.tokenHash = tokenHash
        self.familyID = familyID
        self.clientID = clientID
        self.accountID = accountID
        self.sessionTokenHash = sessionTokenHash
        self.scope = scope
        self.createdAt = createdAt
        self.idleExpiresAt = idleExpiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
        self.rotatedAt = rotatedAt
        self.revokedAt = revokedAt
    }

    /// Whether the token may be used at `now`: not rotated, not revoked, not expired.
    public func isUsable(at now: UnixTime) -> Bool {
        rotatedAt == nil && revokedAt == nil && now < idleExpiresAt && now < absoluteExpiresAt
    }
}

/// What one rotation attempt found.
public struct RefreshRotation: Hashable, Sendable {
    /// The presented token as stored before this call.
    public let presented: RefreshToken
    /// The successor this call inserted, or `nil` when the presented token was not
    /// usable (rotated before: reuse, revoke the family; or revoked or expired).
    public let successor: RefreshToken?

    /// Whether this call rotated the token.
    public var rotatedNow: Bool { successor != nil }

    public init(presented: RefreshToken, successor: RefreshToken?) {
        self.presented = presented
        self.successor = successor
    }
}
