import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// `grant_type=refresh_token` (RFC 6749 §6; rotation and reuse detection, RFC 9700
/// §4.14.2) and `client_credentials` (§4.4) through the real server.
@Suite struct TokenEndpointRefreshTests {
    /// A guardian of one child with a refresh token at `diary-one`.
    static func start(_ world: TokenEndpointWorld) async throws
        -> (secret: String, guardian: Account, link: GuardianLink.ID, refresh: String)
    {
        let secret = try #require(try await world.client("diary-one"))
        let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
        let link = try await world.base.link(guardian, to: child)
        let session = try await world.base.session(of: guardian)
        let code = try await world.code(for: guardian, session: session, clientID: "diary-one")
        let response = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
        return (secret, guardian, link, try #require(response.string("refresh_token")))
    }

    @Test("a refresh rotates the token, may narrow the scope, and reflects an ended link at once")
    func rotate() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, guardian, link, refresh) = try await Self.start(world)
            let now = world.base.now
            _ = try await world.environment.storage.write { tx in
                try tx.guardianLinks.transition(link, from: .active, to: .ended, at: now, by: guardian.id)
            }
            let response = try await world.token(TokenEndpointWorld.refreshForm(refresh, scope: "diary"),
                                                 basic: ("diary-one", secret))
            try #require(response.status == 200, "\(response.text)")
            let next = try #require(response.string("refresh_token"))
            #expect(next != refresh && response.string("scope") == "diary" && response.string("id_token") == nil)
            let access = try await world.verifier(clientID: "diary-one")
                .verifyAccessToken(try #require(response.string("access_token")))
            #expect(access.subject == guardian.id.rawValue && access.scopes == ["diary"] && access.students == nil)
            let again = try await world.token(TokenEndpointWorld.refreshForm(next), basic: ("diary-one", secret))
            #expect(again.status == 200 && again.string("scope") == "openid offline_access diary")
        }
    }

    @Test("a rotated refresh token presented again is refused and revokes the family, its successor included")
    func reuse() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, _, _, refresh) = try await Self.start(world)
            let rotated = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            let successor = try #require(rotated.string("refresh_token"))
            let replay = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(replay.status == 400 && replay.string("error") == "invalid_grant")
            #expect(try await world.auditActions().first == "oauth.refresh_replayed")
            let dead = try await world.token(TokenEndpointWorld.refreshForm(successor), basic: ("diary-one", secret))
            #expect(dead.string("error") == "invalid_grant")
        }
    }

    @Test("a refresh token is refused when expired, another client's, for a wider scope, or after the account is disabled")
    func refused() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, guardian, _, refresh) = try await Self.start(world)
            let other = try #require(try await world.client("diary-two"))
            let stolen = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-two", other))
            #expect(stolen.string("error") == "invalid_grant")
            let wider = try await world.token(TokenEndpointWorld.refreshForm(refresh, scope: "diary attendance"),
                                              basic: ("diary-one", secret))
            #expect(wider.string("error") == "invalid_scope")
            _ = try await world.environment.storage.write { tx in try tx.accounts.update(guardian.id) { $0.status = .disabled } }
            let disabled = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(disabled.string("error") == "invalid_grant")
            _ = try await world.environment.storage.write { tx in try tx.accounts.update(guardian.id) { $0.status = .active } }
            world.server.clock.advance(seconds: world.environment.policies.tokens.refreshTokenIdleSeconds)
            let expired = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(expired.string("error") == "invalid_grant")
        }
    }

    @Test("disabling the account revokes its refresh tokens: enabled again, the old token stays refused")
    func disablingRevokes() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, guardian, _, refresh) = try await Self.start(world)
            try await DirectoryService(environment: world.environment).disableAccount(
                by: .commandLine, accountID: guardian.id, context: RequestContext(clientAddress: "cli", requestID: "t"))
            _ = try await world.environment.storage.write { tx in try tx.accounts.update(guardian.id) { $0.status = .active } }
            let refused = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(refused.string("error") == "invalid_grant")
            #expect(try await world.familyRevoked(of: refresh))
        }
    }

    @Test("20 parallel uses of one refresh token: exactly one succeeds, the family is revoked and the winner's access token with it")
    func parallelRefresh() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, _, _, refresh) = try await Self.start(world)
            let responses = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = responses.filter { $0.status == 200 }
            try #require(winners.count == 1, "\(responses.map(\.status))")
            #expect(try await world.familyRevoked(of: refresh))
            let access = try #require(winners[0].string("access_token"))
            let introspected = try await world.post("/oauth/introspect", [("token", access)], basic: ("diary-one", secret))
            #expect(introspected.status == 200 && introspected.json["active"] as? Bool == false)
        }
    }

    @Test("client_credentials gives a confidential client a token about itself, without refresh or ID token")
    func clientCredentials() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let response = try await world.token([("grant_type", "client_credentials"), ("client_id", "diary-one"),
                                                  ("client_secret", secret)])
            try #require(response.status == 200, "\(response.text)")
            #expect(response.string("refresh_token") == nil && response.string("id_token") == nil)
            let access = try await world.verifier(clientID: "diary-one")
                .verifyAccessToken(try #require(response.string("access_token")))
            #expect(access.subject == "diary-one" && access.students == nil && access.sessionID == nil)
            #expect(access.scopes == ["diary", "attendance"] || access.scopes == ["attendance", "diary"])
            let openid = try await world.token([("grant_type", "client_credentials"), ("scope", "openid")],
                                               basic: ("diary-one", secret))
            #expect(openid.string("error") == "invalid_scope")
        }
    }
}
