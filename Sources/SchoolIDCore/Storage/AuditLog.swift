import SchoolIDBase

/// Reads the audit log.
public protocol AuditReader {
    /// Events matching `query`, newest first (by sequence), at most 1000 whatever
    /// `query.limit` says.
    /// - Throws: a backend error.
    func events(_ query: AuditQuery) throws -> [AuditEvent]
}

/// The append-only audit log: events are never updated, and deleted only by the
/// retention job once older than `audit_events_years`.
public protocol AuditLog: AuditReader {
    /// Appends an event.
    /// - Throws: a backend error.
    /// - Returns: the event's sequence number.
    @discardableResult
    func append(_ event: AuditEvent) throws -> Int64

    /// Destroys the events recorded before `cutoff`, oldest first, at most `limit`:
    /// the only deletion the log allows (the backend releases exactly these sequences
    /// and refuses any other delete).
    /// - Throws: a backend error.
    /// - Returns: how many events were destroyed.
    func purge(before cutoff: UnixTime, limit: Int) throws -> Int
}
