import SchoolIDBase

/// Reads pending contact changes.
public protocol ContactChangeReader {
    /// The change confirmed by this challenge, or `nil`.
    /// - Throws: a backend error.
    func change(_ challengeID: Challenge.ID) throws -> ContactChange?
}

/// Reads and changes pending contact changes.
public protocol ContactChangeStore: ContactChangeReader {
    /// Adds a change.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate challenge;
    ///   ``StoreError/notFound`` for an unknown account.
    func insert(_ change: ContactChange) throws
    /// Moves a change's expiry (its code was resent).
    /// - Throws: a backend error.
    func extend(_ challengeID: Challenge.ID, to expiresAt: UnixTime) throws
    /// Removes a change (confirmed).
    /// - Throws: a backend error.
    /// - Returns: whether there was one.
    @discardableResult
    func delete(_ challengeID: Challenge.ID) throws -> Bool
    /// Deletes changes that expired before `time`.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
    /// Deletes every pending contact change of the account (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteAll(of accountID: Account.ID) throws -> Int
}
