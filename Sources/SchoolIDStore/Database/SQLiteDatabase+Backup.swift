import Foundation
internal import CSchoolIDSQLite

extension SQLiteDatabase {
    /// Copies the whole database to a new file at `path` with SQLite's online backup API
    /// (`sqlite3_backup_init/step/finish`), while the writer stays open.
    ///
    /// The copy is written to `path.partial` and renamed into place when complete, so
    /// `path` never holds half a backup.
    /// - Throws: ``SQLiteError`` (`.cannotOpen` when `path` already exists).
    public func backup(to path: String) throws {
        let source = try connection.openHandle()
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: .cannotOpen, message: "backup destination already exists: \(path)")
        }
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try Self.copy(from: source, toNewFileAt: partial)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }

    /// Copies `source` into a fresh file and closes it before returning.
    private static func copy(from source: OpaquePointer, toNewFileAt path: String) throws {
        var destination: OpaquePointer?
        let code = sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(destination) }
        guard code == SQLITE_OK, let destination else { throw SQLiteError(handle: destination, code: code) }
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(handle: destination, code: sqlite3_errcode(destination))
        }
        // One step copies every page under one read snapshot of the source.
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            throw SQLiteError(handle: destination, code: stepCode == SQLITE_DONE ? finishCode : stepCode)
        }
    }
}
