import SchoolIDBase
import SchoolIDCore

/// `refresh_tokens` rows as ``RefreshToken`` values.
struct SQLiteRefreshTokenStore: RefreshTokenStore {
    let connection: SQLiteConnection

    /// One `refresh_tokens` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            token_hash, family_id, client_id, account_id, session_hash, scope, created_at, idle_expires_at, \
            absolute_expires_at, rotated_at, revoked_at
            """

        var token: RefreshToken

        init(_ token: RefreshToken) { self.token = token }

        init(row: SQLiteRow) throws {
            token = RefreshToken(
                tokenHash: try row.get(0), familyID: try row.get(1), clientID: try row.get(2),
                accountID: try row.value(3), sessionTokenHash: try row.get(4), scope: try row.get(5),
                createdAt: try row.get(6), idleExpiresAt: try row.get(7), absoluteExpiresAt: try row.get(8),
                rotatedAt: try row.get(9), revokedAt: try row.get(10))
        }

        var arguments: [any SQLiteValueConvertible] {
            [token.tokenHash, token.familyID, token.clientID, token.accountID.rawValue, token.sessionTokenHash,
             token.scope, token.createdAt, token.idleExpiresAt, token.absoluteExpiresAt, token.rotatedAt,
             token.revokedAt]
        }
    }

    /// The SQL condition of ``RefreshToken/isUsable(at:)``, with the time as `?2`.
    private static let usableAtTime = """
        rotated_at IS NULL AND revoked_at IS NULL AND idle_expires_at > ?2 AND absolute_expires_at > ?2
        """

    func token(hash: [UInt8]) throws -> RefreshToken? {
        try connection.queryFirst("SELECT \(Record.columns) FROM refresh_tokens WHERE token_hash = ?", [hash])
            .map { try Record(row: $0).token }
    }

    func family(_ familyID: String) throws -> [RefreshToken] {
        try connection.query("""
            SELECT \(Record.columns) FROM refresh_tokens WHERE family_id = ? ORDER BY created_at, rowid
            """, [familyID]).map { try Record(row: $0).token }
    }

    func insert(_ token: RefreshToken) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO refresh_tokens (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   Record(token).arguments)
        }
    }

    /// One conditional `UPDATE … RETURNING` marks the tombstone; only its winner inserts
    /// the successor, in the same unit.
    func rotate(hash: [UInt8], to newHash: [UInt8], idleExpiresAt: UnixTime, at time: UnixTime) throws
        -> RefreshRotation?
    {
        let row = try connection.queryFirst("""
            UPDATE refresh_tokens SET rotated_at = ?2 WHERE token_hash = ?1 AND \(Self.usableAtTime)
            RETURNING \(Record.columns)
            """, [hash, time])
        guard let row else { return try token(hash: hash).map { RefreshRotation(presented: $0, successor: nil) } }
        var presented = try Record(row: row).token
        presented.rotatedAt = nil  // as it was before this call
        let successor = RefreshToken(
            tokenHash: newHash, familyID: presented.familyID, clientID: presented.clientID,
            accountID: presented.accountID, sessionTokenHash: presented.sessionTokenHash, scope: presented.scope,
            createdAt: time, idleExpiresAt: min(idleExpiresAt, presented.absoluteExpiresAt),
            absoluteExpiresAt: presented.absoluteExpiresAt)
        try insert(successor)
        return RefreshRotation(presented: presented, successor: successor)
    }

    func isFamilyRevoked(_ familyID: String) throws -> Bool {
        try connection.queryFirst("SELECT 1 FROM revoked_token_families WHERE family_id = ?", [familyID]) != nil
    }

    /// Two probes of `refresh_tokens_by_family`: a live family answers at its first
    /// unrevoked member (rotation never sets `revoked_at`).
    func isEveryMemberRevoked(_ familyID: String) throws -> Bool {
        try connection.queryFirst("""
            SELECT 1 WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = ?1 AND revoked_at IS NULL)
            """, [familyID]) != nil
    }

    /// Marks the family (keeping the first revocation's time) and revokes its members.
    func revokeFamily(_ familyID: String, at time: UnixTime) throws -> Int {
        try connection.execute("""
            INSERT INTO revoked_token_families (family_id, revoked_at, expires_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (family_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)
            """, [familyID, time, time.adding(seconds: TokenPolicy.maximumAccessTokenSeconds)])
        return try revoke(where: "family_id = ?1", familyID, at: time)
    }

    func revokeAll(clientID: String, at time: UnixTime) throws -> Int {
        try revoke(where: "client_id = ?1", clientID, at: time)
    }

    func revokeAll(accountID: Account.ID, at time: UnixTime) throws -> Int {
        try revoke(where: "account_id = ?1", accountID.rawValue, at: time)
    }

    func revokeAll(sessionTokenHash: [UInt8], at time: UnixTime) throws -> Int {
        try connection.execute("UPDATE refresh_tokens SET revoked_at = ?2 WHERE session_hash = ?1 AND revoked_at IS NULL",
                               [sessionTokenHash, time])
        return connection.changes
    }

    private func revoke(where condition: String, _ value: String, at time: UnixTime) throws -> Int {
        try connection.execute("UPDATE refresh_tokens SET revoked_at = ?2 WHERE \(condition) AND revoked_at IS NULL",
                               [value, time])
        return connection.changes
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("""
            DELETE FROM refresh_tokens
            WHERE revoked_at < ?1 OR absolute_expires_at < ?1 OR (rotated_at IS NULL AND idle_expires_at < ?1)
            """, [time])
        return connection.changes
    }
}
