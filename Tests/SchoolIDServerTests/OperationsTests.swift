import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct OperationsTests {
    @Test("healthz answers with the standard security headers and a request id") func health() async throws {
        let server = try await TestServer()
        let response = try await fetch(server.url(Routes.health))
        try await server.stop()
        #expect(response.status == 200)
        #expect(response.json["status"] as? String == "ok")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Referrer-Policy") == "no-referrer")
        #expect(response.header("Cache-Control") == "no-store")
        #expect((response.header("X-Request-ID") ?? "").count >= 16)
    }

    @Test("readyz is ready when storage answers and token keys are loaded") func ready() async throws {
        let server = try await TestServer()
        let response = try await fetch(server.url(Routes.ready))
        try await server.stop()
        #expect(response.status == 200 && response.json["status"] as? String == "ready")
    }

    @Test("the JWKS fetched once verifies a token signed with the active key, offline") func jwksContract() async throws {
        let server = try await TestServer()
        let response = try await fetch(server.url(Routes.jwks))
        let key = try #require(server.application.keyring.snapshot.activeSigningKey(.token, algorithm: .ES256))
        try await server.stop()
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "public, max-age=3600")
        #expect(response.header("Content-Type") == "application/jwk-set+json")
        let keys = try KeySet(jwks: JSONDecoder().decode(JWKS.self, from: response.body))
        let now = UnixTime(seconds: 1_790_000_000)
        let token = try JWT.sign(JWTClaims(issuer: "https://id.example", subject: "acc_x", audience: ["diary"],
                                           expiresAt: now.adding(seconds: 300), issuedAt: now), type: "at+jwt", key: key)
        let verified = try JWT.verify(token, keys: keys, expectedType: "at+jwt", now: now, leeway: 0,
                                      issuer: "https://id.example", audience: "diary")
        #expect(verified.keyID == key.keyID)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("\"d\""))
    }

    @Test("metrics count requests by route template on loopback") func metrics() async throws {
        let server = try await TestServer()
        _ = try await fetch(server.url(Routes.health))
        _ = try await fetch(server.url("/no/such/path/12345"))
        let response = try await fetch(server.url(Routes.metrics))
        try await server.stop()
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(text.contains("schoolid_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"))
        #expect(text.contains("route=\"unmatched\""))
        #expect(!text.contains("12345"))
        #expect(text.contains("schoolid_http_open_connections"))
        #expect(text.contains("schoolid_pool_hashing_interactive_queued 0"))
    }

    @Test("metrics from a non-loopback client need the bearer token") func metricsToken() async throws {
        let server = try await TestServer { configuration in
            configuration.trustedProxies = [IPAddressRange("127.0.0.1")!]
            configuration.metricsToken = Secret("metrics-token-for-tests")
        }
        let forwarded = ["X-Forwarded-For": "203.0.113.7"]
        let denied = try await fetch(server.url(Routes.metrics), headers: forwarded)
        let allowed = try await fetch(server.url(Routes.metrics),
                                      headers: forwarded.merging(["Authorization": "Bearer metrics-token-for-tests"]) { $1 })
        try await server.stop()
        #expect(denied.status == 401 && denied.json["error"] as? String == "unauthorized")
        #expect(allowed.status == 200)
    }
}
