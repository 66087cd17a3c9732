import SchoolIDBase
import SchoolIDCore

/// `contact_changes` rows as ``ContactChange`` values.
struct SQLiteContactChangeStore: ContactChangeStore {
    let connection: SQLiteConnection

    private static let columns = "challenge_id, account_id, kind, value, value_index, decoy, created_at, expires_at"

    private static func change(_ row: SQLiteRow) throws -> ContactChange {
        ContactChange(challengeID: try row.value(0), accountID: try row.value(1), kind: try row.value(2),
                      value: try row.get(3), valueIndex: try row.get(4), decoy: try row.get(5),
                      createdAt: try row.get(6), expiresAt: try row.get(7))
    }

    func change(_ challengeID: Challenge.ID) throws -> ContactChange? {
        try connection.queryFirst("SELECT \(Self.columns) FROM contact_changes WHERE challenge_id = ?",
                                  [challengeID.rawValue]).map(Self.change)
    }

    func insert(_ change: ContactChange) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO contact_changes (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   [change.challengeID.rawValue, change.accountID.rawValue, change.kind.rawValue,
                                    change.value, change.valueIndex, change.decoy, change.createdAt, change.expiresAt])
        }
    }

    func extend(_ challengeID: Challenge.ID, to expiresAt: UnixTime) throws {
        try connection.execute("UPDATE contact_changes SET expires_at = ? WHERE challenge_id = ?",
                               [expiresAt, challengeID.rawValue])
    }

    func delete(_ challengeID: Challenge.ID) throws -> Bool {
        try connection.execute("DELETE FROM contact_changes WHERE challenge_id = ?", [challengeID.rawValue])
        return connection.changes > 0
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM contact_changes WHERE expires_at < ?", [time])
        return connection.changes
    }

    func deleteAll(of accountID: Account.ID) throws -> Int {
        try connection.execute("DELETE FROM contact_changes WHERE account_id = ?", [accountID.rawValue])
        return connection.changes
    }
}
