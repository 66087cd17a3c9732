import SchoolIDBase

/// Reads refresh tokens.
public protocol RefreshTokenReader {
    /// The token with this hash (rotated, revoked and expired ones included), or `nil`.
    /// - Throws: a backend error.
    func token(hash: [UInt8]) throws -> RefreshToken?
    /// Every stored member of a family, oldest first.
    /// - Throws: a backend error.
    func family(_ familyID: String) throws -> [RefreshToken]
    /// Whether ``RefreshTokenStore/revokeFamily(_:at:)`` revoked this family less than
    /// ``TokenPolicy/maximumAccessTokenSeconds`` ago: introspection then refuses the
    /// access tokens issued under it (their `fam` claim), which live no longer.
    /// - Throws: a backend error.
    func isFamilyRevoked(_ familyID: String) throws -> Bool
    /// Whether the family has stored members and every one is revoked (a password change,
    /// unlinking, or a disabled account or client revokes members without marking the
    /// family). Answered without reading the family, which grows by one member per
    /// rotation: introspection asks this for every access token.
    /// - Throws: a backend error.
    func isEveryMemberRevoked(_ familyID: String) throws -> Bool
}

/// Stores refresh tokens by hash, in families (issue 9).
public protocol RefreshTokenStore: RefreshTokenReader {
    /// Adds a token (the first of a family, at code redemption).
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate hash.
    func insert(_ token: RefreshToken) throws
    /// Rotates a token atomically: only a token usable at `time` is marked rotated, and
    /// only the first of concurrent callers gets a successor. The successor inherits the
    /// family, client, account, session, scope and absolute expiry; its idle expiry is
    /// `idleExpiresAt`, never past the absolute one.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate `newHash`, or a backend error.
    /// - Returns: the presented token and the successor, or `nil` for an unknown hash.
    func rotate(hash: [UInt8], to newHash: [UInt8], idleExpiresAt: UnixTime, at time: UnixTime) throws
        -> RefreshRotation?
    /// Revokes every not yet revoked member of a family and marks the family revoked
    /// until `time` + ``TokenPolicy/maximumAccessTokenSeconds`` (``isFamilyRevoked(_:)``),
    /// even when no member is stored (a code redeemed without `offline_access`).
    /// - Returns: how many rows were revoked.
    @discardableResult
    func revokeFamily(_ familyID: String, at time: UnixTime) throws -> Int
    /// Revokes every refresh token of a client (client disabled).
    /// - Returns: how many rows were revoked.
    @discardableResult
    func revokeAll(clientID: String, at time: UnixTime) throws -> Int
    /// Revokes every refresh token of an account (password change, reissue, recovery,
    /// account disabled or deleted).
    /// - Returns: how many rows were revoked.
    @discardableResult
    func revokeAll(accountID: Account.ID, at time: UnixTime) throws -> Int
    /// Revokes every refresh token issued under one login session (an explicit end of
    /// that session: logout, revoking it from "my sessions", RP-initiated logout). A
    /// session that merely expires leaves them to their own idle and absolute limits.
    /// - Returns: how many rows were revoked.
    @discardableResult
    func revokeAll(sessionTokenHash: [UInt8], at time: UnixTime) throws -> Int
    /// Deletes tokens dead before `time`: revoked, past the absolute expiry, or (not
    /// rotated) past the idle expiry. Rotated tombstones stay while their family may
    /// live, so reuse is still recognised.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
}
