import SchoolIDBase
import SchoolIDCore

/// `password_credentials` and `failure_counters` rows as ``PasswordCredential`` and
/// ``FailureCounter`` values.
struct SQLiteCredentialStore: CredentialStore {
    let connection: SQLiteConnection

    /// One `password_credentials` row; hides the column layout from the domain.
    private struct PasswordRecord {
        static let columns = "account_id, hash, kind, issued_at, expires_at, single_use, used_at"

        var credential: PasswordCredential

        init(_ credential: PasswordCredential) { self.credential = credential }

        init(row: SQLiteRow) throws {
            credential = PasswordCredential(
                accountID: try row.value(0), hash: try row.get(1), kind: try row.value(2), issuedAt: try row.get(3),
                expiresAt: try row.get(4), singleUse: try row.get(5), usedAt: try row.get(6))
        }

        var arguments: [any SQLiteValueConvertible] {
            [credential.accountID.rawValue, credential.hash, credential.kind.rawValue, credential.issuedAt,
             credential.expiresAt, credential.singleUse, credential.usedAt]
        }
    }

    /// One `failure_counters` row.
    private struct CounterRecord {
        static let columns = "key, failures, last_failure_at"

        var counter: FailureCounter

        init(row: SQLiteRow) throws {
            counter = FailureCounter(key: try row.get(0), failures: try row.get(1), lastFailureAt: try row.get(2))
        }
    }

    func password(of accountID: Account.ID) throws -> PasswordCredential? {
        try connection.queryFirst("SELECT \(PasswordRecord.columns) FROM password_credentials WHERE account_id = ?",
                                  [accountID.rawValue])
            .map { try PasswordRecord(row: $0).credential }
    }

    func failureCounter(_ key: [UInt8]) throws -> FailureCounter? {
        try connection.queryFirst("SELECT \(CounterRecord.columns) FROM failure_counters WHERE key = ?", [key])
            .map { try CounterRecord(row: $0).counter }
    }

    func setPassword(_ credential: PasswordCredential) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO password_credentials (\(PasswordRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash, kind = excluded.kind,
                    issued_at = excluded.issued_at, expires_at = excluded.expires_at,
                    single_use = excluded.single_use, used_at = excluded.used_at
                """, PasswordRecord(credential).arguments)
        }
    }

    /// One conditional `UPDATE … RETURNING` (STYLE §9.7): of concurrent callers only the
    /// first finds `used_at IS NULL`. An expired password is not consumed either.
    func consumeSingleUse(of accountID: Account.ID, hash: String, at time: UnixTime) throws -> Bool {
        try connection.queryFirst("""
            UPDATE password_credentials SET used_at = ?3
            WHERE account_id = ?1 AND hash = ?2 AND single_use = 1 AND used_at IS NULL
                AND (expires_at IS NULL OR expires_at > ?3)
            RETURNING account_id
            """, [accountID.rawValue, hash, time]) != nil
    }

    func recordFailure(_ key: [UInt8], at time: UnixTime) throws -> FailureCounter {
        let row = try connection.queryFirst("""
            INSERT INTO failure_counters (key, failures, last_failure_at) VALUES (?1, 1, ?2)
            ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
            RETURNING \(CounterRecord.columns)
            """, [key, time])
        guard let row else { throw SQLiteError(code: .internal, message: "upsert returned no row") }
        return try CounterRecord(row: row).counter
    }

    func clearFailures(_ key: [UInt8]) throws {
        try connection.execute("DELETE FROM failure_counters WHERE key = ?", [key])
    }

    func deleteFailureCounters(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM failure_counters WHERE last_failure_at < ?", [time])
        return connection.changes
    }

    func deletePassword(of accountID: Account.ID) throws -> Bool {
        try connection.execute("DELETE FROM password_credentials WHERE account_id = ?", [accountID.rawValue])
        return connection.changes > 0
    }
}
