internal import CSchoolIDSQLite

/// A prepared statement, owned and cached by one ``SQLiteConnection``.
///
/// Callers never keep a statement across uses: ``SQLiteConnection`` hands it out inside
/// a closure and resets it and clears its bindings afterwards, so no statement stays
/// busy (holding a read snapshot or a lock) between uses.
///
/// SAFETY: not `Sendable`. The `sqlite3_stmt*` is used only by its connection's owner
/// (the database actor's dedicated thread) and finalized by the connection's `close()`
/// before the connection handle itself is closed.
final class Statement {
    private(set) var handle: OpaquePointer?
    /// The SQL text, with placeholders only, for error messages.
    let sql: String
    private let connection: OpaquePointer

    /// Prepares `sql` on `connection` (persistent: it will be reused).
    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
        let code = sqlite3_prepare_v3(connection, sql, -1, flags, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError(handle: connection, code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    /// Binds `arguments` to placeholders `?1…?n`.
    /// - Throws: ``SQLiteError`` `.range` when the count does not match the placeholders.
    func bind(_ arguments: [any SQLiteValueConvertible]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw SQLiteError(code: .range, message: "\(arguments.count) arguments for \(expected) placeholders", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqliteValue, at: Int32(offset + 1))
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let int): code = sqlite3_bind_int64(handle, index, int)
        case .real(let double): code = sqlite3_bind_double(handle, index, double)
        case .text(let string): code = sqlite3_bind_text(handle, index, string, -1, csid_sqlite_transient())
        case .blob(let bytes):
            // A zero-length blob must bind as an empty blob, not NULL: pass a valid pointer.
            code = bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(raw.count), csid_sqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError(handle: connection, code: code, sql: sql) }
    }

    /// Advances to the next row.
    /// - Returns: `true` when a row is available, `false` when the statement is done.
    /// - Throws: ``SQLiteError`` for any other result (busy, constraint, interrupt…).
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(handle: connection, code: code, sql: sql)
        }
    }

    /// Copies the current row out.
    func row() -> SQLiteRow {
        let count = sqlite3_column_count(handle)
        return SQLiteRow(values: (0..<count).map(column))
    }

    private func column(_ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// Returns the statement to its initial state and drops its bindings, releasing
    /// any snapshot or lock it held.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Finalizes the statement; called once, by the owning connection's `close()`.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }
}
