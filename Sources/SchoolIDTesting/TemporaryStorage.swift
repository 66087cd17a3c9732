import SchoolIDBase
import SchoolIDStore

/// A ``SQLiteStorage`` on a fresh file in its own ``TemporaryDirectory``: one per test.
public struct TemporaryStorage: Sendable {
    /// The directory holding the database (and anything else the test writes).
    public let directory: TemporaryDirectory
    /// The open storage.
    public let storage: SQLiteStorage

    /// The database file's path.
    public var path: String { storage.path }

    /// Creates the directory and opens a migrated database in it.
    /// - Parameters:
    ///   - migrations: the schema (tests append test-only migrations to the real ones).
    ///   - clock: the clock recorded in `schema_migrations`.
    /// - Throws: what opening the storage throws.
    public init(migrations: [Migration] = SchoolIDSchema.migrations,
                clock: any WallClock = ManualWallClock(UnixTime(seconds: 1_700_000_000))) async throws {
        directory = try TemporaryDirectory(prefix: "schoolid-store")
        storage = try await SQLiteStorage(path: directory.file("schoolid.sqlite"), migrations: migrations, clock: clock)
    }

    /// Closes the storage and removes the directory.
    public func remove() async {
        await storage.close()
        directory.remove()
    }
}
