import Foundation
import SchoolIDBase
import SchoolIDCrypto
@testable import SchoolIDVerifier
import Testing

/// `LedgerMonitor`: trust on first use, then forward-only through RFC 9162 §2.1.4
/// consistency proofs served by the fake ledger (or given offline).
@Suite struct LedgerMonitorTests {
    static func accepted(_ world: LedgerWorld, size: Int) async throws -> VerifiedCheckpoint {
        try await world.verifier().verifyCheckpoint(world.checkpoint(size: size))
    }

    @Test("the first checkpoint is trusted and saved; a consistent bigger one is fetched a proof for and saved")
    func forward() async throws {
        let world = try LedgerWorld(size: 5)
        let store = MemoryCheckpointStore()
        let monitor = LedgerMonitor(verifier: world.verifier(), store: store)
        let first = try await Self.accepted(world, size: 5)
        try await monitor.accept(first)
        #expect(try await store.load() == first)
        try world.append(count: 8)
        let second = try await Self.accepted(world, size: 13)
        try await monitor.accept(second)
        #expect(try await store.load() == second)
        #expect(world.requested.withLock { $0 }.contains(URL(string: LedgerWorld.issuer + "/v1/ledger/consistency?from=5&to=13")!))
    }

    @Test("the same tree signed again is accepted; the newer signature is kept")
    func sameTree() async throws {
        let world = try LedgerWorld(size: 4)
        let first = try await Self.accepted(world, size: 4)
        let store = MemoryCheckpointStore(first)
        let monitor = LedgerMonitor(verifier: world.verifier(), store: store)
        let earlier = try await world.verifier().verifyCheckpoint(world.checkpoint(size: 4, iat: LedgerWorld.start.seconds - 1))
        try await monitor.accept(earlier)
        #expect(try await store.load() == first, "an older signature of the held tree does not replace it")
        world.clock.advance(seconds: 60)
        let later = try await world.verifier().verifyCheckpoint(world.checkpoint(size: 4, iat: LedgerWorld.start.seconds + 60))
        try await monitor.accept(later)
        #expect(try await store.load() == later)
    }

    @Test("history rewritten after the held checkpoint is refused, at the same size or bigger", arguments: [6, 7, 12])
    func rewritten(newSize: Int) async throws {
        let world = try LedgerWorld(size: 6)
        let held = try await Self.accepted(world, size: 6)
        let store = MemoryCheckpointStore(held)
        try world.rewrite(index: 2)
        try world.append(count: newSize - 6)
        let forged = try await Self.accepted(world, size: newSize)
        let monitor = LedgerMonitor(verifier: world.verifier(), store: store)
        await #expect(throws: VerificationError.checkpointInconsistent) { try await monitor.accept(forged) }
        #expect(try await store.load() == held)
    }

    @Test("a smaller checkpoint is refused as a rollback")
    func rollback() async throws {
        let world = try LedgerWorld(size: 9)
        let store = MemoryCheckpointStore(try await Self.accepted(world, size: 9))
        let older = try await Self.accepted(world, size: 8)
        await #expect(throws: VerificationError.checkpointRollback) {
            try await LedgerMonitor(verifier: world.verifier(), store: store).accept(older)
        }
    }

    @Test("offline, a given consistency proof advances the store; a wrong one is refused")
    func offline() async throws {
        let world = try LedgerWorld(size: 11)
        let held = try await Self.accepted(world, size: 3)
        let store = MemoryCheckpointStore(held)
        let monitor = LedgerMonitor(verifier: world.verifier(), store: store)
        let newer = try await Self.accepted(world, size: 11)
        var proof = MerkleTree.consistencyProof(from: 3, leafHashes: world.leafHashes)
        proof[0][5] ^= 0x40
        await #expect(throws: VerificationError.checkpointInconsistent) { try await monitor.accept(newer, consistencyProof: proof) }
        await #expect(throws: VerificationError.checkpointInconsistent) { try await monitor.accept(newer, consistencyProof: []) }
        try await monitor.accept(newer, consistencyProof: MerkleTree.consistencyProof(from: 3, leafHashes: world.leafHashes))
        #expect(try await store.load() == newer)
        #expect(!world.requested.withLock { $0 }.contains { $0.path == "/v1/ledger/consistency" })
    }

    @Test("a held empty ledger is extended by any checkpoint")
    func fromEmpty() async throws {
        let world = try LedgerWorld(size: 0)
        let store = MemoryCheckpointStore(try await Self.accepted(world, size: 0))
        try world.append(count: 2)
        let next = try await Self.accepted(world, size: 2)
        try await LedgerMonitor(verifier: world.verifier(), store: store).accept(next)
        #expect(try await store.load() == next)
    }

    @Test("update fetches the served checkpoint and advances; a proof older than the held tree still verifies")
    func updateAndInclusion() async throws {
        let world = try LedgerWorld(size: 10)
        let store = MemoryCheckpointStore()
        let monitor = LedgerMonitor(verifier: world.verifier(), store: store)
        world.served.withLock { $0 = try? world.checkpoint(size: 10) }
        let held = try await monitor.update()
        let stored = try await store.load()
        #expect(held.treeSize == 10 && stored == held)
        let receipt = world.receipts.withLock { $0[4] }
        let verified = try await monitor.verifyInclusion(receipt: receipt, proof: world.proof(index: 4, size: 7))
        #expect(verified.ledgerIndex == 4)
        #expect(try await store.load() == held, "the older proof's checkpoint is checked, not saved")
        try world.append(count: 2)
        _ = try await monitor.verifyInclusion(receipt: receipt, proof: world.proof(index: 4, size: 12))
        #expect(try await store.load()?.treeSize == 12)
    }

    @Test("a rewritten ledger's receipt proof is refused by a monitor holding the older checkpoint")
    func rewrittenInclusion() async throws {
        let world = try LedgerWorld(size: 6)
        let store = MemoryCheckpointStore(try await Self.accepted(world, size: 6))
        try world.rewrite(index: 1)
        try world.append(count: 1)
        let forged = world.receipts.withLock { $0[1] }
        await #expect(throws: VerificationError.checkpointInconsistent) {
            try await LedgerMonitor(verifier: world.verifier(), store: store).verifyInclusion(receipt: forged, proof: world.proof(index: 1, size: 7))
        }
    }

    @Test("an unreachable ledger is ledger_unavailable")
    func unavailable() async throws {
        let world = try LedgerWorld(size: 2)
        await #expect(throws: VerificationError.ledgerUnavailable) {
            try await LedgerMonitor(verifier: world.verifier(), store: MemoryCheckpointStore()).update()
        }
    }
}
