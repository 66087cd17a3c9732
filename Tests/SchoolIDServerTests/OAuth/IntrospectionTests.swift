import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// `POST /oauth/introspect` (RFC 7662) through the real server: what an active token
/// reads, who may ask, and every way a token stops being active before its `exp`.
@Suite struct IntrospectionTests {
    @Test("an active access token reads its claims, no-store; the refresh token reads active with its absolute expiry")
    func active() async throws {
        try await IntrospectionWorld.run { w in
            let response = try await w.introspect(w.access)
            #expect(response.status == 200 && response.header("Cache-Control") == "no-store")
            let json = response.json
            #expect(json["active"] as? Bool == true && json["token_type"] as? String == "Bearer")
            #expect(json["client_id"] as? String == "diary-one" && json["sub"] as? String == w.guardian.id.rawValue)
            #expect(json["aud"] as? String == "diary-one-api" && json["iss"] as? String == w.world.server.application.issuer)
            #expect(json["scope"] as? String == "openid offline_access diary")
            #expect(json["sid"] as? String == w.session.handle && json["jti"] is String)
            #expect((json["exp"] as? Int).map { $0 == Int(w.world.base.now.seconds) + 300 } == true)
            #expect((json["students"] as? [[String: Any]])?.first?["id"] as? String == w.child.id.rawValue)
            let refresh = try await w.introspect(w.refresh, hint: "refresh_token")
            #expect(refresh.json["active"] as? Bool == true && refresh.string("token_type") == "refresh_token")
            #expect(refresh.string("sub") == w.guardian.id.rawValue && refresh.string("client_id") == "diary-one")
            let absolute = Int(w.world.base.now.seconds + w.world.environment.policies.tokens.refreshTokenAbsoluteSeconds)
            #expect(refresh.json["exp"] as? Int == absolute)
            // A wrong hint only changes the lookup order.
            #expect(try await w.introspect(w.access, hint: "refresh_token").json["active"] as? Bool == true)
        }
    }

    @Test("a public client, no client authentication and a wrong secret are 401 invalid_client; no token is 400")
    func clientAuthentication() async throws {
        try await IntrospectionWorld.run { w in
            try await w.world.client("diary-app", type: "public")
            let publicClient = try await w.post("/oauth/introspect", [("token", w.access), ("client_id", "diary-app")],
                                                basic: nil)
            #expect(publicClient.status == 401 && publicClient.string("error") == "invalid_client")
            let none = try await w.post("/oauth/introspect", [("token", w.access)], basic: nil)
            #expect(none.status == 401 && none.string("error") == "invalid_client")
            let wrong = try await w.introspect(w.access, as: ("diary-one", "not-the-secret"))
            #expect(wrong.status == 401 && wrong.header("WWW-Authenticate") == "Basic realm=\"schoolid\"")
            let missing = try await w.post("/oauth/introspect", [], basic: w.one)
            #expect(missing.status == 400 && missing.string("error") == "invalid_request")
            let json = try await APIClient(w.world.server).send("POST", "/oauth/introspect", body: Array("{}".utf8),
                                                                  contentType: "application/json")
            #expect(json.status == 400 && json.string("error") == "invalid_request")
        }
    }

    @Test("another client's tokens and garbage read {\"active\": false} alone; a client with the token's audience sees it")
    func otherClients() async throws {
        try await IntrospectionWorld.run { w in
            let two = try #require(try await w.world.client("diary-two"))
            for token in [w.access, w.refresh, "garbage", "a.b.c"] {
                let response = try await w.introspect(token, as: ("diary-two", two))
                #expect(response.status == 200 && response.json.count == 1 && response.json["active"] as? Bool == false)
            }
            let api = try await w.resourceServer("diary-api", audience: "diary-one-api")
            #expect(try await w.introspect(w.access, as: ("diary-api", api)).json["active"] as? Bool == true)
            #expect(try await w.introspect(w.refresh, as: ("diary-api", api)).json["active"] as? Bool == false)
        }
    }

    @Test("a client_credentials token is active; an expired access token is not")
    func clientCredentialsAndExpiry() async throws {
        try await IntrospectionWorld.run { w in
            let granted = try await w.world.token([("grant_type", "client_credentials"), ("scope", "diary")], basic: w.one)
            let token = try #require(granted.string("access_token"))
            let response = try await w.introspect(token)
            #expect(response.json["active"] as? Bool == true && response.string("sub") == "diary-one")
            #expect(response.json["sid"] == nil && response.json["students"] == nil)
            w.world.server.clock.advance(seconds: 300)
            #expect(try await w.isActive(w.access) == false)
            #expect(try await w.isActive(token) == false)
            #expect(try await w.isActive(w.refresh) == true)
        }
    }

    @Test("unlinking the child makes the token inactive")
    func afterUnlinking() async throws {
        try await IntrospectionWorld.run { w in
            let now = w.world.base.now, link = w.link, guardian = w.guardian
            _ = try await w.world.environment.storage.write { tx in
                try tx.guardianLinks.transition(link, from: .active, to: .ended, at: now, by: guardian.id)
            }
            #expect(try await w.isActive(w.access) == false)
        }
    }

