import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// A diary service's clock against the issuer's: an access token from `POST /oauth/token`
/// of a real server, verified by `SchoolIDVerifier` over that server's JWKS with the
/// default 60 s leeway (RFC 7519 §4.1.4–§4.1.6), the relying party's clock stepped
/// either way.
@Suite struct LeewayClockStepTests {
    static let leewaySeconds: Int64 = 60
    static let lifetime: Int64 = 300  // tokens.json access_token_seconds

    /// The verifier's clock relative to the token's `iat`, and what it must decide.
    struct Skew: Sendable, CustomTestStringConvertible {
        let seconds: Int64
        let refusal: VerificationError?
        var testDescription: String {
            "verifier at iat \(seconds >= 0 ? "+" : "")\(seconds) s: \(refusal.map { "\($0)" } ?? "accepted")"
        }
    }

    @Test("access-token verification accepts within the leeway and refuses beyond it, behind and ahead", arguments: [
        Skew(seconds: -leewaySeconds, refusal: nil),
        Skew(seconds: -leewaySeconds - 1, refusal: .issuedInFuture),
        Skew(seconds: lifetime + leewaySeconds - 1, refusal: nil),
        Skew(seconds: lifetime + leewaySeconds, refusal: .expired),
    ])
    func verifierSkew(skew: Skew) async throws {
        try await Self.withToken { server, token, verifier, verifierClock in
            verifierClock.set(server.clock.now().adding(seconds: skew.seconds))
            if let refusal = skew.refusal {
                await #expect(throws: refusal) { try await verifier.verifyAccessToken(token) }
            } else {
                let verified = try await verifier.verifyAccessToken(token)
                #expect(verified.subject == "diary-clock")
            }
        }
    }

    @Test("the issuer's system clock stepped back an hour does not backdate iat: a verifier on true time accepts")
    func issuerSteppedBack() async throws {
        let monotonic = ManualClock()
        try await Self.withToken(monotonic: monotonic, before: { server in
            ClockStepper(system: server.clock, monotonic: monotonic).step(seconds: -3_600)
        }) { server, token, verifier, verifierClock in
            verifierClock.set(server.clock.now().adding(seconds: 3_600))  // the true time
            let verified = try await verifier.verifyAccessToken(token)
            #expect(verified.issuedAt == verifierClock.now())
        }
    }

    /// A server with a `client_credentials` client `diary-clock` (audience `diary-api`), a
    /// token issued to it through the API, and a verifier with its own manual clock.
    static func withToken(
        monotonic: ManualClock? = nil, before: (TestServer) -> Void = { _ in },
        _ body: (TestServer, String, Verifier, ManualWallClock) async throws -> Void
    ) async throws {
        let server = try await TestServer(monotonic: monotonic)
        do {
            let registration = ClientRegistration(id: "diary-clock", name: "Clock diary", type: "confidential",
                                                  grants: ["client_credentials"], scopes: ["diary"], audience: "diary-api")
            let issued = try await ClientService(environment: server.application.environment)
                .register(by: .commandLine, registration, context: .commandLine(requestID: "test"))
            let secret = try #require(issued.secret?.unredacted)
            before(server)
            let basic = "Basic " + Data("diary-clock:\(secret)".utf8).base64EncodedString()
            let granted = try await APIClient(server).send(
                "POST", "/oauth/token", body: Array("grant_type=client_credentials&scope=diary".utf8),
                contentType: "application/x-www-form-urlencoded", extraHeaders: [("Authorization", basic)])
            let token = try #require(granted.string("access_token"), "\(granted.text)")
            let verifierClock = ManualWallClock(server.clock.now())
            let issuer = server.application.issuer
            let verifier = Verifier(configuration: VerifierConfiguration(
                issuer: issuer, audience: "diary-api", jwksURI: URL(string: issuer + "/.well-known/jwks.json"),
                leeway: leewaySeconds, clock: verifierClock))
            try await body(server, token, verifier, verifierClock)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }
}
