import Foundation
import SchoolIDStore
import SchoolIDTesting
import Synchronization
import Testing

/// Kill -9 safety: a child process commits rows through ``SQLiteStorage`` and prints
/// each acknowledged id; the parent SIGKILLs it mid-stream, reopens the file and checks
/// that every acknowledged row is there and `PRAGMA integrity_check` is ok.
///
/// The child is this same test binary (`/proc/self/exe`), run with
/// `--testing-library swift-testing --filter CrashTests/childWriter` and the database
/// path in `SCHOOLID_STORE_CHILD`. Without that variable ``childWriter()`` returns at
/// once, so in a normal run it is a no-op. (`fork()` is unsafe in a multithreaded Swift
/// process; a fresh exec is not.)
@Suite struct CrashTests {
    static let childVariable = "SCHOOLID_STORE_CHILD"
    static let ackPrefix = "schoolid-ack "
    static let acknowledgementsBeforeKill = 300

    @Test("child process: writes rows until killed (only when SCHOOLID_STORE_CHILD is set)")
    func childWriter() async throws {
        guard let path = ProcessInfo.processInfo.environment[Self.childVariable] else { return }
        let storage = try await SQLiteStorage(path: path, migrations: testMigrations)
        let nextID = IDCounter()
        // Several writers at once, so that kills land inside grouped commits too. Stops
        // by itself after 100 000 rows, or on SIGPIPE if the parent is gone.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while true {
                        let id = nextID.next()
                        guard id <= 100_000 else { return }
                        try await storage.writeSQLite { tx in try insertItem(id, tx) }
                        FileHandle.standardOutput.write(Data("\(Self.ackPrefix)\(id)\n".utf8))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("every row acknowledged before SIGKILL survives reopening, and integrity_check passes")
    func killedWriterLosesNothingAcknowledged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("killed.sqlite")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "CrashTests/childWriter"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(child)

        let acknowledged = await Self.readAcknowledgements(from: output.fileHandleForReading,
                                                           killing: child.processIdentifier)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGKILL)
        #expect(acknowledged.count >= Self.acknowledgementsBeforeKill)

        let reopened = try await SQLiteStorage(path: path, migrations: testMigrations)
        let stored = Set(try await itemIDs(reopened))
        #expect(acknowledged.isSubset(of: stored), "lost: \(acknowledged.subtracting(stored).sorted().prefix(10))")
        #expect(try await reopened.readSQLite { tx in try tx.connection.integrityCheck() } == ["ok"])
        await reopened.close()
    }

    /// Reads acknowledged ids on a dedicated thread (the read blocks), sends SIGKILL once
    /// enough arrived, and keeps reading to EOF: ids printed before death count too.
    static func readAcknowledgements(from handle: FileHandle, killing pid: Int32) async -> Set<Int64> {
        await withCheckedContinuation { continuation in
            Thread {
                var acknowledged = Set<Int64>()
                var buffer = ""
                var killed = false
                while case let data = handle.availableData, !data.isEmpty {
                    buffer += String(decoding: data, as: UTF8.self)
                    while let newline = buffer.firstIndex(of: "\n") {
                        let line = buffer[..<newline]
                        buffer = String(buffer[buffer.index(after: newline)...])
                        if line.hasPrefix(ackPrefix), let id = Int64(line.dropFirst(ackPrefix.count)) {
                            acknowledged.insert(id)
                        }
                    }
                    if !killed && acknowledged.count >= acknowledgementsBeforeKill {
                        kill(pid, SIGKILL)
                        killed = true
                    }
                }
                if !killed { kill(pid, SIGKILL) }  // EOF early: the child failed; the test reports it
                continuation.resume(returning: acknowledged)
            }.start()
        }
    }
}

/// Hands out 1, 2, 3… across tasks.
final class IDCounter: Sendable {
    private let value = Atomic<Int64>(1)
    func next() -> Int64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
