/// Reads the audit log.
public protocol AuditReader {
    /// Events matching `query`, newest first (by sequence), at most 1000 whatever
    /// `query.limit` says.
    /// - Throws: a backend error.
    func events(_ query: AuditQuery) throws -> [AuditEvent]
}

/// The append-only audit log: events are never updated or deleted through it.
public protocol AuditLog: AuditReader {
    /// Appends an event.
    /// - Throws: a backend error.
    /// - Returns: the event's sequence number.
    @discardableResult
    func append(_ event: AuditEvent) throws -> Int64
}
