import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// The two halves written apart meet: tokens minted by `TokenIssuer` on a running
/// server verify with `SchoolIDVerifier` reading that server's published JWKS, and the
/// typed claims come out as minted.
@Suite struct VerifierInteropTests {
    @Test("a guardian's access and ID tokens from TokenIssuer verify with SchoolIDVerifier over the server's JWKS",
          arguments: JWSAlgorithm.allCases)
    func issuerAndVerifierAgree(algorithm: JWSAlgorithm) async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult)
            let first = try await world.account(.student), second = try await world.account(.student)
            let links = [try await world.link(guardian, to: first), try await world.link(guardian, to: second)]
            let session = try await world.session(of: guardian)
            let access = try await world.accessToken(for: guardian, session: session, algorithm: algorithm)
            let actor = try await world.environment.storage.read { tx in
                try Actor.load(guardian.id, session: session, at: world.now, in: tx)
            }
            let idToken = try world.issuer.idToken(for: actor, clientID: "diary-one", nonce: "n-42",
                                                   accessToken: access.compact, algorithm: algorithm, session: session,
                                                   at: world.now)

            let issuer = world.server.application.issuer
            var configuration = VerifierConfiguration(issuer: issuer, audience: "diary-one-api",
                                                      jwksURI: URL(string: issuer + "/.well-known/jwks.json"),
                                                      leeway: 0, clock: world.server.clock)
            configuration.clientID = "diary-one"
            let verifier = Verifier(configuration: configuration)
            let verified = try await verifier.verifyAccessToken(access.compact)
            #expect(verified.subject == guardian.id.rawValue && verified.clientID == "diary-one")
            #expect(verified.sessionID == session.handle && verified.amr == ["pwd", "otp"] && verified.acr == "2")
            let students = try #require(verified.students)
            #expect(Set(students.map(\.id)) == [first.id.rawValue, second.id.rawValue])
            #expect(students.allSatisfy { $0.relation == .guardian } && Set(students.map(\.grant)) == Set(links.map(\.rawValue)))
            let id = try await verifier.verifyIDToken(idToken.compact, nonce: "n-42")
            #expect(id.subject == guardian.id.rawValue && id.nonce == "n-42")
            await #expect(throws: VerificationError.wrongType) { try await verifier.verifyAccessToken(idToken.compact) }
        }
    }
}
