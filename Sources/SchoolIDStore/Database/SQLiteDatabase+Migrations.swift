import SchoolIDBase

extension SQLiteDatabase {
    /// Brings the schema to head: creates `schema_migrations` if needed, refuses a
    /// database that records a migration this binary does not know, then applies each
    /// missing migration together with its record in one `BEGIN IMMEDIATE` transaction.
    /// - Parameters:
    ///   - migrations: the ordered list (``SchoolIDSchema/migrations`` in production).
    ///   - now: the time recorded as `applied_at`.
    /// - Throws: ``MigrationError``, or ``SQLiteError`` when the database is unusable.
    /// - Returns: the ids applied by this call.
    @discardableResult
    public func migrate(_ migrations: [Migration], now: UnixTime) throws -> [String] {
        let connection = try connection
        var seen = Set<String>()
        for migration in migrations where !seen.insert(migration.id).inserted {
            throw MigrationError.duplicateID(migration.id)
        }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                id TEXT PRIMARY KEY NOT NULL,
                applied_at INTEGER NOT NULL
            ) STRICT
            """)
        let unknown = try appliedIDs(connection).subtracting(seen).sorted()
        guard unknown.isEmpty else { throw MigrationError.unknownMigrations(unknown) }

        var applied: [String] = []
        for migration in migrations where try apply(migration, on: connection, now: now) {
            applied.append(migration.id)
        }
        return applied
    }

    private func appliedIDs(_ connection: SQLiteConnection) throws -> Set<String> {
        Set(try connection.query("SELECT id FROM schema_migrations").map { try $0.get(0, as: String.self) })
    }

    /// Applies one migration unless it is recorded; `false` when it already was (another
    /// process may have migrated between our check and our lock).
    private func apply(_ migration: Migration, on connection: SQLiteConnection, now: UnixTime) throws -> Bool {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let recorded = try connection.queryFirst("SELECT 1 FROM schema_migrations WHERE id = ?", [migration.id]) != nil
            if !recorded {
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)", [migration.id, now])
            }
            try connection.execute("COMMIT")
            return !recorded
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
            throw MigrationError.failed(id: migration.id, reason: (error as? SQLiteError)?.message ?? "\(error)")
        }
    }
}
