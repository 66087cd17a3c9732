import Foundation
import SchoolIDBase
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct MigrationTests {
    static let goldenPath = "store/schema-head.sql"

    /// `sqlite_schema` as text: one `-- type name` header and the SQL per object.
    static func schemaDump(_ storage: SQLiteStorage) async throws -> String {
        try await storage.readSQLite { tx in
            try tx.connection.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name").map { row in
                let sql: String? = try row.get(2)
                return "-- \(try row.get(0, as: String.self)) \(try row.get(1, as: String.self))\n\(sql.map { $0 + ";" } ?? "-- (automatic)")\n"
            }.joined(separator: "\n")
        }
    }

    @Test("migrating an empty database to head matches the golden schema")
    func goldenSchema() async throws {
        let temporary = try await TemporaryStorage()
        let dump = try await Self.schemaDump(temporary.storage)
        await temporary.remove()
        if ProcessInfo.processInfo.environment["SCHOOLID_UPDATE_GOLDEN"] == "1" {
            try dump.write(to: Fixtures.url(Self.goldenPath), atomically: true, encoding: .utf8)
        }
        let golden = try String(decoding: Fixtures.data(Self.goldenPath), as: UTF8.self)
        #expect(dump == golden, "regenerate with SCHOOLID_UPDATE_GOLDEN=1 after adding a migration")
    }

    @Test("records each migration with its time and applies nothing twice")
    func recordsMigrations() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.file("db.sqlite"))
        let migrations = [
            Migration(id: "0001-a", sql: "CREATE TABLE a (x INTEGER) STRICT;"),
            Migration(id: "0002-b", sql: "CREATE TABLE b (x INTEGER) STRICT;"),
        ]
        #expect(try await database.migrate(migrations, now: UnixTime(seconds: 42)) == ["0001-a", "0002-b"])
        #expect(try await database.migrate(migrations, now: UnixTime(seconds: 43)) == [])
        let rows = try await database.withConnection { connection in
            try connection.query("SELECT id, applied_at FROM schema_migrations ORDER BY id")
        }
        #expect(rows == [SQLiteRow(values: [.text("0001-a"), .integer(42)]), SQLiteRow(values: [.text("0002-b"), .integer(42)])])
    }

    @Test("refuses to open a database migrated by a newer binary")
    func refusesNewerSchema() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("db.sqlite")
        let newer = SchoolIDSchema.migrations + [Migration(id: "9999-from-the-future", sql: "CREATE TABLE f (x INTEGER) STRICT;")]
        let first = try await SQLiteStorage(path: path, migrations: newer)
        await first.close()
        await #expect(throws: MigrationError.unknownMigrations(["9999-from-the-future"])) {
            _ = try await SQLiteStorage(path: path)
        }
    }

    @Test("a failing migration leaves neither its changes nor its record")
    func failingMigrationIsAtomic() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.file("db.sqlite"))
        let broken = Migration(id: "0002-broken", sql: "CREATE TABLE half (x INTEGER) STRICT; INSERT INTO missing VALUES (1);")
        await #expect(throws: MigrationError.failed(id: "0002-broken", reason: "no such table: missing")) {
            try await database.migrate([Migration(id: "0001-ok", sql: "CREATE TABLE ok (x INTEGER) STRICT;"), broken],
                                       now: UnixTime(seconds: 1))
        }
        let (ids, tables) = try await database.withConnection { connection in
            (try connection.query("SELECT id FROM schema_migrations").map { try $0.get(0, as: String.self) },
             try connection.query("SELECT name FROM sqlite_schema WHERE name IN ('ok', 'half')").map { try $0.get(0, as: String.self) })
        }
        #expect(ids == ["0001-ok"])
        #expect(tables == ["ok"])
    }

    @Test("rejects a migration list with a duplicate id")
    func duplicateID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.file("db.sqlite"))
        let twice = Migration(id: "0001-a", sql: "CREATE TABLE a (x INTEGER) STRICT;")
        await #expect(throws: MigrationError.duplicateID("0001-a")) {
            try await database.migrate([twice, twice], now: UnixTime(seconds: 1))
        }
    }
}
