import Foundation
import SchoolIDBase
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
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let output = try ChildProcess.pipe()
        let spawned = Result {
            try ProcessLaunch.spawn([executable, "--testing-library", "swift-testing", "--filter", "CrashTests/childWriter"],
                                    stdout: .descriptor(output.write),
                                    environment: ProcessInfo.processInfo.environment.merging([Self.childVariable: path]) { $1 })
        }
        close(output.write)
        let child = try spawned.get()

        let acknowledged = await Self.readAcknowledgements(from: output.read, killing: child)
        #expect(ChildProcess.Termination(waitStatus: ChildProcess.wait(child)) == .signalled(SIGKILL))
        #expect(acknowledged.count >= Self.acknowledgementsBeforeKill)

        let reopened = try await SQLiteStorage(path: path, migrations: testMigrations)
        let stored = Set(try await itemIDs(reopened))
        #expect(acknowledged.isSubset(of: stored), "lost: \(acknowledged.subtracting(stored).sorted().prefix(10))")
        #expect(try await reopened.readSQLite { tx in try tx.connection.integrityCheck() } == ["ok"])
        await reopened.close()
    }

    /// Reads acknowledged ids on a dedicated thread (the read blocks), sends SIGKILL once
    /// enough arrived, and keeps reading to EOF: ids printed before death count too.
    static func readAcknowledgements(from descriptor: Int32, killing pid: Int32) async -> Set<Int64> {
        await withCheckedContinuation { continuation in
            Thread {
                defer { close(descriptor) }
                var acknowledged = Set<Int64>()
                var buffer = ""
                var killed = false
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    buffer += String(decoding: chunk[..<count], as: UTF8.self)
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
