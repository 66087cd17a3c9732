import SchoolIDBase

/// Reads pending guardian registrations.
public protocol RegistrationReader {
    /// The registration, or `nil` (expired ones included until collected).
    /// - Throws: a backend error.
    func registration(_ id: PendingRegistration.ID) throws -> PendingRegistration?
}

/// Reads and changes pending guardian registrations.
public protocol RegistrationStore: RegistrationReader {
    /// Adds a registration.
    /// - Throws: ``StoreError/alreadyExists`` for a taken id.
    func insert(_ registration: PendingRegistration) throws
    /// Records that the phone code was accepted, once.
    /// - Throws: a backend error.
    /// - Returns: whether this call recorded it (false when already verified or absent).
    func markPhoneVerified(_ id: PendingRegistration.ID, at time: UnixTime) throws -> Bool
    /// Records the account created, once, for a phone-verified registration, and keeps
    /// the row until `keepUntil` at least (so its email code can still be confirmed).
    /// - Throws: a backend error.
    /// - Returns: whether this call completed it (false when already completed, not
    ///   verified, or absent).
    func complete(_ id: PendingRegistration.ID, accountID: Account.ID, emailChallengeID: Challenge.ID?,
                  at time: UnixTime, keepUntil: UnixTime) throws -> Bool
    /// Deletes registrations that expired before `time` (garbage collection).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
    /// Deletes the registrations that created the account and the pending ones for
    /// any of `phoneIndexes` (contact blind indexes) (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteAll(of accountID: Account.ID, phoneIndexes: [[UInt8]]) throws -> Int
}
