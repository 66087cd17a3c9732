import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// Receipts signed with the server's ack keys and verified by `ReceiptVerifier` through
/// the real `/v1/ledger/keys`: what verifies, and every tampering that must not.
@Suite struct ReceiptTests {
    @Test("GET /v1/ledger/keys lists every ack key with its period, public and cacheable, and no token key")
    func keysDocument() async throws {
        try await ReceiptWorld.run { world in
            let response = try await fetch(world.server.url(Routes.ledgerKeys))
            #expect(response.status == 200)
            #expect(response.header("Cache-Control") == "public, max-age=300")
            let keys = try #require(response.json["keys"] as? [[String: Any]])
            let records = world.application.keyring.snapshot.records
            let ack = Dictionary(uniqueKeysWithValues: records.filter { $0.purpose == .ack }.map { ($0.id, $0) })
            #expect(keys.count == ack.count && keys.count == 4, "active and next, ES256 and EdDSA")
            for entry in keys {
                let jwk = try #require(entry["jwk"] as? [String: Any])
                let keyID = try #require(jwk["kid"] as? String)
                let record = try #require(ack[keyID], "an ack key, never a token key")
                #expect(jwk["use"] as? String == "sig" && jwk["alg"] as? String == record.algorithm && jwk["d"] == nil)
                #expect(entry["active_from"] as? Int64 == record.activatedAt?.seconds)
                #expect(entry["retired_at"] is NSNull, "nothing retired yet")
                #expect((entry["active_from"] is NSNull) == (record.state == .next))
            }
        }
    }

    @Test("a receipt from the active ack key verifies with typed claims and matches its document's bytes only")
    func verifies() async throws {
        try await ReceiptWorld.run { world in
            let issued = try world.issue()
            let receipt = try await world.verifier().verifyReceipt(issued.compact)
            let claims = issued.claims
            #expect(receipt.issuer == world.issuer && receipt.audience == "diary" && receipt.jwtID == issued.jwtID)
            #expect(issued.jwtID.count == 22 && receipt.issuedAt == world.server.clock.now())
            #expect(receipt.acknowledgement == claims.acknowledgement.rawValue && receipt.student == claims.student.rawValue)
            #expect(receipt.document == "note-17" && receipt.title == claims.title && receipt.digest == claims.digest)
            #expect(receipt.signer == claims.signer.rawValue && receipt.signerRole == .guardian && receipt.method == .smsOTP)
            #expect(receipt.link.relation == .mother && receipt.link.origin == "link_code" && receipt.ledgerIndex == 0)
            #expect(receipt.matches(document: ReceiptWorld.document))
            var changed = ReceiptWorld.document
            changed[changed.count / 2] ^= 0x01
            #expect(!receipt.matches(document: changed), "one byte of the document changed")
        }
    }

    @Test("an edited payload, or a signature taken from another receipt, is refused")
    func tampered() async throws {
        try await ReceiptWorld.run { world in
            let verifier = world.verifier()
            let parts = try world.issue().compact.split(separator: ".").map(String.init)
            let payloadBytes = try #require(Base64URL.decode(parts[1]))
            var payload = try #require(try JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any])
            payload["ledger_index"] = 1
            let editedBytes = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
            let edited = [parts[0], Base64URL.encode(Array(editedBytes)), parts[2]].joined(separator: ".")
            await #expect(throws: VerificationError.badSignature) { try await verifier.verifyReceipt(edited) }

            let other = try world.issue(ReceiptWorld.claims(ledgerIndex: 1)).compact.split(separator: ".")
            let swapped = [parts[0], parts[1], String(other[2])].joined(separator: ".")
            await #expect(throws: VerificationError.badSignature) { try await verifier.verifyReceipt(swapped) }
        }
    }

    @Test("a receipt for another client, typed at+jwt, with alg none or signed by a token key is refused")
    func refusedShapes() async throws {
        try await ReceiptWorld.run { world in
            let verifier = world.verifier()
            let snapshot = world.application.keyring.snapshot
            await #expect(throws: VerificationError.wrongAudience) {
                try await verifier.verifyReceipt(world.issue(ReceiptWorld.claims(audience: "attendance")).compact)
            }
            var claims = try world.issue().claims
            claims.jwtID = "jti_other"
            let ackKey = try #require(snapshot.activeSigningKey(.ack, algorithm: .ES256))
            let typedAsToken = try JWT.sign(claims.jwtClaims, type: "at+jwt", key: ackKey)
            await #expect(throws: VerificationError.wrongType) { try await verifier.verifyReceipt(typedAsToken) }

            let tokenKey = try #require(snapshot.activeSigningKey(.token, algorithm: .ES256))
            let byTokenKey = try JWT.sign(claims.jwtClaims, type: ReceiptIssuer.type, key: tokenKey)
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyReceipt(byTokenKey) }

            let header = Base64URL.encode(Array(#"{"alg":"none","typ":"ack+jwt","kid":"\#(ackKey.keyID)"}"#.utf8))
            let unsigned = header + "." + typedAsToken.split(separator: ".")[1] + "."
            await #expect(throws: VerificationError.unsupportedAlgorithm) { try await verifier.verifyReceipt(unsigned) }
        }
    }

    @Test("an ack key cannot verify an access token: the token JWKS never lists it")
    func ackKeyIsNoTokenKey() async throws {
        try await ReceiptWorld.run { world in
            let now = world.server.clock.now()
            let ackKey = try #require(world.application.keyring.snapshot.activeSigningKey(.ack, algorithm: .ES256))
            let claims = JWTClaims(issuer: world.issuer, subject: "diary", audience: ["diary"],
                                   expiresAt: now.adding(seconds: 300), issuedAt: now, jwtID: "jti_ack_as_token",
                                   extra: ["client_id": .string("diary"), "scope": .string("diary")])
            let token = try JWT.sign(claims, type: "at+jwt", key: ackKey)
            let verifier = Verifier(configuration: VerifierConfiguration(
                issuer: world.issuer, audience: "diary", clock: world.server.clock))
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyAccessToken(token) }
        }
    }

    @Test("after rotation a retired ack key still verifies what it signed while active, and nothing dated outside its period")
    func rotation() async throws {
        try await ReceiptWorld.run { world in
            let verifier = world.verifier()
            world.server.clock.advance(seconds: 60)
            let beforeRotation = world.application.keyring.snapshot
            let signedWhileActive = try world.issue()
            _ = try await verifier.verifyReceipt(signedWhileActive.compact)  // caches the keys document
            world.server.clock.advance(seconds: 60)
            let rotatedAt = world.server.clock.now()
            try world.rotateAckKeys()
            world.server.clock.advance(seconds: 3600)

            _ = try await world.verifier().verifyReceipt(signedWhileActive.compact)
            let fromRetired = try world.issue(keys: beforeRotation, at: rotatedAt.adding(seconds: 1))
            await #expect(throws: VerificationError.keyNotActive, "iat after retirement") {
                try await world.verifier().verifyReceipt(fromRetired.compact)
            }
            let fromNew = try world.issue()
            _ = try await verifier.verifyReceipt(fromNew.compact)  // unknown kid: the cached document is fetched again
            let backdated = try world.issue(at: rotatedAt.adding(seconds: -1))
            await #expect(throws: VerificationError.keyNotActive, "iat before activation") {
                try await verifier.verifyReceipt(backdated.compact)
            }
        }
    }
}
