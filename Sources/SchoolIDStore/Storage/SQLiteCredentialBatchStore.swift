import SchoolIDBase
import SchoolIDCore

/// `credential_batches` rows as ``CredentialBatch`` values.
struct SQLiteCredentialBatchStore: CredentialBatchStore {
    let connection: SQLiteConnection

    /// One `credential_batches` row; the downloads map is two nullable columns.
    private struct Record {
        static let columns = """
            id, school_id, class_id, requested_by, status, total, completed, failure_code, sealed_roster, \
            sealed_result, created_at, finished_at, purge_at, slips_downloaded_at, csv_downloaded_at
            """

        var batch: CredentialBatch

        init(_ batch: CredentialBatch) { self.batch = batch }

        init(row: SQLiteRow) throws {
            var downloads: [CredentialBatch.Download: UnixTime] = [:]
            downloads[.slips] = try row.get(13)
            downloads[.csv] = try row.get(14)
            batch = CredentialBatch(
                id: try row.value(0), schoolID: try row.value(1), classID: try row.value(2),
                requestedBy: try row.value(3), status: try row.value(4), total: try row.get(5),
                completed: try row.get(6), failureCode: try row.get(7), sealedRoster: try row.get(8),
                sealedResult: try row.get(9), createdAt: try row.get(10), finishedAt: try row.get(11),
                purgeAt: try row.get(12), downloadedAt: downloads)
        }

        var arguments: [any SQLiteValueConvertible] {
            [batch.id.rawValue, batch.schoolID.rawValue, batch.classID.rawValue, batch.requestedBy.rawValue,
             batch.status.rawValue, batch.total, batch.completed, batch.failureCode, batch.sealedRoster,
             batch.sealedResult, batch.createdAt, batch.finishedAt, batch.purgeAt, batch.downloadedAt[.slips],
             batch.downloadedAt[.csv]]
        }

        /// The column recording `download` (a code constant, never input).
        static func column(of download: CredentialBatch.Download) -> String {
            switch download {
            case .slips: "slips_downloaded_at"
            case .csv: "csv_downloaded_at"
            }
        }
    }

    func batch(_ id: CredentialBatch.ID) throws -> CredentialBatch? {
        try connection.queryFirst("SELECT \(Record.columns) FROM credential_batches WHERE id = ?", [id.rawValue])
            .map { try Record(row: $0).batch }
    }

    func unfinishedBatches() throws -> [CredentialBatch] {
        try connection.query("""
            SELECT \(Record.columns) FROM credential_batches
            WHERE status IN ('queued', 'running') ORDER BY created_at, rowid
            """).map { try Record(row: $0).batch }
    }

    func batchesToPurge(at time: UnixTime) throws -> [CredentialBatch.ID] {
        try connection.query("""
            SELECT id FROM credential_batches
            WHERE (sealed_roster IS NOT NULL OR sealed_result IS NOT NULL) AND purge_at <= ?
            ORDER BY purge_at, id
            """, [time]).map { try $0.value(0) }
    }

    func insert(_ batch: CredentialBatch) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO credential_batches (\(Record.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, Record(batch).arguments)
        }
    }

    /// Reads, changes and writes back; safe because a unit runs alone on the writer
    /// inside its transaction.
    func update(_ id: CredentialBatch.ID, _ change: (inout CredentialBatch) throws -> Void) throws -> CredentialBatch {
        guard var batch = try batch(id) else { throw StoreError.notFound }
        try change(&batch)
        precondition(batch.id == id, "update cannot change a batch's id")
        try connection.mappingConstraints {
            try connection.execute("""
                UPDATE credential_batches SET school_id = ?2, class_id = ?3, requested_by = ?4, status = ?5, total = ?6,
                    completed = ?7, failure_code = ?8, sealed_roster = ?9, sealed_result = ?10, created_at = ?11,
                    finished_at = ?12, purge_at = ?13, slips_downloaded_at = ?14, csv_downloaded_at = ?15
                WHERE id = ?1
                """, Record(batch).arguments)
        }
        return batch
    }

    /// One conditional `UPDATE … RETURNING` (STYLE §9.7): of concurrent callers only the
    /// first finds the download untaken.
    func claimDownload(_ download: CredentialBatch.Download, of id: CredentialBatch.ID, at time: UnixTime) throws
        -> CredentialBatch?
    {
        let column = Record.column(of: download)
        return try connection.queryFirst("""
            UPDATE credential_batches SET \(column) = ?2
            WHERE id = ?1 AND status = 'finished' AND \(column) IS NULL AND sealed_result IS NOT NULL AND purge_at > ?2
            RETURNING \(Record.columns)
            """, [id.rawValue, time]).map { try Record(row: $0).batch }
    }

    func unpurgedBatches(ofClass classID: SchoolClass.ID) throws -> [CredentialBatch.ID] {
        try connection.query("""
            SELECT id FROM credential_batches
            WHERE class_id = ? AND (sealed_roster IS NOT NULL OR sealed_result IS NOT NULL) ORDER BY created_at, id
            """, [classID.rawValue]).map { try $0.value(0) }
    }
}
