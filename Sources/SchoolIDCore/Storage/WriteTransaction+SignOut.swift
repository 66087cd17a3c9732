import SchoolIDBase

extension WriteTransaction {
    /// Signs the account out everywhere: every session and ticket is revoked, and so is
    /// every refresh token any diary service holds for it (issue 9: password change,
    /// reissue, recovery, assisted reset and disabling end the tokens too).
    /// - Throws: a store error.
    /// - Returns: how many sessions were revoked (the audit details count them).
    func signOutEverywhere(_ accountID: Account.ID, at now: UnixTime) throws -> Int {
        try refreshTokens.revokeAll(accountID: accountID, at: now)
        return try sessions.revokeAll(of: accountID, except: nil, at: now)
    }

    /// Ends one login session explicitly (logout, revoking it from "my sessions",
    /// RP-initiated logout): the session is revoked and so is every refresh token issued
    /// under it. Only a session usable at `now` is ended; one that merely expired keeps
    /// its refresh tokens to their own limits ("offline" access, issue 9).
    /// - Throws: a store error.
    /// - Returns: the session as it was, or `nil` when it was not usable (nothing changed).
    func endSession(tokenHash: [UInt8], at now: UnixTime) throws -> Session? {
        guard let session = try sessions.revoke(tokenHash: tokenHash, at: now) else { return nil }
        try refreshTokens.revokeAll(sessionTokenHash: session.tokenHash, at: now)
        return session
    }

    /// Ends every other session and ticket of the account ("sign out my other devices"):
    /// the refresh tokens issued under each ended login session are revoked with it; those
    /// of the kept session and of expired sessions are not.
    /// - Throws: a store error.
    /// - Returns: how many sessions and tickets were revoked.
    func endSessions(of accountID: Account.ID, except keptHash: [UInt8]?, at now: UnixTime) throws -> Int {
        for session in try sessions.sessions(of: accountID, usableAt: now) where session.tokenHash != keptHash {
            try refreshTokens.revokeAll(sessionTokenHash: session.tokenHash, at: now)
        }
        return try sessions.revokeAll(of: accountID, except: keptHash, at: now)
    }
}
