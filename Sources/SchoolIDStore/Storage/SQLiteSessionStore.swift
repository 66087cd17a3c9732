import SchoolIDBase
import SchoolIDCore

/// `sessions` rows as ``Session`` values (sessions and password-change tickets).
struct SQLiteSessionStore: SessionStore {
    let connection: SQLiteConnection

    /// One `sessions` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            token_hash, account_id, purpose, created_at, last_seen_at, idle_expires_at, absolute_expires_at, \
            revoked_at, authenticated_at, amr, second_factor_at
            """

        var session: Session

        init(_ session: Session) { self.session = session }

        init(row: SQLiteRow) throws {
            session = Session(
                tokenHash: try row.get(0), accountID: try row.value(1), purpose: try row.value(2),
                createdAt: try row.get(3), idleExpiresAt: try row.get(5), absoluteExpiresAt: try row.get(6),
                revokedAt: try row.get(7), lastSeenAt: try row.get(4), authenticatedAt: try row.get(8),
                amr: Self.methods(try row.get(9)), secondFactorAt: try row.get(10))
        }

        /// `amr` is stored comma-separated: RFC 8176 values never contain a comma.
        static func methods(_ text: String) -> [String] {
            text.split(separator: ",").map(String.init)
        }

        var arguments: [any SQLiteValueConvertible] {
            [session.tokenHash, session.accountID.rawValue, session.purpose.rawValue, session.createdAt,
             session.lastSeenAt, session.idleExpiresAt, session.absoluteExpiresAt, session.revokedAt,
             session.authenticatedAt, session.amr.joined(separator: ","), session.secondFactorAt]
        }
    }

    /// The SQL condition of ``Session/isUsable(at:)``, with the time as `?2`.
    private static let usableAtTime = "revoked_at IS NULL AND idle_expires_at > ?2 AND absolute_expires_at > ?2"

    func session(tokenHash: [UInt8]) throws -> Session? {
        try connection.queryFirst("SELECT \(Record.columns) FROM sessions WHERE token_hash = ?", [tokenHash])
            .map { try Record(row: $0).session }
    }

    /// Newest first; ties (same second) broken by hash so the order is stable.
    func sessions(of accountID: Account.ID, usableAt time: UnixTime) throws -> [Session] {
        try connection.query("""
            SELECT \(Record.columns) FROM sessions
            WHERE account_id = ?1 AND purpose = 'session' AND \(Self.usableAtTime)
            ORDER BY created_at DESC, token_hash
            """, [accountID.rawValue, time]).map { try Record(row: $0).session }
    }

    func allSessions(of accountID: Account.ID) throws -> [Session] {
        try connection.query("""
            SELECT \(Record.columns) FROM sessions WHERE account_id = ? ORDER BY created_at DESC, token_hash
            """, [accountID.rawValue]).map { try Record(row: $0).session }
    }

    func insert(_ session: Session) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO sessions (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   Record(session).arguments)
        }
    }

    /// The idle expiry never passes the absolute one.
    func touch(tokenHash: [UInt8], at time: UnixTime, idleExpiresAt: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE sessions SET last_seen_at = ?2, idle_expires_at = MIN(?3, absolute_expires_at)
            WHERE token_hash = ?1 AND \(Self.usableAtTime)
            """, [tokenHash, time, idleExpiresAt])
        return connection.changes == 1
    }

    /// One conditional `UPDATE`: reading `amr` and writing it back in two statements
    /// is safe because a write unit runs alone on the writer connection.
    func recordSecondFactor(tokenHash: [UInt8], method: Session.Method, at time: UnixTime) throws -> Bool {
        guard let session = try session(tokenHash: tokenHash), session.purpose == .session, session.isUsable(at: time)
        else { return false }
        let amr = session.amr.contains(method.rawValue) ? session.amr : session.amr + [method.rawValue]
        try connection.execute("""
            UPDATE sessions SET amr = ?3, second_factor_at = ?2
            WHERE token_hash = ?1 AND purpose = 'session' AND \(Self.usableAtTime)
            """, [tokenHash, time, amr.joined(separator: ",")])
        return connection.changes == 1
    }

    /// One conditional `UPDATE … RETURNING` (STYLE §9.7): of concurrent callers only the
    /// first still finds the session usable.
    func revoke(tokenHash: [UInt8], at time: UnixTime) throws -> Session? {
        let row = try connection.queryFirst("""
            UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND \(Self.usableAtTime)
            RETURNING \(Record.columns)
            """, [tokenHash, time])
        guard let row else { return nil }
        var session = try Record(row: row).session
        session.revokedAt = nil  // as it was before this call
        return session
    }

    /// Sessions already unusable at `time` (expired) are left alone and not counted.
    func revokeAll(of accountID: Account.ID, except keptHash: [UInt8]?, at time: UnixTime) throws -> Int {
        try connection.execute("""
            UPDATE sessions SET revoked_at = ?2
            WHERE account_id = ?1 AND \(Self.usableAtTime) AND token_hash IS NOT ?3
            """, [accountID.rawValue, time, keptHash])
        return connection.changes
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("""
            DELETE FROM sessions WHERE idle_expires_at < ?1 OR absolute_expires_at < ?1 OR revoked_at < ?1
            """, [time])
        return connection.changes
    }
}
