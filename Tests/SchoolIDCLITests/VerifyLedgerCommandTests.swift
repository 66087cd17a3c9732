import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDTesting
import Testing

/// `schoolid verify receipt --proof --checkpoint-store` and `schoolid verify checkpoint`
/// against a loopback issuer serving a ledger of four receipts built here.
@Suite struct VerifyLedgerCommandTests {
    @Test("a proof advances the checkpoint file through a consistency proof; a smaller served checkpoint is a rollback")
    func ledger() async throws {
        let key = try SigningKey.generate(.ES256)
        let now = SystemWallClock.operatingSystemTime()
        var receipts: [String] = []
        var issuerURL = ""
        func checkpoint(_ size: Int, _ leaves: [[UInt8]]) throws -> String {
            let claims = JWTClaims(issuer: issuerURL, issuedAt: now, extra: [
                "tree_size": .integer(Int64(size)), "root": .string(Hex.encode(MerkleTree.root(leafHashes: Array(leaves.prefix(size))))),
            ])
            return try JWT.sign(claims, type: "checkpoint+jwt", key: key)
        }
        func json(_ value: JSONValue) throws -> [UInt8] { Array(try JSONEncoder().encode(value)) }
        let (issuer, stop) = try VerifyCommandTests.startIssuer(jwks: JWKS(keys: [])) { issuer in
            issuerURL = issuer
            for index in 0..<4 {
                let claims: [String: JSONValue] = [
                    "iss": .string(issuer), "aud": .string("diary"), "jti": .string("jti_\(index)"), "iat": .integer(now.seconds),
                    "ack": .string("ack_\(index)"), "student": .string("acc_s"), "document": .string("note-\(index)"),
                    "title": .string("Note"), "digest": .string(Hex.encode(SHA256.hash([UInt8(index)]))),
                    "signer": .string("acc_g"), "signer_role": .string("guardian"), "method": .string("sms-otp"),
                    "ledger_index": .integer(Int64(index)),
                    "link": .object(["id": .string("gl_1"), "relation": .string("mother"), "origin": .string("link_code")]),
                ]
                receipts.append(try JWS.sign(payload: json(.object(claims)), type: "ack+jwt", key: key))
            }
            let leaves = receipts.map { MerkleTree.leafHash(SHA256.hash(Array($0.utf8))) }
            let entry: JSONValue = .object(["jwk": try JSONValue(encoding: key.publicJWK),
                                            "active_from": .integer(now.seconds - 3600), "retired_at": .null])
            let consistency = MerkleTree.consistencyProof(from: 2, leafHashes: leaves)
            return [
                "/v1/ledger/keys": try json(.object(["keys": .array([entry])])),
                "/v1/ledger/checkpoint": try json(.object(["checkpoint": .string(try checkpoint(3, leaves))])),
                "/v1/ledger/consistency?from=2&to=4": try json(.object([
                    "from": .integer(2), "to": .integer(4), "proof": .array(consistency.map { .string(Hex.encode($0)) }),
                ])),
            ]
        }
        defer { stop() }
        let cli = try CLI()
        defer { cli.directory.remove() }
        let leaves = receipts.map { MerkleTree.leafHash(SHA256.hash(Array($0.utf8))) }
        let store = cli.directory.file("checkpoint.json")
        func write(index: Int, size: Int) throws -> (receipt: String, proof: String) {
            let receiptFile = cli.directory.file("receipt-\(index).jws"), proofFile = cli.directory.file("proof-\(index).json")
            try Data(receipts[index].utf8).write(to: URL(fileURLWithPath: receiptFile))
            let inclusion = MerkleTree.inclusionProof(leafIndex: index, leafHashes: Array(leaves.prefix(size)))
            try Data(json(.object(["proof": .object([
                "leaf_index": .integer(Int64(index)), "tree_size": .integer(Int64(size)),
                "inclusion": .array(inclusion.map { .string(Hex.encode($0)) }), "checkpoint": .string(checkpoint(size, leaves)),
            ])]))).write(to: URL(fileURLWithPath: proofFile))
            return (receiptFile, proofFile)
        }

        let first = try write(index: 1, size: 2)
        let accepted = try await cli.run("verify", "receipt", first.receipt, "--proof", first.proof, "--checkpoint-store", store,
                                         "--issuer", issuer, "--audience", "diary")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
        #expect((printed["checkpoint"] as? [String: Any])?["tree_size"] as? Int == 2)
        #expect((printed["receipt"] as? [String: Any])?["ledger_index"] as? Int == 1)

        let second = try write(index: 3, size: 4)
        let advanced = try await cli.run("verify", "receipt", second.receipt, "--proof", second.proof, "--checkpoint-store", store,
                                         "--issuer", issuer, "--audience", "diary")
        #expect(advanced.status == 0, "\(advanced.stderr)")
        let held = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store))) as? [String: Any])
        #expect(held["tree_size"] as? Int == 4)

        let wrongIndex = try await cli.run("verify", "receipt", first.receipt, "--proof", second.proof,
                                           "--issuer", issuer, "--audience", "diary")
        #expect(wrongIndex.status == 1 && wrongIndex.stderr.contains("not_included"), "\(wrongIndex.stderr)")

        let rollback = try await cli.run("verify", "checkpoint", "--issuer", issuer, "--checkpoint-store", store)
        #expect(rollback.status == 1 && rollback.stderr.contains("checkpoint_rollback"), "\(rollback.stderr)")
        let fresh = try await cli.run("verify", "checkpoint", "--issuer", issuer)
        #expect(fresh.status == 0 && fresh.stdout.contains("\"tree_size\" : 3"), "\(fresh.stdout) \(fresh.stderr)")
    }
}
