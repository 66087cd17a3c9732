import Foundation
import Synchronization

/// One SQLite connection confined to its own thread: an `actor` whose executor is a
/// dedicated ``ThreadExecutor`` (STYLE §5.5), so that `sqlite3_step`, fsync and lock
/// waits never block the cooperative pool.
///
/// ``SQLiteStorage`` uses one writer database (group commit) and a small pool of reader
/// databases. Everything SQLite does for a database happens inside its isolated methods.
public actor SQLiteDatabase {
    private let executor: ThreadExecutor
    private var openConnection: SQLiteConnection?
    private let interruptSlot = Mutex<InterruptHandle?>(nil)
    /// The data version last seen by ``hasForeignChanges()``.
    private var seenDataVersion: Int64 = 0

    /// The database file's path.
    public nonisolated let path: String
    /// Whether this database writes (WAL, migrations, group commit) or only reads.
    public nonisolated let mode: SQLiteConnection.Mode

    /// Runs every job of this actor on its dedicated thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Starts the database's thread and opens the connection on it.
    /// - Parameters:
    ///   - path: the database file (created for `.writer`).
    ///   - mode: `.writer` or `.reader`.
    ///   - busyTimeoutMilliseconds: how long to wait for another process's lock.
    /// - Throws: ``SQLiteError`` when the file cannot be opened or configured.
    public init(path: String, mode: SQLiteConnection.Mode = .writer,
                busyTimeoutMilliseconds: Int32 = SQLiteConnection.defaultBusyTimeoutMilliseconds) async throws {
        try await self.init(path: path, mode: mode, busyTimeoutMilliseconds: busyTimeoutMilliseconds, vfs: nil)
    }

    /// ``init(path:mode:busyTimeoutMilliseconds:)`` through the SQLite VFS registered as
    /// `vfs` (`nil`: the default one); tests use it to inject storage faults.
    package init(path: String, mode: SQLiteConnection.Mode, busyTimeoutMilliseconds: Int32,
                 vfs: String?) async throws {
        executor = ThreadExecutor(name: "schoolid-sqlite-\(mode == .writer ? "writer" : "reader")")
        self.path = path
        self.mode = mode
        // All stored properties are set: from here the initializer is isolated and has
        // hopped to `executor`, so the file is opened on the dedicated thread.
        assert(executor.isCurrent, "async actor init did not hop to the database thread")
        let connection = try SQLiteConnection(path: path, mode: mode, busyTimeoutMilliseconds: busyTimeoutMilliseconds,
                                              vfs: vfs)
        openConnection = connection
        interruptSlot.withLock { $0 = connection.interruptHandle }
        seenDataVersion = try connection.dataVersion()
    }

    deinit {
        executor.shutdown()
    }

    /// The open connection.
    /// - Throws: ``SQLiteError`` `.misuse` after ``close()``.
    var connection: SQLiteConnection {
        get throws {
            guard let openConnection else { throw SQLiteError(code: .misuse, message: "database is closed") }
            return openConnection
        }
    }

    /// Runs `body` with the connection, on the database's thread.
    /// - Throws: what `body` throws, or ``SQLiteError`` `.misuse` after ``close()``.
    /// - Returns: what `body` returns.
    public func withConnection<T: Sendable>(_ body: @Sendable (SQLiteConnection) throws -> T) throws -> T {
        try body(connection)
    }

    /// Runs `body` in one deferred read transaction, so that it sees one snapshot.
    ///
    /// Interrupted statements (see ``interrupt()``) surface as `CancellationError`
    /// when the calling task was cancelled.
    /// - Throws: `CancellationError`, what `body` throws, or ``SQLiteError``.
    /// - Returns: what `body` returns.
    public func readTransaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) throws -> T) throws -> T {
        let connection = try connection
        // A cancellation that arrived before this point is seen by checkCancellation;
        // one that arrives later raises the flag again.
        connection.interruptHandle.reset()
        try Task.checkCancellation()
        try connection.execute("BEGIN DEFERRED")
        do {
            let value = try body(connection)
            try connection.execute("COMMIT")
            return value
        } catch {
            connection.interruptHandle.reset()  // or the ROLLBACK itself is interrupted
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
            if Task.isCancelled, SQLiteError.ResultCode.interrupt ~= error { throw CancellationError() }
            throw error
        }
    }

    /// Interrupts the statement this database is running, from any thread
    /// (`sqlite3_interrupt`); a no-op when idle or closed.
    public nonisolated func interrupt() {
        interruptSlot.withLock { $0 }?.interrupt()
    }

    /// Whether another connection (another process such as the CLI) committed since the
    /// last call, by `PRAGMA data_version`. This connection's own commits do not count.
    /// - Throws: ``SQLiteError``.
    public func hasForeignChanges() throws -> Bool {
        let current = try connection.dataVersion()
        defer { seenDataVersion = current }
        return current != seenDataVersion
    }

    /// Closes the connection (finalizing its statements). Later calls throw `.misuse`.
    public func close() {
        interruptSlot.withLock { $0 = nil }
        openConnection?.close()
        openConnection = nil
    }

    /// Whether the caller runs on this database's thread (for assertions in tests).
    public nonisolated var isOnDatabaseThread: Bool { executor.isCurrent }
}
