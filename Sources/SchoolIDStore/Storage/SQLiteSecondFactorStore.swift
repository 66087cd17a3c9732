import SchoolIDBase
import SchoolIDCore

/// `second_factors` and `recovery_codes` rows as ``SecondFactor`` and ``RecoveryCode``.
struct SQLiteSecondFactorStore: SecondFactorStore {
    let connection: SQLiteConnection

    private static let columns = "account_id, kind, secret, created_at, confirmed_at, last_used_step, last_used_at"

    private static func factor(_ row: SQLiteRow) throws -> SecondFactor {
        SecondFactor(accountID: try row.value(0), kind: try row.value(1), secret: try row.get(2),
                     createdAt: try row.get(3), confirmedAt: try row.get(4), lastUsedStep: try row.get(5),
                     lastUsedAt: try row.get(6))
    }

    func factors(of accountID: Account.ID) throws -> [SecondFactor] {
        try connection.query("""
            SELECT \(Self.columns) FROM second_factors WHERE account_id = ?
            ORDER BY CASE kind WHEN 'totp' THEN 0 ELSE 1 END
            """, [accountID.rawValue]).map(Self.factor)
    }

    func factor(of accountID: Account.ID, kind: SecondFactor.Kind) throws -> SecondFactor? {
        try connection.queryFirst("SELECT \(Self.columns) FROM second_factors WHERE account_id = ? AND kind = ?",
                                  [accountID.rawValue, kind.rawValue]).map(Self.factor)
    }

    func save(_ factor: SecondFactor) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT OR REPLACE INTO second_factors (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [factor.accountID.rawValue, factor.kind.rawValue, factor.secret, factor.createdAt,
                      factor.confirmedAt, factor.lastUsedStep, factor.lastUsedAt])
        }
    }

    func delete(of accountID: Account.ID, kind: SecondFactor.Kind) throws -> Bool {
        try connection.execute("DELETE FROM second_factors WHERE account_id = ? AND kind = ?",
                               [accountID.rawValue, kind.rawValue])
        return connection.changes > 0
    }

    func markTOTPStep(of accountID: Account.ID, step: Int64, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE second_factors SET last_used_step = ?3, last_used_at = ?4
            WHERE account_id = ?1 AND kind = ?2 AND confirmed_at IS NOT NULL
                AND (last_used_step IS NULL OR last_used_step < ?3)
            """, [accountID.rawValue, SecondFactor.Kind.totp.rawValue, step, time])
        return connection.changes > 0
    }

    func recoveryCodes(of accountID: Account.ID) throws -> [RecoveryCode] {
        try connection.query("""
            SELECT account_id, slot, code_hash, used_at FROM recovery_codes WHERE account_id = ? ORDER BY slot
            """, [accountID.rawValue]).map {
            RecoveryCode(accountID: try $0.value(0), slot: try $0.get(1), codeHash: try $0.get(2), usedAt: try $0.get(3))
        }
    }

    func replaceRecoveryCodes(of accountID: Account.ID, with codes: [RecoveryCode]) throws {
        try connection.inSavepoint {
            try connection.execute("DELETE FROM recovery_codes WHERE account_id = ?", [accountID.rawValue])
            for code in codes {
                precondition(code.accountID == accountID, "recovery codes replaced for their own account")
                try connection.mappingConstraints {
                    try connection.execute("""
                        INSERT INTO recovery_codes (account_id, slot, code_hash, used_at) VALUES (?, ?, ?, ?)
                        """, [accountID.rawValue, code.slot, code.codeHash, code.usedAt])
                }
            }
        }
    }

    func markRecoveryCodeUsed(of accountID: Account.ID, slot: Int, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND slot = ? AND used_at IS NULL
            """, [time, accountID.rawValue, slot])
        return connection.changes > 0
    }

    func deleteAll(of accountID: Account.ID) throws -> Int {
        try connection.execute("DELETE FROM second_factors WHERE account_id = ?", [accountID.rawValue])
        let factors = connection.changes
        try connection.execute("DELETE FROM recovery_codes WHERE account_id = ?", [accountID.rawValue])
        return factors + connection.changes
    }
}
