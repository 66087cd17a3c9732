import Foundation
import SchoolIDBase
import SchoolIDStore
import SchoolIDTesting
import Testing

/// ``FaultInjectingVFS`` under a bare ``SQLiteStorage``: while a fault is injected every
/// commit fails with its native code and changes nothing, reads see the committed rows,
/// and once the switch is off the same writer connection commits again.
@Suite struct FaultInjectingVFSTests {
    /// A storage on a fresh file opened through `vfs`, with one table of acknowledged rows.
    static func storage(on vfs: FaultInjectingVFS) async throws -> (TemporaryDirectory, SQLiteStorage) {
        let directory = try TemporaryDirectory(prefix: "schoolid-vfs")
        let storage = try await SQLiteStorage(path: directory.file("schoolid.sqlite"),
                                              clock: ManualWallClock(UnixTime(seconds: 1_700_000_000)), vfs: vfs.name)
        try await storage.writeSQLite { tx in try tx.connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") }
        return (directory, storage)
    }

    static func insert(_ id: Int, into storage: SQLiteStorage) async throws {
        try await storage.writeSQLite { tx in try tx.connection.execute("INSERT INTO notes VALUES (?, ?)", [id, "note \(id)"]) }
    }

    static func ids(in storage: SQLiteStorage) async throws -> [Int] {
        try await storage.readSQLite { tx in
            try tx.connection.query("SELECT id FROM notes ORDER BY id").map { try $0.get(0, as: Int.self) }
        }
    }

    @Test("each fault fails the commit with its native code, reads go on, and the writer commits again once it clears",
          arguments: FaultInjectingVFS.Fault.allCases)
    func faultAndRecovery(fault: FaultInjectingVFS.Fault) async throws {
        let vfs = FaultInjectingVFS()
        let (directory, storage) = try await Self.storage(on: vfs)
        defer { directory.remove() }
        try await Self.insert(1, into: storage)
        vfs.inject(fault)
        #expect(vfs.fault == fault)
        for attempt in 2...4 {
            let error = await #expect(throws: SQLiteError.self) { try await Self.insert(attempt, into: storage) }
            #expect(error?.code.primary == SQLiteError.ResultCode(rawValue: fault.rawValue).primary, "\(String(describing: error))")
            #expect(error?.isStorageFault == true)
        }
        await #expect(throws: SQLiteError.self) {
            try await storage.writeSQLite { tx in try tx.connection.execute("DELETE FROM notes") }
        }
        #expect(vfs.failedCalls >= 4)
        #expect(try await Self.ids(in: storage) == [1], "a failed write changed nothing and reads still answer")
        vfs.inject(nil)
        try await Self.insert(5, into: storage)
        #expect(try await Self.ids(in: storage) == [1, 5])
        let integrity = try await storage.writeSQLite { tx in try tx.connection.integrityCheck() }
        #expect(integrity == ["ok"])
        await storage.close()
        let reopened = try await SQLiteStorage(path: directory.file("schoolid.sqlite"))
        #expect(try await Self.ids(in: reopened) == [1, 5], "nothing acknowledged is lost across a reopen")
        await reopened.close()
    }

    /// The fsync-failure window every WAL database has: the frames of the refused commit
    /// are in the WAL file (only the shared-memory index was not advanced), so recovery
    /// after a crash before the next commit reads them back. Recorded as a known issue,
    /// so that this test fails once the window is closed and the expectation can stand.
    @Test("an fsync that fails after the WAL frames were written: the write is refused, and a crash image should not hold it")
    func failedSyncThenCrash() async throws {
        let vfs = FaultInjectingVFS()
        let (directory, storage) = try await Self.storage(on: vfs)
        defer { directory.remove() }
        try await Self.insert(1, into: storage)
        vfs.inject(.ioError, on: .sync)
        let error = await #expect(throws: SQLiteError.self) { try await Self.insert(2, into: storage) }
        #expect(error?.isStorageFault == true)
        #expect(try await Self.ids(in: storage) == [1])
        // What a crash right now leaves on disk: the database and its WAL, no shared memory.
        let image = try TemporaryDirectory(prefix: "schoolid-crash")
        defer { image.remove() }
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: directory.file("schoolid.sqlite") + suffix,
                                             toPath: image.file("schoolid.sqlite") + suffix)
        }
        let recovered = try await SQLiteStorage(path: image.file("schoolid.sqlite"))
        let recoveredIDs = try await Self.ids(in: recovered)
        print("after a failed fsync and a crash the WAL recovers rows \(recoveredIDs)")
        withKnownIssue("a commit whose fsync failed comes back from the WAL after a crash") {
            #expect(recoveredIDs == [1], "a refused write must not come back after a crash")
        }
        await recovered.close()
        vfs.inject(nil)
        try await Self.insert(3, into: storage)
        #expect(try await Self.ids(in: storage) == [1, 3])
        await storage.close()
    }

    @Test("the fault error is a storage fault; a constraint violation is not")
    func storageFaultClassification() {
        for fault in FaultInjectingVFS.Fault.allCases {
            #expect(SQLiteError(code: .init(rawValue: fault.rawValue), message: "injected").isStorageFault)
        }
        #expect(!SQLiteError(code: .constraintUnique, message: "UNIQUE constraint failed").isStorageFault)
        #expect(!SQLiteError(code: .busy, message: "database is locked").isStorageFault)
    }

    @Test("two fault VFSs have their own names and switches")
    func independentSwitches() {
        let first = FaultInjectingVFS(), second = FaultInjectingVFS()
        #expect(first.name != second.name)
        first.inject(.diskFull)
        #expect(first.fault == .diskFull && second.fault == nil)
    }
}
