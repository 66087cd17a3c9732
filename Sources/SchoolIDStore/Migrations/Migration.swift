/// One numbered schema change, applied once and recorded in `schema_migrations`.
///
/// Applied migrations are never edited: a later change is a new migration with the
/// next number. Each migration and its record commit in one `BEGIN IMMEDIATE`
/// transaction, so a crash leaves the schema either before or after it.
public struct Migration: Sendable, Hashable {
    /// The stable identifier, `NNNN-what-it-does`, e.g. `0001-foundation`.
    public let id: String
    /// The SQL script (one or more statements; tables are `STRICT`).
    public let sql: String

    /// Creates a migration.
    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }
}

/// Why the schema could not be brought to head.
public enum MigrationError: Error, Hashable, CustomStringConvertible {
    /// The database records migrations this binary does not know: it was written by a
    /// newer SchoolID. Opening it could corrupt data, so it is refused.
    case unknownMigrations([String])
    /// The same id appears twice in the list given to the store (a programming error
    /// reported as an error so that a test can show it).
    case duplicateID(String)
    /// A migration's SQL failed; nothing of it was applied.
    case failed(id: String, reason: String)

    public var description: String {
        switch self {
        case .unknownMigrations(let ids):
            "the database was migrated by a newer SchoolID (unknown migrations: \(ids.joined(separator: ", "))); upgrade schoolid"
        case .duplicateID(let id):
            "migration \(id) is listed twice"
        case .failed(let id, let reason):
            "migration \(id) failed: \(reason)"
        }
    }
}
