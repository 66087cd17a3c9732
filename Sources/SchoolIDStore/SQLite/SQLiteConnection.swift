internal import CSchoolIDSQLite

/// One SQLite connection: the `sqlite3*` handle, its PRAGMAs and its statement cache.
///
/// Store implementations, the CLI and tests use it through ``SQLiteWriteTransaction``
/// and ``SQLiteReadTransaction``; it never appears in `SchoolIDCore`.
///
/// SAFETY: deliberately not `Sendable`. The handle is opened with `SQLITE_OPEN_NOMUTEX`
/// because it is confined to one thread: the dedicated thread of the ``SQLiteDatabase``
/// actor that owns it (or a test's own task). The only cross-thread call is
/// `sqlite3_interrupt`, made through ``InterruptHandle``, which SQLite documents as
/// safe from any thread while the connection is open. Cached statements are finalized
/// in ``close()`` (and `deinit`) before `sqlite3_close_v2`.
public final class SQLiteConnection {
    /// How a connection opens its file.
    public enum Mode: Sendable {
        /// Read and write, creating the file; switches the database to WAL.
        case writer
        /// Read only (readers of a WAL database run beside the writer).
        case reader
    }

    /// The default time a statement waits for another process's lock (`busy_timeout`).
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5000

    private(set) var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]
    /// The database file's path.
    public let path: String
    /// Interrupts this connection's running statement from another thread.
    let interruptHandle: InterruptHandle

    /// Opens `path` and applies the PRAGMAs every SchoolID connection uses:
    /// `journal_mode=WAL` (writer), `synchronous=FULL`, `foreign_keys=ON`,
    /// `busy_timeout`, `secure_delete=ON`.
    /// - Throws: ``SQLiteError`` when the file cannot be opened or is not a database.
    public convenience init(path: String, mode: Mode = .writer,
                            busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds) throws {
        try self.init(path: path, mode: mode, busyTimeoutMilliseconds: busyTimeoutMilliseconds, vfs: nil)
    }

    /// ``init(path:mode:busyTimeoutMilliseconds:)`` through the SQLite VFS registered as
    /// `vfs` (`nil`: the default one). Tests pass `SchoolIDTesting.FaultInjectingVFS`'s name.
    package init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32, vfs: String?) throws {
        let access = mode == .writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, access | SQLITE_OPEN_NOMUTEX, vfs)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(handle: db, code: code)
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        self.path = path
        interruptHandle = InterruptHandle(handle: db)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        if mode == .reader { interruptHandle.installProgressHandler(on: db) }
        do {
            try configure(mode: mode)
        } catch {
            close()
            throw error
        }
    }

    private func configure(mode: Mode) throws {
        if mode == .writer {
            let journal = try query("PRAGMA journal_mode=WAL").first?.get(0, as: String.self)
            guard journal?.lowercased() == "wal" else {
                throw SQLiteError(code: .error, message: "cannot switch to WAL (journal_mode is \(journal ?? "unknown"))")
            }
        }
        try execute("PRAGMA synchronous=FULL")
        try execute("PRAGMA foreign_keys=ON")
        try execute("PRAGMA secure_delete=ON")
    }

    deinit { close() }

    /// Finalizes every cached statement and closes the handle. Idempotent.
    public func close() {
        guard let db = handle else { return }
        interruptHandle.invalidate()
        assert(busyStatements().isEmpty, "a statement was left busy: \(busyStatements())")
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        sqlite3_close_v2(db)
        handle = nil
    }

    /// Whether ``close()`` has run.
    public var isClosed: Bool { handle == nil }

    func openHandle(sql: String? = nil) throws -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: .misuse, message: "connection is closed", sql: sql) }
        return handle
    }

    /// Runs `body` with the cached statement for `sql` (prepared on first use), bound to
    /// `arguments`; the statement is reset and its bindings cleared afterwards, even when
    /// `body` throws.
    func withStatement<T>(_ sql: String, _ arguments: [any SQLiteValueConvertible], _ body: (Statement) throws -> T) throws -> T {
        let db = try openHandle(sql: sql)
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try Statement(connection: db, sql: sql)
            statements[sql] = statement
        }
        defer { statement.reset() }
        try statement.bind(arguments)
        return try body(statement)
    }

    /// The SQL of every statement of this connection that is still busy
    /// (`sqlite3_next_stmt` + `sqlite3_stmt_busy`); empty between uses.
    public func busyStatements() -> [String] {
        guard let db = handle else { return [] }
        var busy: [String] = []
        var statement = sqlite3_next_stmt(db, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 {
                busy.append(sqlite3_sql(current).map { String(cString: $0) } ?? "?")
            }
            statement = sqlite3_next_stmt(db, current)
        }
        return busy
    }

    /// The number of prepared statements this connection holds (cached ones included).
    public var preparedStatementCount: Int {
        guard let db = handle else { return 0 }
        var count = 0
        var statement = sqlite3_next_stmt(db, nil)
        while let current = statement {
            count += 1
            statement = sqlite3_next_stmt(db, current)
        }
        return count
    }
}
