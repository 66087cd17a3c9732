import SchoolIDBase
import SchoolIDCore

/// `contacts` rows as ``AccountContact`` values.
struct SQLiteContactStore: ContactStore {
    let connection: SQLiteConnection

    private static let columns = "account_id, kind, value, value_index, verified_at, created_at, updated_at"

    private static func contact(_ row: SQLiteRow) throws -> AccountContact {
        AccountContact(accountID: try row.value(0), kind: try row.value(1), value: try row.get(2),
                       valueIndex: try row.get(3), verifiedAt: try row.get(4), createdAt: try row.get(5),
                       updatedAt: try row.get(6))
    }

    func contacts(of accountID: Account.ID) throws -> [AccountContact] {
        try connection.query("""
            SELECT \(Self.columns) FROM contacts WHERE account_id = ? ORDER BY kind DESC
            """, [accountID.rawValue]).map(Self.contact)
    }

    func verifiedContact(kind: AccountContact.Kind, valueIndex: [UInt8]) throws -> AccountContact? {
        try connection.queryFirst("""
            SELECT \(Self.columns) FROM contacts WHERE kind = ? AND value_index = ? AND verified_at IS NOT NULL
            """, [kind.rawValue, valueIndex]).map(Self.contact)
    }

    func save(_ contact: AccountContact) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO contacts (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, kind) DO UPDATE SET value = excluded.value,
                    value_index = excluded.value_index, verified_at = excluded.verified_at,
                    updated_at = excluded.updated_at
                """, [contact.accountID.rawValue, contact.kind.rawValue, contact.value, contact.valueIndex,
                      contact.verifiedAt, contact.createdAt, contact.updatedAt])
        }
    }

    func delete(of accountID: Account.ID, kind: AccountContact.Kind) throws -> Bool {
        try connection.execute("DELETE FROM contacts WHERE account_id = ? AND kind = ?",
                               [accountID.rawValue, kind.rawValue])
        return connection.changes > 0
    }
}
