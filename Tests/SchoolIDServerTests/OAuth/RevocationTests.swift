import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// `POST /oauth/revoke` (RFC 7009) through the real server.
@Suite struct RevocationTests {
    @Test("revoking the access token denylists it until exp; the refresh token lives on; the audit names kind and client only")
    func accessToken() async throws {
        try await IntrospectionWorld.run { w in
            let response = try await w.revoke(w.access, hint: "access_token")
            #expect(response.status == 200 && response.body.isEmpty && response.header("Cache-Control") == "no-store")
            #expect(try await w.isActive(w.access) == false)
            #expect(try await w.isActive(w.refresh) == true)
            let events = try await w.world.environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 5)) }
            let event = try #require(events.first)
            #expect(event.action == .oauthTokenRevoked && event.detail == "kind access_token client diary-one")
            #expect(!event.detail.contains(w.access))
            // The denylist row goes once the token has expired.
            w.world.server.clock.advance(seconds: 301)
            let destroyed = try await RetentionService(environment: w.world.environment).purge()
            #expect(destroyed.contains(RetentionService.Destroyed(what: "revoked_tokens", count: 1)))
        }
    }

    @Test("revoking the refresh token revokes its family: the refresh and access tokens of the grant read inactive")
    func refreshToken() async throws {
        try await IntrospectionWorld.run { w in
            let response = try await w.revoke(w.refresh)
            #expect(response.status == 200)
            #expect(try await w.isActive(w.refresh) == false)
            #expect(try await w.isActive(w.access) == false)
            let refused = try await w.world.token(TokenEndpointWorld.refreshForm(w.refresh), basic: w.one)
            #expect(refused.string("error") == "invalid_grant")
            #expect(try await w.world.auditActions().first == "oauth.token_revoked")
        }
    }

    @Test("unknown, malformed and another client's tokens answer 200 and change nothing; a public client revokes by id")
    func nothingChanged() async throws {
        try await IntrospectionWorld.run { w in
            let two = try #require(try await w.world.client("diary-two"))
            for token in [w.access, w.refresh] {
                #expect(try await w.revoke(token, as: ("diary-two", two)).status == 200)
            }
            #expect(try await w.revoke("garbage").status == 200)
            #expect(try await w.revoke("a.b.c", hint: "access_token").status == 200)
            #expect(try await w.isActive(w.access) == true)
            #expect(try await w.isActive(w.refresh) == true)
            #expect(try await w.world.auditActions().contains("oauth.token_revoked") == false)
            try await w.world.client("diary-app", type: "public")
            let byID = try await w.post("/oauth/revoke", [("token", w.refresh), ("client_id", "diary-app")], basic: nil)
            #expect(byID.status == 200)
            #expect(try await w.isActive(w.refresh) == true)
            let wrong = try await w.revoke(w.access, as: ("diary-one", "wrong"))
            #expect(wrong.status == 401 && wrong.string("error") == "invalid_client")
            let missing = try await w.post("/oauth/revoke", [], basic: w.one)
            #expect(missing.status == 400 && missing.string("error") == "invalid_request")
        }
    }
}
