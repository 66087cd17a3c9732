import SchoolIDBase

/// Reads passwords and throttling counters.
public protocol CredentialReader {
    /// The account's current password, or `nil`.
    /// - Throws: a backend error.
    func password(of accountID: Account.ID) throws -> PasswordCredential?
    /// The counter of a throttling key, or `nil` when it has no failures.
    /// - Throws: a backend error.
    func failureCounter(_ key: [UInt8]) throws -> FailureCounter?
}

/// Reads and changes passwords and throttling counters.
public protocol CredentialStore: CredentialReader {
    /// Sets (inserts or replaces) the account's password.
    /// - Throws: ``StoreError/notFound`` for an unknown account.
    func setPassword(_ credential: PasswordCredential) throws
    /// Marks a single-use password used, atomically: only the first caller succeeds.
    /// - Throws: a backend error.
    /// - Returns: whether this call consumed it (false when already used, expired at
    ///   `time`, replaced by a credential with another hash, not single-use, or absent).
    func consumeSingleUse(of accountID: Account.ID, hash: String, at time: UnixTime) throws -> Bool
    /// Adds one failure to the key's counter (creating it).
    /// - Throws: a backend error.
    /// - Returns: the counter after the failure.
    @discardableResult
    func recordFailure(_ key: [UInt8], at time: UnixTime) throws -> FailureCounter
    /// Forgets the key's failures (after a success).
    /// - Throws: a backend error.
    func clearFailures(_ key: [UInt8]) throws
    /// Deletes counters whose last failure is before `time` (garbage collection).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteFailureCounters(before time: UnixTime) throws -> Int
    /// Deletes the account's password credential (account deletion).
    /// - Throws: a backend error.
    /// - Returns: whether there was one.
    @discardableResult
    func deletePassword(of accountID: Account.ID) throws -> Bool
}
