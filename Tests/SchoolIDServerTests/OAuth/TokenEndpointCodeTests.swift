import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// `POST /oauth/token` with `grant_type=authorization_code` through the real server
/// (RFC 6749 §4.1.3, RFC 7636 §4.6, OIDC Core §3.1.3).
@Suite struct TokenEndpointCodeTests {
    @Test("a code redeems once for verifiable access and ID tokens and a refresh token, never cached")
    func redeem() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            _ = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let code = try await world.code(for: guardian, session: session, clientID: "diary-one")
            let response = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
            try #require(response.status == 200, "\(response.text)")
            #expect(response.header("Cache-Control") == "no-store" && response.header("Pragma") == "no-cache")
            #expect(response.string("token_type") == "Bearer" && response.json["expires_in"] as? Int == 300)
            #expect(response.string("scope") == "openid offline_access diary")
            let refresh = try #require(response.string("refresh_token"))
            #expect(Base64URL.decode(refresh)?.count == 32)
            let verifier = world.verifier(clientID: "diary-one")
            let access = try await verifier.verifyAccessToken(try #require(response.string("access_token")))
            #expect(access.subject == guardian.id.rawValue && access.audience == ["diary-one-api"])
            #expect(access.sessionID == session.handle && access.acr == "2")
            #expect(access.students?.map(\.id) == [child.id.rawValue])
            let id = try await verifier.verifyIDToken(try #require(response.string("id_token")), nonce: "n-0S6")
            #expect(id.subject == guardian.id.rawValue)
            #expect(try await world.auditActions().first == "oauth.token_issued")
        }
    }

    @Test("a public client redeems with client_id alone; without offline_access and openid it gets neither refresh nor ID token")
    func publicClient() async throws {
        try await TokenEndpointWorld.run { world in
            try await world.client("diary-app", type: "public")
            let student = try await world.base.account(.student)
            let session = try await world.base.session(of: student)
            let code = try await world.code(for: student, session: session, clientID: "diary-app", scope: "diary")
            let response = try await world.token(TokenEndpointWorld.codeForm(code) + [("client_id", "diary-app")])
            try #require(response.status == 200, "\(response.text)")
            #expect(response.string("refresh_token") == nil && response.string("id_token") == nil)
            #expect(response.string("scope") == "diary")
        }
    }

    @Test("a replayed code is refused and revokes the refresh family the first redemption opened")
    func replay() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let student = try await world.base.account(.student)
            let session = try await world.base.session(of: student)
            let code = try await world.code(for: student, session: session, clientID: "diary-one")
            let first = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
            let refresh = try #require(first.string("refresh_token"))
            let second = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
            #expect(second.status == 400 && second.string("error") == "invalid_grant")
            #expect(try await world.familyRevoked(of: refresh))
            #expect(try await world.auditActions().first == "oauth.code_replayed")
            let refused = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(refused.status == 400 && refused.string("error") == "invalid_grant")
        }
    }

    enum Break: String, CaseIterable, Sendable {
        case expired, otherClient, otherRedirectURI, wrongVerifier, shortVerifier, sessionRevoked, accountDisabled,
             unknownCode
    }

    @Test("a code is invalid_grant when expired, another client's, for another redirect URI, with a wrong or short verifier, after its session or account ended, or unknown",
          arguments: Break.allCases)
    func invalidGrant(_ breakage: Break) async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let otherSecret = try #require(try await world.client("diary-two"))
            let student = try await world.base.account(.student)
            let session = try await world.base.session(of: student)
            var code = try await world.code(for: student, session: session, clientID: "diary-one")
            var form = TokenEndpointWorld.codeForm(code)
            var basic = (id: "diary-one", secret: secret)
            let storage = world.environment.storage, now = world.base.now
            switch breakage {
            case .expired: world.server.clock.advance(seconds: 60)
            case .otherClient: basic = ("diary-two", otherSecret)
            case .otherRedirectURI: form = TokenEndpointWorld.codeForm(code, redirectURI: TokenEndpointWorld.redirectURI + "/")
            case .wrongVerifier: form = TokenEndpointWorld.codeForm(code, verifier: String(repeating: "a", count: 43))
            case .shortVerifier: form = TokenEndpointWorld.codeForm(code, verifier: String(TokenEndpointWorld.verifier.prefix(42)))
            case .sessionRevoked:
                _ = try await storage.write { tx in try tx.sessions.revoke(tokenHash: session.tokenHash, at: now) }
            case .accountDisabled:
                _ = try await storage.write { tx in try tx.accounts.update(student.id) { $0.status = .disabled } }
            case .unknownCode:
                code = world.environment.random.token(bytes: 32)
                form = TokenEndpointWorld.codeForm(code)
            }
            let response = try await world.token(form, basic: basic)
            #expect(response.status == 400 && response.string("error") == "invalid_grant", "\(response.text)")
            #expect(response.header("Cache-Control") == "no-store" && response.json["error_description"] is String)
        }
    }

    @Test("20 parallel redemptions of one code: exactly one succeeds, and afterwards its refresh and access tokens are revoked")
    func parallelRedemptions() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let student = try await world.base.account(.student)
            let session = try await world.base.session(of: student)
            let code = try await world.code(for: student, session: session, clientID: "diary-one")
            let responses = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = responses.filter { $0.status == 200 }
            try #require(winners.count == 1, "\(responses.map(\.status))")
            #expect(responses.filter { $0.string("error") == "invalid_grant" }.count == 19)
            let refresh = try #require(winners[0].string("refresh_token"))
            #expect(try await world.familyRevoked(of: refresh))
            let refused = try await world.token(TokenEndpointWorld.refreshForm(refresh), basic: ("diary-one", secret))
            #expect(refused.string("error") == "invalid_grant")
            let access = try #require(winners[0].string("access_token"))
            let introspected = try await world.post("/oauth/introspect", [("token", access)], basic: ("diary-one", secret))
            #expect(introspected.status == 200 && introspected.json["active"] as? Bool == false)
        }
    }
}
