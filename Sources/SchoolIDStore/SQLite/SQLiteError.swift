internal import CSchoolIDSQLite

/// An error reported by SQLite, carrying its native result code.
///
/// The description names the code, SQLite's message and the SQL text (with its `?`
/// placeholders), but **never the bound arguments**: they may be personal data or
/// secrets (GRDB's `publicStatementArguments = false`).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// A SQLite result code (https://sqlite.org/rescode.html), primary or extended.
    ///
    /// Match with `~=`: a primary pattern matches its extended codes, so
    /// `case SQLiteError.ResultCode.constraint:` also catches `SQLITE_CONSTRAINT_UNIQUE`.
    public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The native code, e.g. `19` for `SQLITE_CONSTRAINT`, `2067` for `SQLITE_CONSTRAINT_UNIQUE`.
        public let rawValue: Int32

        /// Wraps a native code.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The primary code (the low 8 bits of an extended code).
        public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

        public static let error = ResultCode(rawValue: SQLITE_ERROR)
        public static let `internal` = ResultCode(rawValue: SQLITE_INTERNAL)
        public static let permission = ResultCode(rawValue: SQLITE_PERM)
        public static let abort = ResultCode(rawValue: SQLITE_ABORT)
        public static let busy = ResultCode(rawValue: SQLITE_BUSY)
        public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
        public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
        public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
        public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
        public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
        public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
        public static let full = ResultCode(rawValue: SQLITE_FULL)
        public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
        public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
        public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
        public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
        public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
        public static let range = ResultCode(rawValue: SQLITE_RANGE)
        public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
        public static let constraintUnique = ResultCode(rawValue: 2067)      // SQLITE_CONSTRAINT_UNIQUE
        public static let constraintPrimaryKey = ResultCode(rawValue: 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
        public static let constraintForeignKey = ResultCode(rawValue: 787)   // SQLITE_CONSTRAINT_FOREIGNKEY

        /// SQLite's English name for the code, e.g. "constraint failed".
        public var description: String {
            "\(rawValue) (\(String(cString: sqlite3_errstr(rawValue))))"
        }

        /// A primary pattern matches any extended code of the same family; an extended
        /// pattern matches only itself.
        public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
            pattern.rawValue == pattern.primary.rawValue ? pattern == code.primary : pattern == code
        }

        /// Matches an error that is a ``SQLiteError`` with a matching code, so that
        /// `catch SQLiteError.ResultCode.busy { … }` works.
        public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
            guard let error = error as? SQLiteError else { return false }
            return pattern ~= error.code
        }
    }

    /// The native (extended) result code.
    public let code: ResultCode
    /// SQLite's message (`sqlite3_errmsg`), which names tables and columns but not values.
    public let message: String
    /// The SQL being executed, with placeholders only, when there was one.
    public let sql: String?

    /// Creates an error.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}

extension SQLiteError {
    /// The current error of `handle`, as SQLite reports it right after a failed call.
    init(handle: OpaquePointer?, code: Int32, sql: String? = nil) {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        // The extended code of the handle can be stale when `code` comes from a call
        // that does not set it (e.g. sqlite3_open_v2 failing before allocation).
        let chosen = (extended & 0xFF) == (code & 0xFF) ? extended : code
        self.init(code: ResultCode(rawValue: chosen), message: message, sql: sql)
    }
}

extension SQLiteError {
    /// Whether the storage itself refused: the filesystem is read-only (`SQLITE_READONLY`),
    /// full (`SQLITE_FULL`) or failing (`SQLITE_IOERR*`), rather than the statement being
    /// wrong. SQLite rolled such a write back (a failed fsync alone may leave its WAL frames
    /// for crash recovery: README "Storage faults") and it may succeed once the fault
    /// clears, so the server answers `503 storage_unavailable` instead of `500`.
    public var isStorageFault: Bool {
        switch code {
        case .readOnly, .full, .ioError: true
        default: false
        }
    }
}
