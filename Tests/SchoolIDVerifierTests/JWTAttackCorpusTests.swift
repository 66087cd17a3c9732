import Foundation
import SchoolIDBase
@testable import SchoolIDJOSE
import SchoolIDTesting
@testable import SchoolIDVerifier
import Testing

/// The JWT attack corpus (`Tests/Fixtures/jwt-attacks/corpus.json`, RFC 8725 §2–§3) run
/// through ``Verifier``: every hostile token is refused with the error its row names, and
/// no key is ever fetched from where the token points.
@Suite struct JWTAttackCorpusTests {
    /// The corpus codes, as the public errors they name.
    static let errors: [String: VerificationError] = [
        "malformed": .malformed, "unsupported_algorithm": .unsupportedAlgorithm,
        "algorithm_mismatch": .algorithmMismatch, "unknown_key": .unknownKey, "bad_signature": .badSignature,
        "wrong_type": .wrongType, "wrong_issuer": .wrongIssuer, "wrong_audience": .wrongAudience,
        "expired": .expired, "not_yet_valid": .notYetValid, "issued_in_future": .issuedInFuture,
        "missing_claim": .missingClaim,
    ]

    @Test("the corpus loads, names a known refusal in every row and covers every attack issue 12 lists")
    func corpusIsComplete() throws {
        let cases = try JWTAttackCorpus.load().cases
        #expect(cases.count >= 40)
        #expect(cases.filter { Self.errors[$0.verifier] == nil }.map(\.name) == [])
        let names = cases.map { $0.name.lowercased() }.joined(separator: "\n")
        for attack in ["alg none", "hs256", "path traversal", "jku", "x5u", "jwk", "expired", "not yet valid",
                       "another service", "another issuer", "id token", "receipt", "stripped", "der-encoded",
                       "two exp", "two sub", "two alg", "trailing garbage", "oversized"] {
            #expect(names.contains(attack), "no case for \(attack)")
        }
    }

    @Test("the untouched origins verify: every refusal below is the row's edit, not a broken start")
    func originsVerify() async throws {
        try await VerifierWorld.with { world in
            let attacker = try SigningKey.generate(.ES256)
            let access = try JWTAttackCorpus.Case.untouched.token(from: Self.origin("access_token", in: world, attacker: attacker))
            #expect(try await world.verifier().verifyAccessToken(access).subject == "acc_guardian")
            let id = try JWTAttackCorpus.Case.untouched.token(from: Self.origin("id_token", in: world, attacker: attacker))
            #expect(try await world.verifier().verifyIDToken(id, nonce: "n-1").subject == "acc_guardian")
        }
    }

    @Test("SchoolIDVerifier refuses each attack with its specific error", arguments: JWTAttackCorpus.cases)
    func verifierRefuses(_ attack: JWTAttackCorpus.Case) async throws {
        try await VerifierWorld.with { world in
            let expected = try #require(Self.errors[attack.verifier])
            let attacker = try SigningKey.generate(.ES256)
            world.server.state.withLock { $0.attackerKeys = [attacker] }
            let token = try attack.token(from: Self.origin(attack.origin, in: world, attacker: attacker))
            await #expect(throws: expected) { try await world.verifier().verifyAccessToken(token) }
            #expect(world.server.count("/attacker/jwks") == 0, "the token's key URL was fetched")
            #expect(Set(world.server.paths).isSubset(of: ["/.well-known/openid-configuration", "/jwks"]))
            if expected == .unsupportedAlgorithm {
                #expect(world.server.paths.isEmpty, "refused before any key was fetched")
            }
        }
    }

    /// A valid access token (or ID token) of the world, ES256, taken apart.
    static func origin(_ kind: String, in world: VerifierWorld, attacker: SigningKey) -> JWTAttackCorpus.Origin {
        let idToken = kind == "id_token"
        return JWTAttackCorpus.Origin(
            header: ["alg": .string("ES256"), "typ": .string(idToken ? "JWT" : "at+jwt"), "kid": .string(world.es256.keyID)],
            claims: idToken ? world.minter.idClaims(nonce: "n-1") : world.minter.guardianClaims(),
            key: world.es256, issuer: world.server.issuer, now: world.clock.now(), attacker: attacker,
            signer: { try $0.signature(for: $1) })
    }
}
