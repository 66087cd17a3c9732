import SchoolIDBase
import SchoolIDCore

/// `snils` rows as ``AccountSNILS`` values.
struct SQLiteSNILSStore: SNILSStore {
    let connection: SQLiteConnection

    private static let columns = "account_id, value, value_index, status, created_at, updated_at"

    private static func record(_ row: SQLiteRow) throws -> AccountSNILS {
        AccountSNILS(accountID: try row.value(0), value: try row.get(1), valueIndex: try row.get(2),
                     status: try row.value(3), createdAt: try row.get(4), updatedAt: try row.get(5))
    }

    func snils(of accountID: Account.ID) throws -> AccountSNILS? {
        try connection.queryFirst("SELECT \(Self.columns) FROM snils WHERE account_id = ?", [accountID.rawValue])
            .map(Self.record)
    }

    func accounts(index: [UInt8]) throws -> [(Account.ID, AccountSNILS.Status)] {
        try connection.query("""
            SELECT account_id, status FROM snils WHERE value_index = ?
            ORDER BY status = 'verified' DESC, account_id
            """, [index]).map { (try $0.value(0), try $0.value(1)) }
    }

    func save(_ record: AccountSNILS) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO snils (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET value = excluded.value, value_index = excluded.value_index,
                    status = excluded.status, updated_at = excluded.updated_at
                """, [record.accountID.rawValue, record.value, record.valueIndex, record.status.rawValue,
                      record.createdAt, record.updatedAt])
        }
    }

    func delete(of accountID: Account.ID) throws -> Bool {
        try connection.execute("DELETE FROM snils WHERE account_id = ?", [accountID.rawValue])
        return connection.changes > 0
    }
}
