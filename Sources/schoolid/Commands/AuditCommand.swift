import Foundation
import SchoolIDBase
import SchoolIDCore

/// `schoolid audit`: the security event log, newest first, one JSON object per line.
enum AuditCommand: Command {
    static let name = "audit"
    static let summary = "print security events as JSON lines"
    static let help = """
    usage: schoolid audit [--account LOGIN|ID] [--school CODE|ID] [--since YYYY-MM-DD|UNIX]
                          [--limit N]

    Prints audit events, newest first, one JSON object per line: sequence, at (ISO 8601,
    UTC), action (e.g. login.failed, staff.added), actor_id, target_id, school_id,
    client_address ('cli' for this command line), request_id (joins the access log)
    and detail. Filters combine with AND.

    options:
      --account LOGIN|ID  events whose actor or target is this account
      --school CODE|ID    events about this school
      --since D           events at or after D: a UTC date (2026-09-01) or unix seconds
      --limit N           at most N events, 1-1000 (default 100)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let account = try arguments.option("--account")
        let school = try arguments.option("--school")
        let since = try arguments.option("--since").map { text throws(UsageError) in try time(text) }
        let limit = try arguments.option("--limit").map { text throws(UsageError) in
            guard let value = Int(text), (1...1000).contains(value) else {
                throw UsageError("--limit must be a number from 1 to 1000")
            }
            return value
        } ?? 100
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let events = try await Installation.with(environment) { installation in
            var query = AuditQuery(since: since, limit: limit)
            if let account { query.accountID = try await installation.account(account).id }
            if let school { query.schoolID = try await installation.school(school).id }
            let final = query
            return try await installation.storage.read { tx in try tx.audit.events(final) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for event in events {
            print(try line(event, encoder: encoder))
        }
    }

    /// `YYYY-MM-DD` (midnight UTC) or whole unix seconds.
    static func time(_ text: String) throws(UsageError) -> UnixTime {
        if let seconds = Int64(text), seconds >= 0 { return UnixTime(seconds: seconds) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        if parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], text.count == 10 {
            components.year = year
            components.month = month
            components.day = day
            if components.isValidDate, let date = components.date {
                return UnixTime(seconds: Int64(date.timeIntervalSince1970))
            }
        }
        throw UsageError("--since must be a date (YYYY-MM-DD) or unix seconds")
    }

    /// One output line, keys in a fixed order (sequence first) so lines read and diff
    /// well; absent values are explicit `null`s so every line has every key.
    static func line(_ event: AuditEvent, encoder: JSONEncoder) throws -> String {
        func json(_ value: String?) throws -> String {
            guard let value else { return "null" }
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        let fields: [(String, String)] = [
            ("sequence", String(event.sequence)), ("at", try json(iso8601(event.at))),
            ("action", try json(event.action.rawValue)), ("actor_id", try json(event.actorID?.rawValue)),
            ("target_id", try json(event.targetID?.rawValue)), ("school_id", try json(event.schoolID?.rawValue)),
            ("client_address", try json(event.clientAddress)), ("request_id", try json(event.requestID)),
            ("detail", try json(event.detail)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
