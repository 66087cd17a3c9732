import Foundation
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct SQLiteConnectionTests {
    @Test("opens with WAL, synchronous FULL, foreign keys, busy timeout and secure delete")
    func pragmas() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("db.sqlite"))
        defer { connection.close() }
        #expect(try connection.queryFirst("PRAGMA journal_mode")?.get(0, as: String.self) == "wal")
        #expect(try connection.queryFirst("PRAGMA synchronous")?.get(0, as: Int64.self) == 2)
        #expect(try connection.queryFirst("PRAGMA foreign_keys")?.get(0, as: Int64.self) == 1)
        #expect(try connection.queryFirst("PRAGMA busy_timeout")?.get(0, as: Int64.self) == 5000)
        #expect(try connection.queryFirst("PRAGMA secure_delete")?.get(0, as: Int64.self) == 1)
    }
}

@Suite struct SQLiteDatabaseTests {
    @Test("runs its connection on its own thread, not the cooperative pool")
    func dedicatedThread() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.file("db.sqlite"))
        let onThread = try await database.withConnection { _ in database.isOnDatabaseThread }
        #expect(onThread)
        #expect(!database.isOnDatabaseThread)
    }
}
