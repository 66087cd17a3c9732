import SchoolIDBase
import SchoolIDCore

/// `owner_keys` rows as ``WrappedOwnerKey`` values.
struct SQLiteOwnerKeyStore: OwnerKeyStore {
    let connection: SQLiteConnection

    /// One `owner_keys` row; hides the column layout from the domain.
    private struct Record {
        static let columns = "owner_id, key_version, wrapped_key, data_key_version, created_at"

        var key: WrappedOwnerKey

        init(_ key: WrappedOwnerKey) { self.key = key }

        init(row: SQLiteRow) throws {
            key = WrappedOwnerKey(
                ownerID: try row.get(0), keyVersion: try row.get(1), wrappedKey: try row.get(2),
                dataKeyVersion: try row.get(3), createdAt: try row.get(4))
        }

        var arguments: [any SQLiteValueConvertible] {
            [key.ownerID, key.keyVersion, key.wrappedKey, key.dataKeyVersion, key.createdAt]
        }
    }

    func wrappedKey(for ownerID: String) throws -> WrappedOwnerKey? {
        try connection.queryFirst("SELECT \(Record.columns) FROM owner_keys WHERE owner_id = ?", [ownerID])
            .map { try Record(row: $0).key }
    }

    func insert(_ key: WrappedOwnerKey) throws {
        do {
            try connection.execute("INSERT INTO owner_keys (\(Record.columns)) VALUES (?, ?, ?, ?, ?)", Record(key).arguments)
        } catch SQLiteError.ResultCode.constraintPrimaryKey {
            throw StoreError.alreadyExists
        }
    }

    func update(_ key: WrappedOwnerKey) throws {
        try connection.execute("""
            UPDATE owner_keys SET key_version = ?2, wrapped_key = ?3, data_key_version = ?4, created_at = ?5
            WHERE owner_id = ?1
            """, Record(key).arguments)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    func delete(ownerID: String) throws -> Bool {
        try connection.execute("DELETE FROM owner_keys WHERE owner_id = ?", [ownerID])
        return connection.changes == 1
    }
}
