import SchoolIDBase

/// Reads accounts' second factors and recovery codes.
public protocol SecondFactorReader {
    /// The account's factors, confirmed or not, in ``SecondFactor/Kind`` order.
    /// - Throws: a backend error.
    func factors(of accountID: Account.ID) throws -> [SecondFactor]
    /// The account's factor of `kind`, or `nil`.
    /// - Throws: a backend error.
    func factor(of accountID: Account.ID, kind: SecondFactor.Kind) throws -> SecondFactor?
    /// The account's recovery codes, used or not, by slot.
    /// - Throws: a backend error.
    func recoveryCodes(of accountID: Account.ID) throws -> [RecoveryCode]
}

/// Reads and changes second factors and recovery codes.
public protocol SecondFactorStore: SecondFactorReader {
    /// Sets the account's factor of `factor.kind`, replacing the one it had.
    /// - Throws: ``StoreError/notFound`` for an unknown account.
    func save(_ factor: SecondFactor) throws
    /// Removes the account's factor of `kind`.
    /// - Throws: a backend error.
    /// - Returns: whether there was one.
    @discardableResult
    func delete(of accountID: Account.ID, kind: SecondFactor.Kind) throws -> Bool
    /// Records that TOTP `step` was accepted, only if it is later than the last one
    /// (RFC 6238 §5.2): of concurrent uses of one code exactly one succeeds.
    /// - Throws: a backend error.
    /// - Returns: whether this call recorded the step (`false`: already used, or no
    ///   confirmed TOTP factor).
    func markTOTPStep(of accountID: Account.ID, step: Int64, at time: UnixTime) throws -> Bool
    /// Replaces every recovery code of the account with `codes` (an empty array
    /// deletes them).
    /// - Throws: ``StoreError/notFound`` for an unknown account.
    func replaceRecoveryCodes(of accountID: Account.ID, with codes: [RecoveryCode]) throws
    /// Marks the code in `slot` used, only if it is unused: of concurrent uses exactly
    /// one succeeds.
    /// - Throws: a backend error.
    /// - Returns: whether this call used it.
    func markRecoveryCodeUsed(of accountID: Account.ID, slot: Int, at time: UnixTime) throws -> Bool
    /// Deletes every second factor and recovery code of the account (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many rows were deleted.
    @discardableResult
    func deleteAll(of accountID: Account.ID) throws -> Int
}
