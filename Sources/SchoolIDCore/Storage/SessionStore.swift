import SchoolIDBase

/// Reads sessions.
public protocol SessionReader {
    /// The session with this token hash (revoked and expired ones included), or `nil`.
    /// - Throws: a backend error.
    func session(tokenHash: [UInt8]) throws -> Session?
    /// The account's logged-in sessions (purpose ``Session/Purpose/session`` only, no
    /// tickets) usable at `time`, newest first: what "my sessions" lists.
    /// - Throws: a backend error.
    func sessions(of accountID: Account.ID, usableAt time: UnixTime) throws -> [Session]
    /// Every row the store holds for the account: sessions and tickets, usable, expired
    /// or revoked (until retention deletes them), newest first: what an export lists
    /// (GDPR Art. 15).
    /// - Throws: a backend error.
    func allSessions(of accountID: Account.ID) throws -> [Session]
}

/// Reads and changes sessions and password-change tickets.
public protocol SessionStore: SessionReader {
    /// Adds a session.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate hash.
    func insert(_ session: Session) throws
    /// Records use: sets `lastSeenAt` and moves `idleExpiresAt`, only for a session
    /// usable at `time`.
    /// - Throws: a backend error.
    /// - Returns: whether the session was usable and touched.
    @discardableResult
    func touch(tokenHash: [UInt8], at time: UnixTime, idleExpiresAt: UnixTime) throws -> Bool
    /// Records a second factor proven in a session (the second login step or a
    /// step-up): adds `method` to ``Session/amr`` (once), sets ``Session/acr`` to
    /// ``Session/secondFactorACR`` and ``Session/secondFactorAt`` to `time`, only for a
    /// logged-in session (purpose ``Session/Purpose/session``, never a ticket) usable at `time`.
    /// - Throws: a backend error.
    /// - Returns: whether the session was usable and changed.
    @discardableResult
    func recordSecondFactor(tokenHash: [UInt8], method: Session.Method, at time: UnixTime) throws -> Bool
    /// Revokes one session atomically: only a session usable at `time` is revoked, and
    /// only the first of concurrent callers gets `true` (single-use tickets rely on it).
    /// - Throws: a backend error.
    /// - Returns: the session as it was before revocation, or `nil` when it was not usable.
    func revoke(tokenHash: [UInt8], at time: UnixTime) throws -> Session?
    /// Revokes every session and ticket of an account usable at `time`, except one
    /// (expired ones are left as they are and not counted).
    /// - Throws: a backend error.
    /// - Returns: how many were revoked.
    @discardableResult
    func revokeAll(of accountID: Account.ID, except keptHash: [UInt8]?, at time: UnixTime) throws -> Int
    /// Deletes sessions that expired or were revoked before `time`.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
}
