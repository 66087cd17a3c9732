import Foundation
import SchoolIDBase
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// Discovery, JWKS caching and refetching, through the real `URLSession` fetcher against
/// a loopback issuer.
@Suite struct KeyFetchingTests {
    static let discovery = "/.well-known/openid-configuration"

    @Test("reads jwks_uri from discovery once, then verifies from the cache")
    func discoveryThenCache() async throws {
        try await VerifierWorld.with { world in
            let verifier = world.verifier()
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            for _ in 0..<3 { _ = try await verifier.verifyAccessToken(token) }
            #expect(world.server.paths == [Self.discovery, "/jwks"])
        }
    }

    @Test("a configured JWKS URI skips discovery")
    func configuredJWKSURI() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.eddsa)
            _ = try await world.verifier(jwksURI: world.server.jwksURL).verifyAccessToken(token)
            #expect(world.server.paths == ["/jwks"])
        }
    }

    @Test("refuses a discovery document that names another issuer")
    func discoveryIssuerMismatch() async throws {
        try await VerifierWorld.with { world in
            world.server.state.withLock { $0.discoveryIssuer = world.server.issuer + "/evil" }
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            await #expect(throws: VerificationError.discoveryFailed) { try await world.verifier().verifyAccessToken(token) }
            #expect(world.server.count("/jwks") == 0)
        }
    }

    @Test("an unknown kid triggers one refetch then fails; refetches are at most one per 30 s")
    func unknownKeyRefetchRateLimit() async throws {
        try await VerifierWorld.with { world in
            let verifier = world.verifier()
            _ = try await verifier.verifyAccessToken(try world.minter.sign(world.minter.guardianClaims(), key: world.es256))
            let stranger = try world.minter.sign(world.minter.guardianClaims(), key: try SigningKey.generate(.ES256))
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyAccessToken(stranger) }
            #expect(world.server.count("/jwks") == 2)
            world.clock.advance(seconds: 29)
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyAccessToken(stranger) }
            #expect(world.server.count("/jwks") == 2, "rate limited: no fetch within 30 s")
            world.clock.advance(seconds: 1)
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyAccessToken(stranger) }
            #expect(world.server.count("/jwks") == 3)
            #expect(world.server.count(Self.discovery) == 1)
        }
    }

    @Test("a key added after the first fetch (rotation) is picked up by the unknown-kid refetch")
    func rotationRefetch() async throws {
        try await VerifierWorld.with { world in
            let verifier = world.verifier()
            _ = try await verifier.verifyAccessToken(try world.minter.sign(world.minter.guardianClaims(), key: world.es256))
            let next = try SigningKey.generate(.ES256)
            world.server.state.withLock { $0.keys.append(next) }
            let verified = try await verifier.verifyAccessToken(try world.minter.sign(world.minter.guardianClaims(), key: next))
            #expect(verified.subject == "acc_guardian" && world.server.count("/jwks") == 2)
        }
    }

    @Test("Cache-Control max-age is honoured: no fetch while fresh, one fetch once stale")
    func maxAgeHonoured() async throws {
        try await VerifierWorld.with { world in
            world.server.state.withLock { $0.cacheControl = "public, max-age=120" }
            let verifier = world.verifier()
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            _ = try await verifier.verifyAccessToken(token)
            world.clock.advance(seconds: 119)
            _ = try await verifier.verifyAccessToken(token)
            #expect(world.server.count("/jwks") == 1)
            world.clock.advance(seconds: 1)
            _ = try await verifier.verifyAccessToken(token)
            #expect(world.server.count("/jwks") == 2 && world.server.count(Self.discovery) == 1)
        }
    }

    @Test("a key removed from the JWKS stops verifying once the cache is stale")
    func removedKeyAfterStale() async throws {
        try await VerifierWorld.with { world in
            world.server.state.withLock { $0.cacheControl = "max-age=60" }
            let verifier = world.verifier()
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            _ = try await verifier.verifyAccessToken(token)
            world.server.state.withLock { $0.keys.removeAll { $0.algorithm == .ES256 } }
            world.clock.advance(seconds: 61)
            await #expect(throws: VerificationError.unknownKey) { try await verifier.verifyAccessToken(token) }
        }
    }

    @Test("an OKP key published with alg Ed25519 verifies EdDSA tokens (RFC 9864 alias)")
    func ed25519Alias() async throws {
        try await VerifierWorld.with { world in
            world.server.state.withLock { $0.rewriteAlgorithm = [world.eddsa.keyID: "Ed25519"] }
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.eddsa)
            _ = try await world.verifier().verifyAccessToken(token)
        }
    }

    @Test("an http issuer off loopback is refused before any connection")
    func httpOffLoopback() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            let verifier = Verifier(configuration: VerifierConfiguration(
                issuer: "http://schoolid.invalid", audience: "diary", clock: world.clock))
            await #expect(throws: VerificationError.insecureURL) { try await verifier.verifyAccessToken(token) }
            let viaJWKS = Verifier(configuration: VerifierConfiguration(
                issuer: world.server.issuer, audience: "diary", jwksURI: URL(string: "http://keys.invalid/jwks"),
                clock: world.clock))
            await #expect(throws: VerificationError.insecureURL) { try await viaJWKS.verifyAccessToken(token) }
        }
    }

    @Test("a redirect from the JWKS URL is not followed")
    func redirectNotFollowed() async throws {
        try await VerifierWorld.with { world in
            let attacker = try SigningKey.generate(.ES256)
            world.server.state.withLock { $0.attackerKeys = [attacker] }
            let verifier = world.verifier(jwksURI: URL(string: world.server.issuer + "/redirect"))
            let token = try world.minter.sign(world.minter.guardianClaims(), key: attacker)
            await #expect(throws: VerificationError.jwksUnavailable) { try await verifier.verifyAccessToken(token) }
            #expect(world.server.count("/attacker/jwks") == 0)
        }
    }

    @Test("an unreachable JWKS is jwksUnavailable; stale keys keep verifying through an outage")
    func outage() async throws {
        try await VerifierWorld.with { world in
            let unreachable = Verifier(configuration: VerifierConfiguration(
                issuer: world.server.issuer, audience: "diary", jwksURI: URL(string: world.server.issuer + "/missing"),
                clock: world.clock))
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            await #expect(throws: VerificationError.jwksUnavailable) { try await unreachable.verifyAccessToken(token) }

            world.server.state.withLock { $0.cacheControl = "max-age=60" }
            let verifier = world.verifier()
            _ = try await verifier.verifyAccessToken(token)
            await world.server.stop()
            world.clock.advance(seconds: 61)
            _ = try await verifier.verifyAccessToken(token)
        }
    }
}
