import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDStore
import SchoolIDTesting
import Testing

/// ``Ledger`` over the real SQLite store of a test server (manual clock): appends,
/// checkpoints by count, time and demand, inclusion and consistency proofs (RFC 9162).
@Suite struct LedgerTests {
    @Test("appended receipts get contiguous indices, leaf data SHA-256 of the JWS, and sealed bodies")
    func appends() async throws {
        try await LedgerWorld.run { world in
            let compacts = try await world.appendReceipts(3)
            let entries = try await world.application.environment.storage.read { tx in
                try tx.ledger.entries(below: 10)
            }
            #expect(entries.map(\.index) == [0, 1, 2])
            #expect(entries.map(\.leafData) == compacts.map { SHA256.hash(Array($0.utf8)) })
            for (index, compact) in compacts.enumerated() {
                #expect(try await world.ledger.body(ofIndex: index) == compact)
            }
            #expect(try await world.ledger.body(ofIndex: 3) == nil)
        }
    }

    @Test("the checkpoint every_appends triggers is signed inside the append unit")
    func checkpointByCount() async throws {
        try await LedgerWorld.run { world in
            let every = world.application.policies.acknowledgements.checkpointEveryAppends
            try await world.appendReceipts(every - 1)
            #expect(try await world.application.environment.storage.read { tx in try tx.ledger.newestCheckpoint() } == nil)
            try await world.appendReceipts(1)
            let stored = try await world.application.environment.storage.read { tx in try tx.ledger.newestCheckpoint() }
            let leaves = try await world.leafHashes()
            #expect(stored?.treeSize == every)
            #expect(stored?.root == MerkleTree.root(leafHashes: leaves))
            #expect(try await world.auditCount(.ledgerCheckpointSigned) == 1)
        }
    }

    @Test("signIfDue signs only once the oldest uncovered entry is every_seconds old")
    func checkpointByTime() async throws {
        try await LedgerWorld.run { world in
            let seconds = world.application.policies.acknowledgements.checkpointEverySeconds
            #expect(try await world.ledger.signIfDue() == nil)
            try await world.appendReceipts(2)
            world.server.clock.advance(seconds: seconds - 1)
            #expect(try await world.ledger.signIfDue() == nil)
            world.server.clock.advance(seconds: 1)
            let signed = try #require(try await world.ledger.signIfDue())
            #expect(signed.treeSize == 2)
            #expect(signed.signedAt == world.server.clock.now())
            #expect(try await world.ledger.signIfDue() == nil)
        }
    }

