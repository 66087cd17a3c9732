import Foundation
import SchoolIDBase
import SchoolIDJOSE
@testable import SchoolIDVerifier

/// One issuer server with an ES256, an EdDSA and an RS256 key, a manual clock and a
/// minter; `verifier(…)` builds verifiers that fetch through the real `URLSession` fetcher.
struct VerifierWorld {
    static let start = UnixTime(seconds: 1_800_000_000)

    let server: IssuerServer
    let clock = ManualWallClock(VerifierWorld.start)
    let es256: SigningKey
    let eddsa: SigningKey
    let rs256: SigningKey

    var minter: TokenMinter { TokenMinter(issuer: server.issuer, now: clock.now()) }

    /// Generated once: RSA key generation is slow enough to dominate every test otherwise.
    static let keys: [SigningKey] = {
        do {
            return try [SigningKey.generate(.ES256), SigningKey.generate(.EdDSA), SigningKey.generate(.RS256)]
        } catch {
            preconditionFailure("OpenSSL generates keys: \(error)")
        }
    }()

    static func make() async throws -> VerifierWorld {
        let keys = Self.keys
        let server = try await IssuerServer.start(keys: keys)
        return VerifierWorld(server: server, es256: keys[0], eddsa: keys[1], rs256: keys[2])
    }

    /// One fetcher for every world, with a timeout a starved test process cannot reach:
    /// FoundationNetworking runs `URLSession`'s callbacks on the same dispatch threads as
    /// the tests, and a fetch that waited behind them for the default 10 s would fail a
    /// test about verification, not about timeouts.
    static let fetcher = URLSessionJWKSFetcher(timeout: .seconds(120))

    func verifier(audience: String = "diary", jwksURI: URL? = nil,
                  algorithms: Set<JWSAlgorithm> = [.ES256, .EdDSA, .RS256]) -> Verifier
    {
        Verifier(configuration: VerifierConfiguration(
            issuer: server.issuer, audience: audience, jwksURI: jwksURI, algorithms: algorithms, clock: clock,
            fetcher: Self.fetcher))
    }

    /// Runs `body` with a fresh world and always stops its server.
    static func with(_ body: (VerifierWorld) async throws -> Void) async throws {
        let world = try await make()
        do {
            try await body(world)
        } catch {
            await world.server.stop()
            throw error
        }
        await world.server.stop()
    }
}
