import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDVerifier
import Synchronization
import Testing

/// Token key rotation without downtime (issue 9): the key that signs after a rotation was
/// already published as `next`, so a verifier that fetched the JWKS before the rotation
/// verifies tokens from both sides of it without fetching again.
@Suite struct TokenKeyRotationTests {
    @Test("tokens issued before and after a rotation verify with the JWKS fetched before it, with no refetch",
          arguments: JWSAlgorithm.allCases)
    func rotation(algorithm: JWSAlgorithm) async throws {
        try await TokenEndpointWorld.run { world in
            let registration = ClientRegistration(id: "diary-rot", name: "Дневник", grants: ["client_credentials"],
                                                  scopes: ["diary"], audience: "diary-rot-api",
                                                  accessTokenAlgorithm: algorithm.rawValue)
            let issued = try await ClientService(environment: world.environment)
                .register(by: .commandLine, registration, context: .commandLine(requestID: "rotation"))
            let secret = try #require(issued.secret?.unredacted)
            let fetcher = CountingFetcher()
            var configuration = VerifierConfiguration(
                issuer: world.server.application.issuer, audience: "diary-rot-api",
                jwksURI: URL(string: world.server.application.issuer + "/.well-known/jwks.json"), leeway: 0,
                clock: world.server.clock)
            configuration.fetcher = fetcher
            let verifier = Verifier(configuration: configuration)
            let before = try await Self.token(world, secret: secret)
            let application = world.server.application
            let keyBefore = try #require(application.keyring.snapshot.activeSigningKey(.token, algorithm: algorithm))
            #expect(try await verifier.verifyAccessToken(before).clientID == "diary-rot")

            _ = try application.keyring.directory.rotate(.token, algorithm: algorithm, now: world.server.clock.now(),
                                                         minimumNextAge: 0, force: true)
            application.reloadKeys()
            let keyAfter = try #require(application.keyring.snapshot.activeSigningKey(.token, algorithm: algorithm))
            #expect(keyAfter.keyID != keyBefore.keyID)

            let after = try await Self.token(world, secret: secret)
            #expect(try await verifier.verifyAccessToken(after).clientID == "diary-rot")
            #expect(try await verifier.verifyAccessToken(before).clientID == "diary-rot")
            #expect(fetcher.count == 1)
        }
    }

    /// A `client_credentials` token for `diary-rot`, signed with its algorithm's active key.
    static func token(_ world: TokenEndpointWorld, secret: String) async throws -> String {
        let response = try await world.token([("grant_type", "client_credentials")], basic: ("diary-rot", secret))
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.string("access_token"))
    }
}

/// Fetches with the default fetcher and counts the fetches.
final class CountingFetcher: JWKSFetcher {
    private let fetched = Atomic<Int>(0)
    private let base = URLSessionJWKSFetcher(timeout: .seconds(120))

    var count: Int { fetched.load(ordering: .relaxed) }

    func fetch(_ url: URL) async throws -> FetchedDocument {
        fetched.add(1, ordering: .relaxed)
        return try await base.fetch(url)
    }
}
