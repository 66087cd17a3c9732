import SchoolIDBase

/// Reads accounts' phone numbers and email addresses.
public protocol ContactReader {
    /// The account's contacts (at most one per kind), phone first.
    /// - Throws: a backend error.
    func contacts(of accountID: Account.ID) throws -> [AccountContact]
    /// The verified contact of this kind with this blind index, or `nil`: who owns a
    /// phone or email address.
    /// - Throws: a backend error.
    func verifiedContact(kind: AccountContact.Kind, valueIndex: [UInt8]) throws -> AccountContact?
}

/// Reads and changes contacts.
public protocol ContactStore: ContactReader {
    /// Sets the account's contact of `contact.kind`, replacing the one it had.
    /// - Throws: ``StoreError/alreadyExists`` when `contact` is verified and another
    ///   account holds the same verified value; ``StoreError/notFound`` for an unknown
    ///   account.
    func save(_ contact: AccountContact) throws
    /// Removes the account's contact of `kind`.
    /// - Throws: a backend error.
    /// - Returns: whether there was one.
    @discardableResult
    func delete(of accountID: Account.ID, kind: AccountContact.Kind) throws -> Bool
}
