internal import CSchoolIDSQLite

extension SQLiteConnection {
    /// Runs one statement to completion, discarding any rows.
    /// - Parameters:
    ///   - sql: one SQL statement with `?` placeholders (cached by its text).
    ///   - arguments: values for the placeholders, in order.
    /// - Throws: ``SQLiteError``.
    public func execute(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// Runs a script of several statements without arguments (migrations), uncached.
    /// - Throws: ``SQLiteError`` naming the script.
    public func executeScript(_ sql: String) throws {
        let db = try openHandle(sql: sql)
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            let extended = sqlite3_extended_errcode(db)
            throw SQLiteError(code: .init(rawValue: (extended & 0xFF) == (code & 0xFF) ? extended : code), message: text, sql: sql)
        }
    }

    /// Runs a query and copies out every row.
    /// - Throws: ``SQLiteError``.
    /// - Returns: the rows, in order.
    public func query(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws -> [SQLiteRow] {
        var rows: [SQLiteRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// Runs a query and returns its first row, if any (the statement is reset after it).
    /// - Throws: ``SQLiteError``.
    public func queryFirst(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws -> SQLiteRow? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? statement.row() : nil
        }
    }

    /// Runs a query and hands each row to `body` as it is stepped.
    /// - Throws: ``SQLiteError``, or what `body` throws (the statement is reset either way).
    public func forEachRow(_ sql: String, _ arguments: [any SQLiteValueConvertible] = [], _ body: (SQLiteRow) throws -> Void) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() { try body(statement.row()) }
        }
    }

    /// Rows changed by the last `INSERT`, `UPDATE` or `DELETE` (`sqlite3_changes64`).
    public var changes: Int { handle.map { Int(sqlite3_changes64($0)) } ?? 0 }

    /// The rowid of the last successful `INSERT` (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Whether no transaction is open (`sqlite3_get_autocommit`). Inside a unit of work
    /// this turning `true` means SQLite rolled the whole transaction back on an error.
    public var isAutocommit: Bool { handle.map { sqlite3_get_autocommit($0) != 0 } ?? true }

    /// `PRAGMA data_version`: changes between two reads on this connection exactly when
    /// another connection (another process, a CLI) committed in between
    /// (https://sqlite.org/pragma.html#pragma_data_version).
    /// - Throws: ``SQLiteError``.
    public func dataVersion() throws -> Int64 {
        try queryFirst("PRAGMA data_version")?.get(0) ?? 0
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, otherwise the problems found.
    /// - Throws: ``SQLiteError``.
    public func integrityCheck() throws -> [String] {
        try query("PRAGMA integrity_check").map { try $0.get(0) }
    }
}
