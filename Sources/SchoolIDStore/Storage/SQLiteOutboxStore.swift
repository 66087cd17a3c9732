import SchoolIDBase
import SchoolIDCore

/// `outbox` rows as ``OutboxMessage`` values.
struct SQLiteOutboxStore: OutboxStore {
    let connection: SQLiteConnection

    /// One `outbox` row.
    private struct Record {
        static let columns = """
            id, channel, destination, body, status, decoy, attempts, next_attempt_at, created_at, sent_at, last_error
            """

        var message: OutboxMessage

        init(_ message: OutboxMessage) { self.message = message }

        init(row: SQLiteRow) throws {
            message = OutboxMessage(
                id: try row.value(0), channel: try row.value(1), destination: try row.get(2), body: try row.get(3),
                status: try row.value(4), decoy: try row.get(5), attempts: try row.get(6), nextAttemptAt: try row.get(7),
                createdAt: try row.get(8), sentAt: try row.get(9), lastError: try row.get(10))
        }

        var arguments: [any SQLiteValueConvertible] {
            [message.id.rawValue, message.channel.rawValue, message.destination, message.body, message.status.rawValue,
             message.decoy, message.attempts, message.nextAttemptAt, message.createdAt, message.sentAt, message.lastError]
        }
    }

    func message(_ id: OutboxMessage.ID) throws -> OutboxMessage? {
        try connection.queryFirst("SELECT \(Record.columns) FROM outbox WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).message }
    }

    func due(at time: UnixTime, channels: Set<OutboxMessage.Channel>, limit: Int) throws -> [OutboxMessage] {
        guard !channels.isEmpty, limit > 0 else { return [] }
        // Channel names are enum constants; only their count shapes the SQL.
        let placeholders = Array(repeating: "?", count: channels.count).joined(separator: ", ")
        let arguments: [any SQLiteValueConvertible] = [time] + channels.map(\.rawValue).sorted() + [limit]
        return try connection.query("""
            SELECT \(Record.columns) FROM outbox
            WHERE status = 'pending' AND next_attempt_at <= ? AND channel IN (\(placeholders))
            ORDER BY created_at, rowid LIMIT ?
            """, arguments).map { try Record(row: $0).message }
    }

    func insert(_ message: OutboxMessage) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO outbox (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   Record(message).arguments)
        }
    }

    /// Reads, changes and writes back; safe because a unit runs alone on the writer
    /// inside its transaction.
    func update(_ id: OutboxMessage.ID, _ change: (inout OutboxMessage) throws -> Void) throws -> OutboxMessage {
        guard var message = try message(id) else { throw StoreError.notFound }
        try change(&message)
        precondition(message.id == id, "update cannot change a message's id")
        try connection.execute("""
            UPDATE outbox SET channel = ?2, destination = ?3, body = ?4, status = ?5, decoy = ?6, attempts = ?7,
                next_attempt_at = ?8, created_at = ?9, sent_at = ?10, last_error = ?11
            WHERE id = ?1
            """, Record(message).arguments)
        return message
    }

    func deleteFinished(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM outbox WHERE status <> 'pending' AND coalesce(sent_at, created_at) < ?", [time])
        return connection.changes
    }

    func messages(after id: OutboxMessage.ID?, limit: Int) throws -> [OutboxMessage] {
        guard limit > 0 else { return [] }
        return try connection.query("""
            SELECT \(Record.columns) FROM outbox WHERE id > ? ORDER BY id LIMIT ?
            """, [id?.rawValue ?? "", limit]).map { try Record(row: $0).message }
    }

    func delete(_ id: OutboxMessage.ID) throws -> Bool {
        try connection.execute("DELETE FROM outbox WHERE id = ?", [id.rawValue])
        return connection.changes > 0
    }
}
