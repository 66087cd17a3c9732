import SchoolIDStore
import SchoolIDTesting
import Testing

/// Test-only schema: a table the unit-of-work tests write to.
let testMigrations = SchoolIDSchema.migrations + [
    Migration(id: "9001-test-items", sql: """
        CREATE TABLE test_items (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE) STRICT;
        CREATE TABLE test_single_use (
            hash TEXT PRIMARY KEY NOT NULL,
            consumed_at INTEGER,
            expires_at INTEGER NOT NULL
        ) STRICT;
        """),
]

struct UnitFailed: Error, Equatable {}

func insertItem(_ id: Int64, _ tx: SQLiteWriteTransaction) throws {
    try tx.connection.execute("INSERT INTO test_items (id, label) VALUES (?, ?)", [id, "item-\(id)"])
}

func itemIDs(_ storage: SQLiteStorage) async throws -> [Int64] {
    try await storage.readSQLite { tx in
        try tx.connection.query("SELECT id FROM test_items ORDER BY id").map { try $0.get(0) }
    }
}

@Suite struct GroupCommitTests {
    @Test("a committed unit's rows are visible to readers and its result is returned")
    func commitReturnsResult() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let result = try await temporary.storage.writeSQLite { tx in
            try insertItem(1, tx)
            return "done"
        }
        #expect(result == "done")
        #expect(try await itemIDs(temporary.storage) == [1])
        #expect(temporary.storage.statistics.commits == 1)
        await temporary.remove()
    }

    @Test("a failing unit rolls back alone inside a group commit while its siblings commit")
    func failingUnitRollsBackAlone() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        let gate = await WriterGate(storage)
        let first = Task { try await storage.writeSQLite { tx in try insertItem(1, tx) } }
        await gate.waitForQueued(1, in: storage)
        let failing = Task {
            try await storage.writeSQLite { tx in
                try insertItem(2, tx)
                throw UnitFailed()
            }
        }
        await gate.waitForQueued(2, in: storage)
        let constraint = Task {
            try await storage.writeSQLite { tx in
                try insertItem(3, tx)
                try insertItem(1, tx)  // duplicate key: SQLite error inside the unit
            }
        }
        await gate.waitForQueued(3, in: storage)
        let last = Task { try await storage.writeSQLite { tx in try insertItem(4, tx) } }
        await gate.waitForQueued(4, in: storage)
        try await gate.release()

        try await first.value
        await #expect(throws: UnitFailed()) { try await failing.value }
        await #expect { try await constraint.value } throws: { error in
            SQLiteError.ResultCode.constraint ~= error
        }
        try await last.value
        #expect(try await itemIDs(storage) == [1, 4])
        let statistics = storage.statistics
        #expect(statistics.commits == 2)  // the gate's unit, then the staged group
        #expect(statistics.committedUnits == 3)
        #expect(statistics.failedUnits == 2)
        await temporary.remove()
    }

    @Test("fifty concurrent units share one commit")
    func concurrentUnitsShareCommits() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        let count = 50
        let gate = await WriterGate(storage)
        let writes = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 1...count {
                    group.addTask { try await storage.writeSQLite { tx in try insertItem(Int64(id), tx) } }
                }
                try await group.waitForAll()
            }
        }
        await gate.waitForQueued(count, in: storage)
        try await gate.release()
        try await writes.value

        #expect(try await itemIDs(storage) == (1...Int64(count)).map { $0 })
        let statistics = storage.statistics
        #expect(statistics.commits == 2)  // one for the gate, one fsync group for all fifty
        #expect(statistics.committedUnits == count + 1)
        await temporary.remove()
    }

    @Test("a unit whose task is cancelled before it starts is dropped")
    func cancelledUnitIsDropped() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        let gate = await WriterGate(storage)
        let cancelled = Task { try await storage.writeSQLite { tx in try insertItem(7, tx) } }
        await gate.waitForQueued(1, in: storage)
        cancelled.cancel()
        try await gate.release()

        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(try await itemIDs(storage) == [])
        #expect(storage.statistics.droppedUnits == 1)
        await temporary.remove()
    }

    @Test("a single-use item raced from two tasks is consumed by exactly one")
    func consumeRace() async throws {
        let temporary = try await TemporaryStorage(migrations: testMigrations)
        let storage = temporary.storage
        try await storage.writeSQLite { tx in
            try tx.connection.execute("INSERT INTO test_single_use (hash, expires_at) VALUES ('h1', 2000)")
        }
        @Sendable func consume(at now: Int64) async throws -> Bool {
            try await storage.writeSQLite { tx in
                try tx.connection.queryFirst("""
                    UPDATE test_single_use SET consumed_at = ?2
                    WHERE hash = ?1 AND consumed_at IS NULL AND expires_at > ?2
                    RETURNING hash
                    """, ["h1", now]) != nil
            }
        }
        async let first = consume(at: 1000)
        async let second = consume(at: 1001)
        let wins = try await [first, second].filter { $0 }.count
        #expect(wins == 1)
        let consumedAt: Int64? = try await storage.readSQLite { tx in
            try tx.connection.queryFirst("SELECT consumed_at FROM test_single_use WHERE hash = 'h1'")?.get(0)
        }
        #expect(consumedAt == 1000 || consumedAt == 1001)
        await temporary.remove()
    }
}
