import Foundation
import SchoolIDBase
import SchoolIDCrypto
@testable import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// The attacks issue 9 names (RFC 8725 §2, §3): each one a token the verifier must refuse.
@Suite struct VerifierAttackTests {
    @Test("accepts a well-formed access token signed with each algorithm", arguments: [JWSAlgorithm.ES256, .EdDSA, .RS256])
    func acceptsEachAlgorithm(algorithm: JWSAlgorithm) async throws {
        try await VerifierWorld.with { world in
            let key = [world.es256, world.eddsa, world.rs256].first { $0.algorithm == algorithm }!
            let token = try world.minter.sign(world.minter.guardianClaims(), key: key)
            let verified = try await world.verifier().verifyAccessToken(token)
            #expect(verified.subject == "acc_guardian")
        }
    }

    @Test("rejects alg none, with or without an empty signature")
    func algNone() async throws {
        try await VerifierWorld.with { world in
            let claims = world.minter.guardianClaims()
            let header: [String: JSONValue] = ["alg": .string("none"), "typ": .string("at+jwt"), "kid": .string(world.es256.keyID)]
            let unsigned = TokenMinter.forge(header: header, claims: claims) { _ in [] }
            let verifier = world.verifier()
            await #expect(throws: VerificationError.unsupportedAlgorithm) { try await verifier.verifyAccessToken(unsigned) }
            await #expect(throws: VerificationError.unsupportedAlgorithm) {
                try await verifier.verifyAccessToken(unsigned + "AAAA")
            }
            #expect(world.server.paths.isEmpty, "refused before any key was fetched")
        }
    }

    @Test("rejects HS256 signed with the public key as the HMAC secret")
    func hmacWithPublicKey() async throws {
        try await VerifierWorld.with { world in
            let publicKeyBytes = TokenMinter.json(try JSONValue(encoding: world.rs256.publicJWK))
            let header: [String: JSONValue] = ["alg": .string("HS256"), "typ": .string("at+jwt"), "kid": .string(world.rs256.keyID)]
            let token = TokenMinter.forge(header: header, claims: world.minter.guardianClaims()) {
                HMAC.sha256(key: publicKeyBytes, data: $0)
            }
            await #expect(throws: VerificationError.unsupportedAlgorithm) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("rejects an allowed alg that is not the algorithm of the key its kid names")
    func algorithmConfusion() async throws {
        try await VerifierWorld.with { world in
            let header: [String: JSONValue] = ["alg": .string("RS256"), "typ": .string("at+jwt"), "kid": .string(world.es256.keyID)]
            let token = TokenMinter.forge(header: header, claims: world.minter.guardianClaims()) {
                (try? world.rs256.signature(for: $0)) ?? []
            }
            await #expect(throws: VerificationError.algorithmMismatch) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("rejects an algorithm the configuration does not allow")
    func allowList() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.eddsa)
            await #expect(throws: VerificationError.unsupportedAlgorithm) {
                try await world.verifier(algorithms: [.ES256]).verifyAccessToken(token)
            }
        }
    }

    @Test("rejects a stripped signature and a signature from another key")
    func strippedSignature() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            let stripped = String(token[...token.lastIndex(of: ".")!])
            let verifier = world.verifier()
            await #expect(throws: VerificationError.malformed) { try await verifier.verifyAccessToken(stripped) }
            let other = try SigningKey.generate(.ES256)
            let foreign = try world.minter.sign(world.minter.guardianClaims(), key: other)
            let spliced = stripped + String(foreign[foreign.index(after: foreign.lastIndex(of: ".")!)...])
            await #expect(throws: VerificationError.badSignature) { try await verifier.verifyAccessToken(spliced) }
        }
    }

    @Test("rejects a token without kid instead of trying every key")
    func missingKeyID() async throws {
        try await VerifierWorld.with { world in
            let header: [String: JSONValue] = ["alg": .string("ES256"), "typ": .string("at+jwt")]
            let token = TokenMinter.forge(header: header, claims: world.minter.guardianClaims()) {
                (try? world.es256.signature(for: $0)) ?? []
            }
            await #expect(throws: VerificationError.unknownKey) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("a kid shaped like a path is only a lookup key: nothing else is fetched")
    func kidPathTraversal() async throws {
        try await VerifierWorld.with { world in
            for kid in ["../attacker/jwks", "../../../../etc/passwd", "/attacker/jwks", "%2e%2e%2fattacker"] {
                let header: [String: JSONValue] = ["alg": .string("ES256"), "typ": .string("at+jwt"), "kid": .string(kid)]
                let token = TokenMinter.forge(header: header, claims: world.minter.guardianClaims()) {
                    (try? world.es256.signature(for: $0)) ?? []
                }
                await #expect(throws: VerificationError.unknownKey) { try await world.verifier().verifyAccessToken(token) }
            }
            #expect(Set(world.server.paths) == ["/.well-known/openid-configuration", "/jwks"])
        }
    }

    @Test("jku and x5u in the header are ignored: the attacker's key set is never fetched", arguments: ["jku", "x5u"])
    func keyURLHeadersIgnored(parameter: String) async throws {
        try await VerifierWorld.with { world in
            let attacker = try SigningKey.generate(.ES256)
            world.server.state.withLock { $0.attackerKeys = [attacker] }
            let token = try world.minter.sign(world.minter.guardianClaims(),
                                              extraHeader: [parameter: .string(world.server.issuer + "/attacker/jwks")],
                                              key: attacker)
            await #expect(throws: VerificationError.unknownKey) { try await world.verifier().verifyAccessToken(token) }
            #expect(world.server.count("/attacker/jwks") == 0)
        }
    }

    @Test("a jwk header carrying the attacker's own key is ignored")
    func embeddedJWKIgnored() async throws {
        try await VerifierWorld.with { world in
            let attacker = try SigningKey.generate(.ES256)
            let token = try world.minter.sign(world.minter.guardianClaims(),
                                              extraHeader: ["jwk": try JSONValue(encoding: attacker.publicJWK)], key: attacker)
            await #expect(throws: VerificationError.unknownKey) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("rejects garbage and oversized input as malformed", arguments: ["", "a.b", "a.b.c.d", "!!!.e30.AAAA"])
    func garbage(token: String) async throws {
        try await VerifierWorld.with { world in
            await #expect(throws: VerificationError.malformed) { try await world.verifier().verifyAccessToken(token) }
        }
    }
}
