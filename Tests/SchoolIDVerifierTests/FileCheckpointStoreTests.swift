import Foundation
import SchoolIDBase
@testable import SchoolIDVerifier
import SchoolIDTesting
import Testing

/// `FileCheckpointStore`: survives a reload, replaces atomically, refuses edited files.
@Suite struct FileCheckpointStoreTests {
    static func checkpoints() async throws -> (LedgerWorld, VerifiedCheckpoint, VerifiedCheckpoint) {
        let world = try LedgerWorld(size: 6)
        let verifier = world.verifier()
        return (world, try await verifier.verifyCheckpoint(world.checkpoint(size: 3)),
                try await verifier.verifyCheckpoint(world.checkpoint(size: 6)))
    }

    @Test("nothing stored loads as nil; a saved checkpoint loads again in a new store")
    func reload() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = URL(fileURLWithPath: directory.file("checkpoint.json"))
        let (_, first, second) = try await Self.checkpoints()
        #expect(try await FileCheckpointStore(path: url).load() == nil)
        try await FileCheckpointStore(path: url).save(first)
        #expect(try await FileCheckpointStore(path: url).load() == first)
        try await FileCheckpointStore(path: url).save(second)
        #expect(try await FileCheckpointStore(path: url).load() == second)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["checkpoint.json"],
                "no temporary file is left behind")
    }

    @Test("a temporary file left by a crash is ignored and replaced")
    func crashLeftover() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = URL(fileURLWithPath: directory.file("checkpoint.json"))
        let (_, first, second) = try await Self.checkpoints()
        let store = FileCheckpointStore(path: url)
        try await store.save(first)
        let leftover = url.path + ".tmp-\(getpid())"
        _ = FileManager.default.createFile(atPath: leftover, contents: Data(#"{"checkpoint": "#.utf8))
        #expect(try await store.load() == first)
        try await store.save(second)
        #expect(try await store.load() == second)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test("a truncated or hand-edited file throws instead of loading", arguments: [
        "truncated", "tree_size", "root", "not json",
    ])
    func edited(edit: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = URL(fileURLWithPath: directory.file("checkpoint.json"))
        let (_, _, second) = try await Self.checkpoints()
        try await FileCheckpointStore(path: url).save(second)
        var text = try String(contentsOf: url, encoding: .utf8)
        switch edit {
        case "truncated": text = String(text.prefix(text.count / 2))
        case "tree_size": text = text.replacingOccurrences(of: #""tree_size":6"#, with: #""tree_size":9"#)
        case "root": text = text.replacingOccurrences(of: Hex.encode(second.root), with: String(repeating: "0", count: 64))
        default: text = "checkpoint"
        }
        try text.write(to: url, atomically: false, encoding: .utf8)
        await #expect(throws: VerificationError.malformed) { try await FileCheckpointStore(path: url).load() }
    }

    @Test("a save that cannot write throws and leaves nothing")
    func unwritable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = URL(fileURLWithPath: directory.file("missing/checkpoint.json"))
        let (_, first, _) = try await Self.checkpoints()
        await #expect(throws: VerificationError.malformed) { try await FileCheckpointStore(path: url).save(first) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
