import Foundation
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct ReadAndBackupTests {
    @Test("cancelling a read interrupts its running query")
    func cancelInterruptsRead() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let started = Flag()
        let endless = Task {
            try await temporary.storage.readSQLite { tx in
                started.set()
                return try tx.connection.queryFirst("""
                    WITH RECURSIVE counter(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM counter)
                    SELECT count(*) FROM counter
                    """)
            }
        }
        while !started.isSet { await Task.yield() }
        endless.cancel()
        await #expect(throws: CancellationError.self) { try await endless.value }
        // The reader is usable again afterwards.
        #expect(try await itemIDs(temporary.storage) == [])
        await temporary.remove()
    }

    @Test("reads wait for a free reader when all are lent")
    func readersAreBounded() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        try await temporary.storage.writeSQLite { tx in try insertItem(1, tx) }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await itemIDs(temporary.storage).count } }
            return try await group.reduce(0, +)
        }
        #expect(counts == 10)
        await temporary.remove()
    }

    @Test("PRAGMA data_version notices a commit made by another connection, not our own")
    func noticesForeignCommits() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        #expect(try await storage.hasForeignChanges() == false)
        try await storage.writeSQLite { tx in try insertItem(1, tx) }
        #expect(try await storage.hasForeignChanges() == false)

        let cli = try SQLiteConnection(path: storage.path)
        try cli.execute("INSERT INTO test_items (id, label) VALUES (2, 'from the CLI')")
        cli.close()
        #expect(try await storage.hasForeignChanges() == true)
        #expect(try await storage.hasForeignChanges() == false)
        #expect(try await itemIDs(storage) == [1, 2])
        await temporary.remove()
    }

    @Test("a backup of a live database opens, passes integrity_check and holds the committed rows")
    func onlineBackup() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        for id in 1...20 { try await storage.writeSQLite { tx in try insertItem(Int64(id), tx) } }
        let destination = temporary.directory.file("backup.sqlite")
        try await storage.backup(to: destination)
        try await storage.writeSQLite { tx in try insertItem(21, tx) }  // the writer is still live
        await #expect { try await storage.backup(to: destination) } throws: {
            SQLiteError.ResultCode.cannotOpen ~= $0
        }

        let restored = try await SQLiteStorage(path: destination, migrations: testMigrations)
        #expect(try await itemIDs(restored) == (1...20).map { Int64($0) })
        let integrity = try await restored.readSQLite { tx in try tx.connection.integrityCheck() }
        #expect(integrity == ["ok"])
        await restored.close()
        await temporary.remove()
    }
}
