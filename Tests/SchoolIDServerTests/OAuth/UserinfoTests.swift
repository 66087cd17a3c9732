import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// `GET|POST /oauth/userinfo` (OpenID Connect Core §5.3, RFC 6750) through the real server.
@Suite struct UserinfoTests {
    func userinfo(_ w: IntrospectionWorld, _ method: String = "GET", bearer: String?, form: String? = nil) async throws
        -> APIResponse
    {
        try await APIClient(w.world.server).send(
            method, "/oauth/userinfo", body: Array((form ?? "").utf8),
            contentType: form == nil ? nil : "application/x-www-form-urlencoded",
            extraHeaders: bearer.map { [("Authorization", "Bearer " + $0)] } ?? [])
    }

    @Test("a Bearer token with openid gets sub and the current students, no-store, by GET or by POST form")
    func answers() async throws {
        try await IntrospectionWorld.run { w in
            let response = try await userinfo(w, bearer: w.access)
            #expect(response.status == 200 && response.header("Cache-Control") == "no-store")
            #expect(response.string("sub") == w.guardian.id.rawValue)
            let students = response.objects("students")
            #expect(students.count == 1 && students.first?["id"] as? String == w.child.id.rawValue)
            #expect(students.first?["relation"] as? String == "guardian" && response.json["staff"] == nil)
            let posted = try await userinfo(w, "POST", bearer: nil, form: "access_token=" + w.access)
            #expect(posted.status == 200 && posted.string("sub") == w.guardian.id.rawValue)
        }
    }

    @Test("no token, another scheme, a forged, revoked or expired token are 401 invalid_token with WWW-Authenticate")
    func invalidToken() async throws {
        try await IntrospectionWorld.run { w in
            let challenge = "Bearer realm=\"schoolid\", error=\"invalid_token\""
            for bearer in [nil, "garbage", w.access + "x"] {
                let response = try await userinfo(w, bearer: bearer)
                #expect(response.status == 401 && response.string("error") == "invalid_token")
                #expect(response.header("WWW-Authenticate") == challenge)
            }
            let basic = try await APIClient(w.world.server).send("GET", "/oauth/userinfo",
                                                                 extraHeaders: [("Authorization", "Basic eDp5")])
            #expect(basic.status == 401)
            _ = try await w.revoke(w.access)
            #expect(try await userinfo(w, bearer: w.access).status == 401)
        }
        try await IntrospectionWorld.run { w in
            w.world.server.clock.advance(seconds: 300)
            let expired = try await userinfo(w, bearer: w.access)
            #expect(expired.status == 401)
        }
    }

    @Test("a token without openid is 403 insufficient_scope; a token sent twice is 400 invalid_request")
    func scopeAndTwice() async throws {
        try await IntrospectionWorld.run(scope: "offline_access diary") { w in
            let response = try await userinfo(w, bearer: w.access)
            #expect(response.status == 403 && response.string("error") == "insufficient_scope")
            #expect(response.header("WWW-Authenticate")?.contains("error=\"insufficient_scope\"") == true)
            let twice = try await userinfo(w, "POST", bearer: w.access, form: "access_token=" + w.access)
            #expect(twice.status == 400 && twice.string("error") == "invalid_request")
        }
    }
}
