import Foundation
import SchoolIDBase
import SchoolIDCrypto
@testable import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// What the verifier accepts per algorithm and its configured allow-list. The hostile
/// tokens themselves (RFC 8725 §2, §3) are rows of the JWT attack corpus: ``JWTAttackCorpusTests``.
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

    @Test("rejects an algorithm the configuration does not allow")
    func allowList() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.eddsa)
            await #expect(throws: VerificationError.unsupportedAlgorithm) {
                try await world.verifier(algorithms: [.ES256]).verifyAccessToken(token)
            }
        }
    }

    @Test("rejects an empty token as malformed")
    func empty() async throws {
        try await VerifierWorld.with { world in
            await #expect(throws: VerificationError.malformed) { try await world.verifier().verifyAccessToken("") }
        }
    }
}
