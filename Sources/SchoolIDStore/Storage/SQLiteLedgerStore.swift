import SchoolIDBase
import SchoolIDCore

/// `ledger_entries`, `ledger_bodies`, `ledger_checkpoints`: the acknowledgement ledger
/// (issue 10). Entries and checkpoints are only ever inserted.
struct SQLiteLedgerStore: LedgerStore {
    let connection: SQLiteConnection

    private static let entryColumns = "ledger_index, kind, acknowledgement_id, leaf_data, appended_at"
    private static let checkpointColumns = "tree_size, root, signed_at, compact"

    func size() throws -> Int {
        try connection.queryFirst("SELECT COALESCE(MAX(ledger_index) + 1, 0) FROM ledger_entries")?.get(0) ?? 0
    }

    func entry(at index: Int) throws -> LedgerEntry? {
        try connection.queryFirst("SELECT \(Self.entryColumns) FROM ledger_entries WHERE ledger_index = ?", [index])
            .map(Self.entry)
    }

    func entries(below size: Int) throws -> [LedgerEntry] {
        try connection.query("""
            SELECT \(Self.entryColumns) FROM ledger_entries WHERE ledger_index < ? ORDER BY ledger_index
            """, [size]).map(Self.entry)
    }

    func body(at index: Int) throws -> SealedLedgerBody? {
        try connection.queryFirst("""
            SELECT ledger_index, owner_id, body, expires_at FROM ledger_bodies WHERE ledger_index = ?
            """, [index]).map { row in
            SealedLedgerBody(index: try row.get(0), ownerID: try row.get(1), sealed: try row.get(2),
                             expiresAt: try row.get(3))
        }
    }

    func newestCheckpoint() throws -> SignedCheckpoint? {
        try connection.queryFirst("""
            SELECT \(Self.checkpointColumns) FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1
            """).map(Self.checkpoint)
    }

    func checkpoints() throws -> [SignedCheckpoint] {
        try connection.query("SELECT \(Self.checkpointColumns) FROM ledger_checkpoints ORDER BY tree_size")
            .map(Self.checkpoint)
    }

    func node(level: Int, position: Int) throws -> [UInt8]? {
        try connection.queryFirst("SELECT hash FROM ledger_nodes WHERE level = ? AND position = ?", [level, position])?
            .get(0)
    }

    func insertNode(_ node: LedgerNode) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO ledger_nodes (level, position, hash) VALUES (?, ?, ?)",
                                   [node.level, node.position, node.hash])
        }
    }

    func append(_ entry: LedgerEntry) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO ledger_entries (\(Self.entryColumns)) VALUES (?, ?, ?, ?, ?)", [
                entry.index, entry.kind.rawValue, entry.acknowledgementID.rawValue, entry.leafData, entry.appendedAt,
            ])
        }
    }

    func insertBody(_ body: SealedLedgerBody) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO ledger_bodies (ledger_index, owner_id, body, expires_at) VALUES (?, ?, ?, ?)
                """, [body.index, body.ownerID, body.sealed, body.expiresAt])
        }
    }

    @discardableResult
    func insertCheckpoint(_ checkpoint: SignedCheckpoint) throws -> Bool {
        try connection.execute("""
            INSERT INTO ledger_checkpoints (\(Self.checkpointColumns)) VALUES (?, ?, ?, ?)
            ON CONFLICT (tree_size) DO NOTHING
            """, [checkpoint.treeSize, checkpoint.root, checkpoint.signedAt, checkpoint.compact])
        return connection.changes > 0
    }

    func deleteExpiredBodies(before now: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM ledger_bodies WHERE expires_at <= ?", [now])
        return connection.changes
    }

    private static func entry(_ row: SQLiteRow) throws -> LedgerEntry {
        let index: Int = try row.get(0), leafData: [UInt8] = try row.get(3)
        guard index >= 0, leafData.count == 32 else {
            throw SQLiteError(code: .mismatch, message: "ledger_entries: a damaged row")
        }
        return LedgerEntry(index: index, kind: try row.value(1), acknowledgementID: try row.value(2),
                           leafData: leafData, appendedAt: try row.get(4))
    }

    private static func checkpoint(_ row: SQLiteRow) throws -> SignedCheckpoint {
        SignedCheckpoint(treeSize: try row.get(0), root: try row.get(1), signedAt: try row.get(2),
                         compact: try row.get(3))
    }
}
