/// Reads consent records (table `consents`).
public protocol ConsentReader {
    /// Every consent about `subject`'s data, oldest first.
    /// - Throws: a backend error.
    func records(subject: Account.ID) throws -> [ConsentRecord]
    /// Every consent `adult` gave (for themself and for children), oldest first.
    /// - Throws: a backend error.
    func records(givenBy adult: Account.ID) throws -> [ConsentRecord]
    /// The latest ``ConsentRecord/Basis/own`` consent of `account` (highest text
    /// version, then latest), or `nil` when they never gave one.
    /// - Throws: a backend error.
    func latestOwn(of account: Account.ID) throws -> ConsentRecord?
}

/// Records consents. Records are append-only: a newer version is a new row.
public protocol ConsentStore: ConsentReader {
    /// Stores a consent.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate id; ``StoreError/notFound``
    ///   when the subject or giver is not an account.
    func insert(_ record: ConsentRecord) throws
}

extension ConsentReader {
    /// Every consent about `account`'s data or given by `account` (for a child), each
    /// once, oldest first: what the account's consent list and its export show.
    /// - Throws: a backend error.
    public func records(involving account: Account.ID) throws -> [ConsentRecord] {
        let about = try records(subject: account)
        let given = try records(givenBy: account).filter { $0.subjectID != account }
        return (about + given).sorted { ($0.givenAt, $0.id.rawValue) < ($1.givenAt, $1.id.rawValue) }
    }
}
