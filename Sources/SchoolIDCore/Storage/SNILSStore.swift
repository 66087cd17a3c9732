/// Reads accounts' SNILS records.
public protocol SNILSReader {
    /// The account's SNILS, or `nil`.
    /// - Throws: a backend error.
    func snils(of accountID: Account.ID) throws -> AccountSNILS?
    /// Every account whose SNILS has this blind index, with its status (verified
    /// first, then by account id): who holds a number. At most one is verified.
    /// - Throws: a backend error.
    func accounts(index: [UInt8]) throws -> [(Account.ID, AccountSNILS.Status)]
}

/// Reads and changes accounts' SNILS records.
public protocol SNILSStore: SNILSReader {
    /// Sets the account's SNILS, replacing the one it had.
    /// - Throws: ``StoreError/alreadyExists`` when `record` is verified and another
    ///   account holds the same number verified; ``StoreError/notFound`` for an unknown
    ///   account.
    func save(_ record: AccountSNILS) throws
    /// Removes the account's SNILS.
    /// - Throws: a backend error.
    /// - Returns: whether there was one.
    @discardableResult
    func delete(of accountID: Account.ID) throws -> Bool
}
