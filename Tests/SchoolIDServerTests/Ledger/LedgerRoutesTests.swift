import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// `GET /v1/ledger/checkpoint` and `GET /v1/ledger/consistency` through the real server.
@Suite struct LedgerRoutesTests {
    @Test("the checkpoint endpoint signs on demand and answers the covering checkpoint, uncached")
    func checkpoint() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(3)
            let response = try await APIClient(world.server).get("/v1/ledger/checkpoint")
            #expect(response.status == 200)
            #expect(response.header("Cache-Control") == "no-cache")
            let root = Hex.encode(MerkleTree.root(leafHashes: try await world.leafHashes()))
            #expect(response.json["tree_size"] as? Int == 3)
            #expect(response.string("root") == root)
            #expect(response.json["signed_at"] as? Int == Int(world.server.clock.now().seconds))
            let stored = try await world.ledger.newestCheckpoint()
            #expect(response.string("checkpoint") == stored.compact)
        }
    }

    @Test("the consistency endpoint answers RFC 9162 proofs in lowercase hex")
    func consistency() async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(6)
            let response = try await APIClient(world.server).get("/v1/ledger/consistency?from=3&to=6")
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["from"] as? Int == 3 && response.json["to"] as? Int == 6)
            let expected = try await world.ledger.consistency(from: 3, to: 6).map(Hex.encode)
            #expect(response.json["proof"] as? [String] == expected)
            #expect(!expected.isEmpty)
        }
    }

    @Test("the consistency endpoint refuses a bad range with ledger_range_invalid",
          arguments: ["from=0&to=2", "from=3&to=2", "from=1&to=4", "from=1", "to=2", "from=x&to=2", "from=-1&to=2",
                      "from=1&to=99999999999999999999"])
    func badRange(query: String) async throws {
        try await LedgerWorld.run { world in
            try await world.appendReceipts(3)
            let response = try await APIClient(world.server).get("/v1/ledger/consistency?\(query)")
            #expect(response.status == 400)
            #expect(response.errorCode == "ledger_range_invalid")
        }
    }
}
