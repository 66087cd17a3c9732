import SchoolIDBase
import SchoolIDCore

/// `authorization_codes` rows as ``AuthorizationCode`` values.
struct SQLiteAuthorizationCodeStore: AuthorizationCodeStore {
    let connection: SQLiteConnection

    /// One `authorization_codes` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            code_hash, client_id, account_id, session_hash, redirect_uri, code_challenge, scope, nonce, \
            created_at, expires_at, consumed_at, family_id
            """

        var code: AuthorizationCode

        init(_ code: AuthorizationCode) { self.code = code }

        init(row: SQLiteRow) throws {
            code = AuthorizationCode(
                codeHash: try row.get(0), clientID: try row.get(1), accountID: try row.value(2),
                sessionTokenHash: try row.get(3), redirectURI: try row.get(4), codeChallenge: try row.get(5),
                scope: try row.get(6), nonce: try row.get(7), createdAt: try row.get(8), expiresAt: try row.get(9),
                consumedAt: try row.get(10), familyID: try row.get(11))
        }

        var arguments: [any SQLiteValueConvertible] {
            [code.codeHash, code.clientID, code.accountID.rawValue, code.sessionTokenHash, code.redirectURI,
             code.codeChallenge, code.scope, code.nonce, code.createdAt, code.expiresAt, code.consumedAt, code.familyID]
        }
    }

    func code(hash: [UInt8]) throws -> AuthorizationCode? {
        try connection.queryFirst("SELECT \(Record.columns) FROM authorization_codes WHERE code_hash = ?", [hash])
            .map { try Record(row: $0).code }
    }

    func insert(_ code: AuthorizationCode) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO authorization_codes (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, Record(code).arguments)
        }
    }

    /// One conditional `UPDATE … RETURNING` (STYLE §9.7); a miss reads the row to tell
    /// a replay or an expired code from an unknown one.
    func consume(hash: [UInt8], at time: UnixTime) throws -> CodeRedemption? {
        let row = try connection.queryFirst("""
            UPDATE authorization_codes SET consumed_at = ?2
            WHERE code_hash = ?1 AND consumed_at IS NULL AND expires_at > ?2
            RETURNING \(Record.columns)
            """, [hash, time])
        if let row {
            var code = try Record(row: row).code
            code.consumedAt = nil  // as it was before this call
            return CodeRedemption(code: code, consumedNow: true)
        }
        return try code(hash: hash).map { CodeRedemption(code: $0, consumedNow: false) }
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM authorization_codes WHERE expires_at < ?", [time])
        return connection.changes
    }
}
