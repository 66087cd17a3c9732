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
}
