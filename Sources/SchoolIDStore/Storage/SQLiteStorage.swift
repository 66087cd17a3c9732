import SchoolIDBase
import SchoolIDCore

/// ``Storage`` on one SQLite file: one writer database with group commit, plus a small
/// pool of reader databases (WAL lets them read while the writer writes).
///
/// Opening migrates the schema to head (``SchoolIDSchema/migrations``) and refuses a
/// database written by a newer SchoolID. Every acknowledged write is durable:
/// `synchronous=FULL` fsyncs the WAL at each commit, and a caller is resumed only after
/// its group's `COMMIT` returned.
public final class SQLiteStorage: Storage {
    /// The database file's path.
    public let path: String
    private let writer: SQLiteDatabase
    private let readers: ReaderPool
    private let queue = UnitQueue()
    private let recorder = StatisticsRecorder()

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameters:
    ///   - path: the database file.
    ///   - migrations: the ordered migrations (tests append test-only ones).
    ///   - readerCount: how many reader connections to open (at least 1).
    ///   - clock: the source of `schema_migrations.applied_at`.
    /// - Throws: ``MigrationError`` (e.g. a newer schema), or ``SQLiteError``.
    public convenience init(path: String, migrations: [Migration] = SchoolIDSchema.migrations,
                            readerCount: Int = 2, clock: any WallClock = SystemWallClock()) async throws {
        try await self.init(path: path, migrations: migrations, readerCount: readerCount, clock: clock, vfs: nil)
    }

    /// ``init(path:migrations:readerCount:clock:)`` with every connection opened through
    /// the SQLite VFS registered as `vfs` (`nil`: the default one). Only tests name one
    /// (`SchoolIDTesting.FaultInjectingVFS`); production never registers another VFS.
    package init(path: String, migrations: [Migration] = SchoolIDSchema.migrations, readerCount: Int = 2,
                 clock: any WallClock = SystemWallClock(), vfs: String?) async throws {
        precondition(readerCount >= 1, "a storage needs at least one reader")
        let timeout = SQLiteConnection.defaultBusyTimeoutMilliseconds
        let writer = try await SQLiteDatabase(path: path, mode: .writer, busyTimeoutMilliseconds: timeout, vfs: vfs)
        try await writer.migrate(migrations, now: clock.now())
        var readers: [SQLiteDatabase] = []
        for _ in 0..<readerCount {
            readers.append(try await SQLiteDatabase(path: path, mode: .reader, busyTimeoutMilliseconds: timeout, vfs: vfs))
        }
        self.path = path
        self.writer = writer
        self.readers = ReaderPool(readers: readers)
    }

    public func write<T: Sendable>(_ unit: @escaping @Sendable (any WriteTransaction) throws -> T) async throws -> T {
        try await writeSQLite { tx in try unit(tx) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any ReadTransaction) throws -> T) async throws -> T {
        try await readSQLite { tx in try body(tx) }
    }

    /// ``write(_:)`` with the concrete transaction, for store implementations, the CLI
    /// and tests that need SQL. Same group commit, savepoint and cancellation rules.
    /// - Throws: what `unit` throws, `CancellationError`, or ``SQLiteError``.
    /// - Returns: what `unit` returned, after the commit.
    public func writeSQLite<T: Sendable>(_ unit: @escaping @Sendable (SQLiteWriteTransaction) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let pending = PendingUnit { tx in try unit(tx) }
        queue.append(pending)
        // The writer is serial: when this call returns, some drain (ours or an earlier
        // caller's that found our unit queued) has finished with our unit.
        await withTaskCancellationHandler {
            await writer.commitQueuedUnits(queue, statistics: recorder)
        } onCancel: {
            pending.cancelIfQueued()
        }
        return try pending.result(as: T.self)
    }

    /// ``read(_:)`` with the concrete transaction.
    /// - Throws: what `body` throws, `CancellationError`, or ``SQLiteError``.
    /// - Returns: what `body` returned.
    public func readSQLite<T: Sendable>(_ body: @escaping @Sendable (SQLiteReadTransaction) throws -> T) async throws -> T {
        try await readers.withReader { reader in
            try await reader.readTransaction { connection in
                try body(SQLiteReadTransaction(connection: connection))
            }
        }
    }

    /// The group-commit counters so far.
    public var statistics: StorageStatistics {
        var snapshot = recorder.snapshot
        snapshot.queuedUnits = queue.count
        return snapshot
    }

    /// Whether another process (the CLI while `serve` runs) committed since the last
    /// call, by the writer's `PRAGMA data_version`; our own commits do not count.
    /// Callers use it to drop caches.
    /// - Throws: ``SQLiteError``.
    public func hasForeignChanges() async throws -> Bool {
        try await writer.hasForeignChanges()
    }

    /// Writes a consistent copy of the database to a new file at `destination` with
    /// SQLite's online backup API, from a reader, while writes continue.
    /// - Throws: ``SQLiteError`` (`.cannotOpen` when `destination` exists).
    public func backup(to destination: String) async throws {
        try await readers.withReader { reader in try await reader.backup(to: destination) }
    }

    public func scrub() async throws {
        try await writer.checkpointTruncatingWAL()
    }

    /// Closes every connection; later calls throw ``SQLiteError`` `.misuse`.
    public func close() async {
        await writer.close()
        for reader in readers.readers { await reader.close() }
    }
}