    @Test("a checkpoint is a checkpoint+jwt signed by the active ack key over iss, iat, tree_size and root")
    func checkpointShape() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(3)
            let checkpoint = try await world.ledger.newestCheckpoint()
            let keys = world.application.keyring.snapshot.verificationKeys(.ack, now: world.server.clock.now(),
                                                                           retiredRetention: 0)
            let jws = try JWS.verify(checkpoint.compact, keys: keys)
            let claims = try JWTClaims(jsonBytes: jws.payload)
            #expect(jws.header.type == Ledger.checkpointType)
            #expect(claims.issuer == world.application.issuer)
            #expect(claims.issuedAt == world.server.clock.now())
            #expect(claims.expiresAt == nil && claims.audience == nil)
            #expect(claims.extra["tree_size"] == .integer(3))
            #expect(claims.extra["root"] == .string(Hex.encode(MerkleTree.root(leafHashes: try await world.leafHashes()))))
            let tokenKeys = world.application.keyring.snapshot.verificationKeys(.token, now: world.server.clock.now(),
                                                                                 retiredRetention: 0)
            #expect(throws: JOSEError.unknownKeyID) { try JWS.verify(checkpoint.compact, keys: tokenKeys) }
        }
    }

    @Test("an empty ledger's checkpoint has size 0 and the empty tree's root, signed on demand")
    func emptyCheckpoint() async throws {
        try await LedgerWorld.run { world in
            let checkpoint = try await world.ledger.newestCheckpoint()
            #expect(checkpoint.treeSize == 0)
            #expect(checkpoint.root == SHA256.hash([]))
            #expect(try await world.ledger.newestCheckpoint() == checkpoint)
        }
    }

    @Test("every proof verifies against its checkpoint, which is signed on demand only when none covers the entry")
    func proofs() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(5)
            let first = try await world.ledger.proof(forIndex: 4)
            #expect(first.checkpoint.treeSize == 5)
            try await world.appendReceipts(2)
            let leaves = try await world.leafHashes()
            for index in 0..<7 {
                let proof = try await world.ledger.proof(forIndex: index)
                #expect(proof.treeSize == (index < 5 ? 5 : 7))
                #expect(proof.checkpoint.treeSize == proof.treeSize)
                #expect(MerkleTree.verifyInclusion(leafHash: leaves[index], leafIndex: index, treeSize: proof.treeSize,
                                                   proof: proof.inclusion, root: proof.checkpoint.root))
            }
            await #expect(throws: DomainError(.ledgerRangeInvalid, detail: "no entry 7")) {
                try await world.ledger.proof(forIndex: 7)
            }
        }
    }

    @Test("appends keep one hash per completed subtree, and proofs are the same from stored nodes as without them")
    func subtreeNodes() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(13)
            let leaves = try await world.leafHashes()
            let storage = world.application.environment.storage
            let nodes = try await storage.read { tx in
                try (1...3).flatMap { level in
                    try (0..<(13 >> level)).map { try tx.ledger.node(level: level, position: $0) }
                }
            }
            #expect(nodes.count == 6 + 3 + 1 && nodes.allSatisfy { $0 != nil })
            #expect(try await storage.read { tx in try tx.ledger.node(level: 1, position: 6) } == nil)
            var stored: [[[UInt8]]] = []
            for index in 0..<13 { stored.append(try await world.ledger.proof(forIndex: index).inclusion) }
            try await storage.write { tx in try (tx as! SQLiteWriteTransaction).connection.executeScript("DELETE FROM ledger_nodes;") }
            for index in 0..<13 {
                #expect(stored[index] == MerkleTree.inclusionProof(leafIndex: index, leafHashes: leaves))
                #expect(try await world.ledger.proof(forIndex: index).inclusion == stored[index])
            }
            #expect(try await world.ledger.consistency(from: 5, to: 13)
                    == MerkleTree.consistencyProof(from: 5, leafHashes: leaves))
        }
    }

    @Test("consistency proofs verify between every pair of sizes", arguments: [9])
    func consistency(size: Int) async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(size)
            let leaves = try await world.leafHashes()
            for from in 1...size {
                for to in from...size {
                    let proof = try await world.ledger.consistency(from: from, to: to)
                    #expect(MerkleTree.verifyConsistency(
                        oldSize: from, newSize: to, oldRoot: MerkleTree.root(leafHashes: Array(leaves[..<from])),
                        newRoot: MerkleTree.root(leafHashes: Array(leaves[..<to])), proof: proof))
                }
            }
        }
    }

    @Test("consistency refuses ranges outside 1 <= from <= to <= size", arguments: [(0, 1), (2, 1), (1, 4), (-1, 2)])
    func consistencyRange(from: Int, to: Int) async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(3)
            await #expect(throws: DomainError(.ledgerRangeInvalid, detail: "from \(from) to \(to) in a tree of 3")) {
                try await world.ledger.consistency(from: from, to: to)
            }
        }
    }

    @Test("retention destroys expired bodies; the entries and proofs stay")
    func retention() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(2)
            let days = Int64(world.application.policies.acknowledgements.receiptBodiesDays)
            world.server.clock.advance(seconds: days * 86_400)
            let destroyed = try await RetentionService(environment: world.application.environment).purge()
            #expect(destroyed.contains(RetentionService.Destroyed(what: "ledger_bodies", count: 2)))
            #expect(try await world.ledger.body(ofIndex: 0) == nil)
            let proof = try await world.ledger.proof(forIndex: 1)
            #expect(proof.treeSize == 2)
            #expect(try await world.ledger.check().problems.isEmpty)
        }
    }
}
