import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// `ReceiptVerifier.verifyCheckpoint` and `verifyInclusion` against ledgers built in the
/// test (RFC 9162 §2.1.3 audit paths over SHA-256 of each receipt JWS).
@Suite struct LedgerInclusionTests {
    @Test("every receipt of trees of sizes 1 to 20 verifies at its index")
    func everyIndex() async throws {
        let world = try LedgerWorld(size: 20)
        let verifier = world.verifier()
        let receipts = world.receipts.withLock { $0 }
        for size in 1...20 {
            for index in 0..<size {
                let receipt = try await verifier.verifyInclusion(receipt: receipts[index], proof: world.proof(index: index, size: size))
                #expect(receipt.ledgerIndex == Int64(index))
            }
        }
    }

    @Test("a checkpoint's claims come back typed; an empty ledger has a checkpoint too")
    func checkpointClaims() async throws {
        let world = try LedgerWorld(size: 5)
        let verified = try await world.verifier().verifyCheckpoint(world.checkpoint(size: 5))
        #expect(verified.treeSize == 5 && verified.root == MerkleTree.root(leafHashes: world.leafHashes))
        #expect(verified.issuedAt == LedgerWorld.start.seconds)
        let empty = try await world.verifier().verifyCheckpoint(world.checkpoint(size: 0))
        #expect(empty.treeSize == 0 && empty.root == SHA256.hash([]))
    }

    @Test("a receipt is not included with another index, a wrong path or another checkpoint")
    func notIncluded() async throws {
        let world = try LedgerWorld(size: 8)
        let verifier = world.verifier()
        let receipt = world.receipts.withLock { $0[3] }
        var otherIndex = try world.proof(index: 4, size: 8)
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: otherIndex) }
        otherIndex.leafIndex = 3
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: otherIndex) }
        var wrongPath = try world.proof(index: 3, size: 8)
        wrongPath.hashes[1][0] ^= 1
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: wrongPath) }
        var shortPath = try world.proof(index: 3, size: 8)
        shortPath.hashes.removeLast()
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: shortPath) }
        var otherSize = try world.proof(index: 3, size: 8)
        otherSize.checkpoint = try world.checkpoint(size: 7)
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: otherSize) }
        var otherRoot = try world.proof(index: 3, size: 8)
        otherRoot.checkpoint = try world.checkpoint(size: 8, root: SHA256.hash(Array("forged".utf8)))
        await #expect(throws: VerificationError.notIncluded) { try await verifier.verifyInclusion(receipt: receipt, proof: otherRoot) }
    }

    @Test("a receipt whose bytes changed is not the leaf, even re-signed by the ack key")
    func editedReceipt() async throws {
        let world = try LedgerWorld(size: 4)
        let proof = try world.proof(index: 2, size: 4)
        let resigned = try LedgerWorld.receipt(index: 2, title: "Other")
        await #expect(throws: VerificationError.notIncluded) {
            try await world.verifier().verifyInclusion(receipt: resigned, proof: proof)
        }
    }

    @Test("a checkpoint is refused when signed by a token key, typed otherwise or from another issuer", arguments: [
        (CheckpointVariant.tokenKey, VerificationError.unknownKey),
        (.rsaKey, .unsupportedAlgorithm),
        (.receiptType, .wrongType),
        (.otherIssuer, .wrongIssuer),
        (.future, .issuedInFuture),
        (.beforeKey, .keyNotActive),
    ])
    func refusedCheckpoints(variant: CheckpointVariant, error: VerificationError) async throws {
        let world = try LedgerWorld(size: 3)
        let compact = try variant.sign(world)
        await #expect(throws: error) { try await world.verifier().verifyCheckpoint(compact) }
        var proof = try world.proof(index: 1, size: 3)
        proof.checkpoint = compact
        let receipt = world.receipts.withLock { $0[1] }
        await #expect(throws: error) { try await world.verifier().verifyInclusion(receipt: receipt, proof: proof) }
    }

    @Test("checkpoint claims off the contract are refused", arguments: [
        ("tree_size", JSONValue.integer(-1), VerificationError.invalidClaim),
        ("tree_size", .string("3"), .invalidClaim),
        ("root", .string(String(repeating: "A", count: 64)), .invalidClaim),
        ("root", .string(String(repeating: "a", count: 62)), .invalidClaim),
        ("root", .null, .missingClaim),
        ("iat", .null, .missingClaim),
    ])
    func claimShapes(name: String, value: JSONValue, error: VerificationError) async throws {
        let world = try LedgerWorld(size: 3)
        var members: [String: JSONValue] = ["iss": .string(LedgerWorld.issuer), "iat": .integer(LedgerWorld.start.seconds),
                                            "tree_size": .integer(3), "root": .string(String(repeating: "0", count: 64))]
        members[name] = value
        let compact = try JWS.sign(payload: Array(JSONEncoder().encode(JSONValue.object(members))), type: "checkpoint+jwt",
                                   key: LedgerWorld.ackKey)
        await #expect(throws: error) { try await world.verifier().verifyCheckpoint(compact) }
    }

    @Test("the proof object parses as the API returns it, bare or inside the acknowledgement")
    func proofJSON() throws {
        let hash = String(repeating: "ab", count: 32)
        let bare = #"{"leaf_index": 2, "tree_size": 5, "inclusion": ["\#(hash)"], "checkpoint": "a.b.c"}"#
        let expected = InclusionProof(leafIndex: 2, treeSize: 5, hashes: [Array(repeating: 0xab, count: 32)], checkpoint: "a.b.c")
        #expect(try InclusionProof(json: Array(bare.utf8)) == expected)
        #expect(try InclusionProof(json: Array(#"{"receipt": "x", "proof": \#(bare)}"#.utf8)) == expected)
        let upper = bare.replacingOccurrences(of: "ab", with: "AB")
        #expect(throws: VerificationError.malformed) { try InclusionProof(json: Array(upper.utf8)) }
        #expect(throws: VerificationError.malformed) { try InclusionProof(json: Array(#"{"leaf_index": -1}"#.utf8)) }
    }
}

/// Ways a checkpoint can be signed wrongly.
enum CheckpointVariant: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case tokenKey, rsaKey, receiptType, otherIssuer, future, beforeKey

    var testDescription: String { rawValue }

    func sign(_ world: LedgerWorld) throws -> String {
        switch self {
        case .tokenKey: try world.checkpoint(size: 3, key: LedgerWorld.tokenKey)
        case .rsaKey: try world.checkpoint(size: 3, key: SigningKey.generate(.RS256))
        case .receiptType: try world.checkpoint(size: 3, type: "ack+jwt")
        case .otherIssuer: try world.checkpoint(size: 3, issuer: "https://evil.example")
        case .future: try world.checkpoint(size: 3, iat: LedgerWorld.start.seconds + 61)
        case .beforeKey: try world.checkpoint(size: 3, iat: LedgerWorld.start.seconds - 1001)
        }
    }
}
