import SchoolIDBase
import SchoolIDCore

/// `audit_events` rows as ``AuditEvent`` values. The table's triggers refuse `UPDATE`
/// and any `DELETE` above the retention mark in `audit_purges`, so the log is
/// append-only even for raw SQL on the writer; ``purge(before:limit:)`` raises the
/// mark over exactly the events it destroys.
struct SQLiteAuditLog: AuditLog {
    let connection: SQLiteConnection

    /// The most events one query returns, whatever its ``AuditQuery/limit``.
    static let maximumLimit = 1000

    /// One `audit_events` row; hides the column layout from the domain.
    private struct Record {
        static let insertColumns = "at, action, actor_id, target_id, school_id, client_address, request_id, detail"
        static let columns = "sequence, " + insertColumns

        var event: AuditEvent

        init(_ event: AuditEvent) { self.event = event }

        init(row: SQLiteRow) throws {
            event = AuditEvent(
                sequence: try row.get(0), at: try row.get(1), action: try row.value(2), actorID: try row.optionalValue(3),
                targetID: try row.optionalValue(4), schoolID: try row.optionalValue(5), clientAddress: try row.get(6),
                requestID: try row.get(7), detail: try row.get(8))
        }

        /// Everything but the sequence, which the table assigns.
        var insertArguments: [any SQLiteValueConvertible] {
            [event.at, event.action.rawValue, event.actorID?.rawValue, event.targetID?.rawValue,
             event.schoolID?.rawValue, event.clientAddress, event.requestID, event.detail]
        }
    }

    func append(_ event: AuditEvent) throws -> Int64 {
        let row = try connection.queryFirst("""
            INSERT INTO audit_events (\(Record.insertColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING sequence
            """, Record(event).insertArguments)
        guard let row else { throw SQLiteError(code: .internal, message: "insert returned no row") }
        return try row.get(0)
    }

    /// Only the filters present appear in the SQL, so that SQLite can use the
    /// `(actor_id, sequence)`, `(target_id, sequence)` and `(school_id, sequence)`
    /// indexes; at most 16 statement shapes end up in the connection's cache.
    func events(_ query: AuditQuery) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: [any SQLiteValueConvertible] = []
        if let accountID = query.accountID {
            conditions.append("(actor_id = ? OR target_id = ?)")
            arguments += [accountID.rawValue, accountID.rawValue]
        }
        if let schoolID = query.schoolID {
            conditions.append("school_id = ?")
            arguments.append(schoolID.rawValue)
        }
        if let since = query.since {
            conditions.append("at >= ?")
            arguments.append(since)
        }
        if let before = query.before {
            conditions.append("sequence < ?")
            arguments.append(before)
        }
        if let until = query.until {
            conditions.append("at < ?")
            arguments.append(until)
        }
        if let actions = query.actions {
            // Sorted so the statement text (and its cache entry) is stable; `IN ()` is
            // not SQL, so an empty set is a condition that is always false.
            let names = actions.map(\.rawValue).sorted()
            conditions.append(names.isEmpty ? "0" : "action IN (" + names.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += names.map { $0 as any SQLiteValueConvertible }
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(min(max(query.limit, 0), Self.maximumLimit))
        return try connection.query("""
            SELECT \(Record.columns) FROM audit_events \(filter) ORDER BY sequence DESC LIMIT ?
            """, arguments).map { try Record(row: $0).event }
    }

    func purge(before cutoff: UnixTime, limit: Int) throws -> Int {
        // The newest of the `limit` oldest events recorded before the cutoff; sequences
        // grow with time, and `at < cutoff` below keeps a clock step from taking more.
        let newest = try connection.queryFirst("""
            SELECT max(sequence) FROM (SELECT sequence FROM audit_events WHERE at < ? ORDER BY sequence LIMIT ?)
            """, [cutoff, max(limit, 0)])
        guard let through = try newest?.get(0, as: Int64?.self) else { return 0 }
        try connection.execute("""
            UPDATE audit_purges SET through_sequence = max(through_sequence, ?1), released_before = ?2 WHERE id = 1
            """, [through, cutoff])
        try connection.execute("DELETE FROM audit_events WHERE sequence <= ? AND at < ?", [through, cutoff])
        return connection.changes
    }
}
