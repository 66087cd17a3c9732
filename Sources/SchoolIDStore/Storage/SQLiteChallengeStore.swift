import SchoolIDBase
import SchoolIDCore

/// `challenges` and `otp_sends` rows as ``Challenge`` values and quota counts.
struct SQLiteChallengeStore: ChallengeStore {
    let connection: SQLiteConnection

    /// One `challenges` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            id, purpose, channel, account_id, destination_index, code_hash, code_key_version, created_at, \
            expires_at, attempts_left, send_count, last_sent_at, consumed_at
            """

        var challenge: Challenge

        init(_ challenge: Challenge) { self.challenge = challenge }

        init(row: SQLiteRow) throws {
            challenge = Challenge(
                id: try row.value(0), purpose: try row.value(1), channel: try row.value(2),
                accountID: try row.optionalValue(3), destinationIndex: try row.get(4), codeHash: try row.get(5),
                codeKeyVersion: try row.get(6), createdAt: try row.get(7), expiresAt: try row.get(8),
                attemptsLeft: try row.get(9), sendCount: try row.get(10), lastSentAt: try row.get(11),
                consumedAt: try row.get(12))
        }

        var arguments: [any SQLiteValueConvertible] {
            [challenge.id.rawValue, challenge.purpose.rawValue, challenge.channel.rawValue,
             challenge.accountID?.rawValue, challenge.destinationIndex, challenge.codeHash, challenge.codeKeyVersion,
             challenge.createdAt, challenge.expiresAt, challenge.attemptsLeft, challenge.sendCount,
             challenge.lastSentAt, challenge.consumedAt]
        }
    }

    func challenge(_ id: Challenge.ID) throws -> Challenge? {
        try connection.queryFirst("SELECT \(Record.columns) FROM challenges WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).challenge }
    }

    func sends(toDestination destinationIndex: [UInt8], since: UnixTime) throws -> Int {
        try count("SELECT count(*) FROM otp_sends WHERE destination_index = ? AND sent_at >= ?", destinationIndex, since)
    }

    func sends(fromAddress clientAddress: String, since: UnixTime) throws -> Int {
        try count("SELECT count(*) FROM otp_sends WHERE client_address = ? AND sent_at >= ?", clientAddress, since)
    }

    func sendTime(toDestination destinationIndex: [UInt8], since: UnixTime, rank: Int) throws -> UnixTime? {
        try connection.queryFirst("""
            SELECT sent_at FROM otp_sends WHERE destination_index = ? AND sent_at >= ?
            ORDER BY sent_at DESC LIMIT 1 OFFSET ?
            """, [destinationIndex, since, max(rank, 1) - 1]).map { try $0.get(0) }
    }

    func sendTime(fromAddress clientAddress: String, since: UnixTime, rank: Int) throws -> UnixTime? {
        try connection.queryFirst("""
            SELECT sent_at FROM otp_sends WHERE client_address = ? AND sent_at >= ?
            ORDER BY sent_at DESC LIMIT 1 OFFSET ?
            """, [clientAddress, since, max(rank, 1) - 1]).map { try $0.get(0) }
    }

    func sends(channel: Challenge.Channel, since: UnixTime) throws -> Int {
        try count("SELECT count(*) FROM challenges WHERE channel = ? AND last_sent_at >= ?", channel.rawValue, since)
    }

    func sendTime(channel: Challenge.Channel, since: UnixTime, rank: Int) throws -> UnixTime? {
        try connection.queryFirst("""
            SELECT last_sent_at FROM challenges WHERE channel = ? AND last_sent_at >= ?
            ORDER BY last_sent_at DESC LIMIT 1 OFFSET ?
            """, [channel.rawValue, since, max(rank, 1) - 1]).map { try $0.get(0) }
    }

    func insert(_ challenge: Challenge) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO challenges (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, Record(challenge).arguments)
        }
    }

    /// One conditional `UPDATE … RETURNING`: two concurrent wrong guesses can never
    /// both spend the last attempt, and an exhausted challenge stays at 0.
    func recordWrongCode(_ id: Challenge.ID, at time: UnixTime) throws -> Int? {
        try connection.queryFirst("""
            UPDATE challenges SET attempts_left = attempts_left - 1
            WHERE id = ? AND consumed_at IS NULL AND attempts_left > 0
            RETURNING attempts_left
            """, [id.rawValue]).map { try $0.get(0) }
    }

    /// One conditional `UPDATE … RETURNING` (STYLE §4.4): of concurrent callers only the
    /// first finds `consumed_at IS NULL`.
    func consume(_ id: Challenge.ID, codeHash: [UInt8], at time: UnixTime) throws -> Challenge? {
        try connection.queryFirst("""
            UPDATE challenges SET consumed_at = ?3
            WHERE id = ?1 AND code_hash = ?2 AND consumed_at IS NULL AND expires_at > ?3 AND attempts_left > 0
            RETURNING \(Record.columns)
            """, [id.rawValue, codeHash, time]).map { try Record(row: $0).challenge }
    }

    func resend(_ id: Challenge.ID, codeHash: [UInt8], keyVersion: Int, expiresAt: UnixTime, at time: UnixTime) throws
        -> Challenge?
    {
        try connection.queryFirst("""
            UPDATE challenges SET code_hash = ?2, code_key_version = ?3, expires_at = ?4,
                send_count = send_count + 1, last_sent_at = ?5
            WHERE id = ?1 AND consumed_at IS NULL
            RETURNING \(Record.columns)
            """, [id.rawValue, codeHash, keyVersion, expiresAt, time]).map { try Record(row: $0).challenge }
    }

    func recordSend(destinationIndex: [UInt8], clientAddress: String, at time: UnixTime) throws {
        try connection.execute("INSERT INTO otp_sends (destination_index, client_address, sent_at) VALUES (?, ?, ?)",
                               [destinationIndex, clientAddress, time])
    }

    func deleteSends(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM otp_sends WHERE sent_at < ?", [time])
        return connection.changes
    }

    func deleteExpiredChallenges(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM challenges WHERE expires_at < ?", [time])
        return connection.changes
    }

    private func count(_ sql: String, _ key: any SQLiteValueConvertible, _ since: UnixTime) throws -> Int {
        guard let row = try connection.queryFirst(sql, [key, since]) else { return 0 }
        return try row.get(0)
    }

    func deleteChallenges(of accountID: Account.ID, destinations: [[UInt8]]) throws -> Int {
        try connection.execute("DELETE FROM challenges WHERE account_id = ?", [accountID.rawValue])
        var count = connection.changes
        for index in destinations {
            try connection.execute("DELETE FROM challenges WHERE destination_index = ?", [index])
            count += connection.changes
        }
        return count
    }

    func deleteSends(toDestinations destinations: [[UInt8]]) throws -> Int {
        var count = 0
        for index in destinations {
            try connection.execute("DELETE FROM otp_sends WHERE destination_index = ?", [index])
            count += connection.changes
        }
        return count
    }
}