    @Test("a refresh replay revokes the family: the access tokens of the code and of the rotation read inactive")
    func afterRefreshReplay() async throws {
        try await IntrospectionWorld.run { w in
            let rotated = try await w.world.token(TokenEndpointWorld.refreshForm(w.refresh), basic: w.one)
            let rotatedAccess = try #require(rotated.string("access_token"))
            #expect(try await w.isActive(rotatedAccess) == true)
            let replay = try await w.world.token(TokenEndpointWorld.refreshForm(w.refresh), basic: w.one)
            #expect(replay.string("error") == "invalid_grant")
            #expect(try await w.isActive(w.access) == false)
            #expect(try await w.isActive(rotatedAccess) == false)
            #expect(try await w.isActive(try #require(rotated.string("refresh_token"))) == false)
        }
    }

    @Test("a code replay revokes the grant: the first redemption's access token reads inactive, even without offline_access")
    func afterCodeReplay() async throws {
        try await IntrospectionWorld.run { w in
            let code = try await w.world.code(for: w.guardian, session: w.session, clientID: "diary-one", scope: "openid diary")
            let first = try await w.world.token(TokenEndpointWorld.codeForm(code), basic: w.one)
            let access = try #require(first.string("access_token"))
            #expect(try await w.isActive(access) == true)
            let replay = try await w.world.token(TokenEndpointWorld.codeForm(code), basic: w.one)
            #expect(replay.string("error") == "invalid_grant")
            #expect(try await w.isActive(access) == false)
            #expect(try await w.isActive(w.access) == true)  // another grant
        }
    }

    @Test("an ended session, a disabled account and a disabled client make the token inactive")
    func afterSessionAccountClient() async throws {
        try await IntrospectionWorld.run { w in
            let api = try await w.resourceServer("diary-api", audience: "diary-one-api")
            let environment = w.world.environment, now = w.world.base.now, session = w.session, guardian = w.guardian
            let granted = try await w.world.token([("grant_type", "client_credentials"), ("scope", "diary")], basic: w.one)
            let clientToken = try #require(granted.string("access_token"))
            #expect(try await w.introspect(clientToken, as: ("diary-api", api)).json["active"] as? Bool == true)
            _ = try await environment.storage.write { tx in try tx.sessions.revoke(tokenHash: session.tokenHash, at: now) }
            #expect(try await w.isActive(w.access) == false)
            #expect(try await w.isActive(w.refresh) == true)  // offline access outlives the session
            let refreshed = try await w.world.token(TokenEndpointWorld.refreshForm(w.refresh), basic: w.one)
            let sessionless = try #require(refreshed.string("access_token"))
            #expect(try await w.isActive(sessionless) == true)
            _ = try await environment.storage.write { tx in try tx.accounts.update(guardian.id) { $0.status = .disabled } }
            #expect(try await w.isActive(sessionless) == false)
            _ = try await environment.storage.write { tx in try tx.accounts.update(guardian.id) { $0.status = .active } }
            #expect(try await w.isActive(sessionless) == true)
            let account = w.guardian.id
            _ = try await environment.storage.write { tx in try tx.refreshTokens.revokeAll(accountID: account, at: now) }
            #expect(try await w.isActive(sessionless) == false)  // e.g. a password change: every family revoked
            _ = try await ClientService(environment: environment)
                .disable(by: .commandLine, id: try #require(OAuthClient.ID(rawValue: "diary-one")),
                         context: .commandLine(requestID: "test"))
            let asAPI = try await w.introspect(clientToken, as: ("diary-api", api))
            #expect(asAPI.status == 200 && asAPI.json["active"] as? Bool == false)
        }
    }

    @Test("discovery names the introspection, revocation and userinfo endpoints and their client authentication methods")
    func discovery() async throws {
        try await IntrospectionWorld.run { w in
            let issuer = w.world.server.application.issuer
            let json = try await APIClient(w.world.server).get("/.well-known/openid-configuration").json
            #expect(json["introspection_endpoint"] as? String == issuer + "/oauth/introspect")
            #expect(json["revocation_endpoint"] as? String == issuer + "/oauth/revoke")
            #expect(json["userinfo_endpoint"] as? String == issuer + "/oauth/userinfo")
            #expect(json["introspection_endpoint_auth_methods_supported"] as? [String]
                == ["client_secret_basic", "client_secret_post"])
            #expect(json["revocation_endpoint_auth_methods_supported"] as? [String]
                == ["client_secret_basic", "client_secret_post", "none"])
        }
    }

    @Test("a trusted person's token is active while the grant is, and inactive once it is revoked; a staff token carries staff")
    func trustedAndStaff() async throws {
        try await IntrospectionWorld.run { w in
            let base = w.world.base
            let trusted = try await base.account(.adult)
            let grant = try await base.grant([.diary], for: w.child, by: w.guardian, to: trusted)
            let token = try await base.accessToken(for: trusted, session: try await base.session(of: trusted)).compact
            let response = try await w.introspect(token)
            #expect(response.json["active"] as? Bool == true)
            let students = response.objects("students")
            #expect(students.count == 1 && students.first?["relation"] as? String == "trusted")
            #expect(students.first?["services"] as? [String] == ["diary"])
            let environment = w.world.environment, now = base.now, guardian = w.guardian
            _ = try await environment.storage.write { tx in try tx.trustedInvitations.revoke(grant, by: guardian.id, at: now) }
            #expect(try await w.isActive(token) == false)
            let teacher = try await base.account(.adult)
            try await base.staff(teacher, role: .teacher, teaching: [base.classes[0]])
            let staffToken = try await base.accessToken(for: teacher, session: nil).compact
            let staff = try await w.introspect(staffToken)
            #expect(staff.json["active"] as? Bool == true && staff.objects("staff").first?["role"] as? String == "teacher")
        }
    }
}
