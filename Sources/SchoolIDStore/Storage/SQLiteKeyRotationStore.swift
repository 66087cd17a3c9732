import Foundation
import SchoolIDBase
import SchoolIDCore

/// `key_rotations` cursors and the generic batch queries over ``BlindIndexRegistry``
/// entries (their names are code constants, checked to be SQL identifiers).
struct SQLiteKeyRotationStore: KeyRotationStore {
    let connection: SQLiteConnection

    func cursor(_ purpose: KeyPurpose) throws -> RotationCursor? {
        guard let row = try connection.queryFirst("""
            SELECT target_version, entry, position, changed_in_pass, finished_at, updated_at
            FROM key_rotations WHERE purpose = ?
            """, [purpose.rawValue]) else { return nil }
        let position: String? = try row.get(2)
        return RotationCursor(purpose: purpose, targetVersion: try row.get(0), entry: try row.get(1),
                              position: try position.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) },
                              changedInPass: try row.get(3), finishedAt: try row.get(4), updatedAt: try row.get(5))
    }

    func save(_ cursor: RotationCursor) throws {
        let position = try cursor.position.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try connection.execute("""
            INSERT INTO key_rotations (purpose, target_version, entry, position, changed_in_pass, finished_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (purpose) DO UPDATE SET target_version = excluded.target_version, entry = excluded.entry,
                position = excluded.position, changed_in_pass = excluded.changed_in_pass,
                finished_at = excluded.finished_at, updated_at = excluded.updated_at
            """, [cursor.purpose.rawValue, cursor.targetVersion, cursor.entry, position, cursor.changedInPass,
                  cursor.finishedAt, cursor.updatedAt])
    }

    func ownerKeys(notWrappedUnder version: Int, after position: String?, limit: Int) throws -> [String] {
        try connection.query("""
            SELECT owner_id FROM owner_keys WHERE data_key_version <> ? AND owner_id > ? ORDER BY owner_id LIMIT ?
            """, [version, position ?? "", limit]).map { try $0.get(0) }
    }

    func ownerKeyCount(notWrappedUnder version: Int) throws -> Int {
        try connection.queryFirst("SELECT count(*) FROM owner_keys WHERE data_key_version <> ?", [version])?.get(0) ?? 0
    }

    func rows(of entry: BlindIndexedColumn, after position: [String]?, limit: Int) throws -> [BlindIndexedColumn.Row] {
        let keys = entry.keyColumns.joined(separator: ", ")
        let columns = entry.keyColumns + [entry.ownerColumn ?? "NULL"] + entry.sealedColumns + entry.indexColumns
        var arguments: [any SQLiteValueConvertible] = []
        var condition = ""
        if let position {
            precondition(position.count == entry.keyColumns.count, "a cursor position has one value per key column")
            condition = "WHERE (\(keys)) > (\(position.map { _ in "?" }.joined(separator: ", ")))"
            arguments = position
        }
        arguments.append(limit)
        let k = entry.keyColumns.count, s = entry.sealedColumns.count
        return try connection.query("""
            SELECT \(columns.joined(separator: ", ")) FROM \(entry.table) \(condition) ORDER BY \(keys) LIMIT ?
            """, arguments).map { row in
            BlindIndexedColumn.Row(key: try (0..<k).map { try row.get($0) }, owner: try row.get(k),
                                   sealed: try (0..<s).map { try row.get(k + 1 + $0) },
                                   indexes: try entry.indexColumns.indices.map { try row.get(k + 1 + s + $0) })
        }
    }

    func setIndexes(of entry: BlindIndexedColumn, key: [String], to indexes: [[UInt8]]) throws {
        precondition(indexes.count == entry.indexColumns.count && key.count == entry.keyColumns.count)
        let assignments = entry.indexColumns.map { "\($0) = ?" }.joined(separator: ", ")
        let condition = entry.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        try connection.mappingConstraints {
            try connection.execute("UPDATE \(entry.table) SET \(assignments) WHERE \(condition)",
                                   indexes.map { $0 as any SQLiteValueConvertible } + key.map { $0 as any SQLiteValueConvertible })
        }
    }
}
