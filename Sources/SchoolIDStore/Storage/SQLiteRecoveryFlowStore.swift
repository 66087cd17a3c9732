import SchoolIDBase
import SchoolIDCore

/// `recovery_flows` rows as ``RecoveryFlow`` values.
struct SQLiteRecoveryFlowStore: RecoveryFlowStore {
    let connection: SQLiteConnection

    private static let columns = """
        id, account_id, sms_challenge_id, email_challenge_id, created_at, expires_at, completed_at
        """

    private static func flow(_ row: SQLiteRow) throws -> RecoveryFlow {
        RecoveryFlow(id: try row.value(0), accountID: try row.optionalValue(1), smsChallengeID: try row.optionalValue(2),
                     emailChallengeID: try row.optionalValue(3), createdAt: try row.get(4), expiresAt: try row.get(5),
                     completedAt: try row.get(6))
    }

    func flow(_ id: RecoveryFlow.ID) throws -> RecoveryFlow? {
        try connection.queryFirst("SELECT \(Self.columns) FROM recovery_flows WHERE id = ?", [id.rawValue])
            .map(Self.flow)
    }

    func insert(_ flow: RecoveryFlow) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO recovery_flows (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [flow.id.rawValue, flow.accountID?.rawValue, flow.smsChallengeID?.rawValue,
                      flow.emailChallengeID?.rawValue, flow.createdAt, flow.expiresAt, flow.completedAt])
        }
    }

    func complete(_ id: RecoveryFlow.ID, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE recovery_flows SET completed_at = ?2
            WHERE id = ?1 AND completed_at IS NULL AND expires_at > ?2
            """, [id.rawValue, time])
        return connection.changes > 0
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM recovery_flows WHERE expires_at < ?", [time])
        return connection.changes
    }

    func deleteAll(of accountID: Account.ID) throws -> Int {
        try connection.execute("DELETE FROM recovery_flows WHERE account_id = ?", [accountID.rawValue])
        return connection.changes
    }
}
