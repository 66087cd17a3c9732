extension SQLiteDatabase {
    /// Runs `PRAGMA wal_checkpoint(TRUNCATE)` (https://sqlite.org/pragma.html#pragma_wal_checkpoint):
    /// waits (within the busy timeout) for readers, copies every WAL frame into the
    /// database file and truncates the WAL to zero bytes, so page images of deleted rows
    /// no longer sit in the WAL.
    /// - Throws: ``SQLiteError`` `.busy` when a reader still used the log and the
    ///   checkpoint could not finish; other ``SQLiteError``s.
    func checkpointTruncatingWAL() throws {
        guard let row = try connection.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)") else { return }
        let busy: Int = try row.get(0)
        guard busy == 0 else {
            throw SQLiteError(code: .busy, message: "wal_checkpoint(TRUNCATE) could not finish: the log is in use")
        }
    }
}
