import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// The failure limit of OAuth client authentication: per client id and per address.
@Suite struct ClientAuthenticationThrottleTests {
    @Test("ten failures of one client id trip the limit once; it lifts as the window passes")
    func perClient() {
        let clock = ManualClock()
        let throttle = ClientAuthenticationThrottle(clock: clock)
        let trips = (0..<10).compactMap { index in throttle.recordFailure(clientID: "diary", address: "10.0.0.\(index)") }
        #expect(trips == ["client_id"])
        #expect(throttle.retryAfter(clientID: "diary", address: "10.0.0.99") == 6)
        #expect(throttle.retryAfter(clientID: "other", address: "10.0.0.99") == nil)
        clock.advance(by: .seconds(6))
        #expect(throttle.retryAfter(clientID: "diary", address: "10.0.0.99") == nil)
    }

    @Test("twenty failures from one address over many client ids trip the address limit")
    func perAddress() {
        let clock = ManualClock()
        let throttle = ClientAuthenticationThrottle(clock: clock)
        let trips = (0..<20).compactMap { index in throttle.recordFailure(clientID: "c\(index)", address: "10.0.0.1") }
        #expect(trips == ["address"])
        #expect(throttle.retryAfter(clientID: "fresh", address: "10.0.0.1") == 3)
        clock.advance(by: .seconds(60))
        #expect(throttle.retryAfter(clientID: "fresh", address: "10.0.0.1") == nil)
    }

    @Test("through the server: the 11th attempt is 429 with Retry-After, a correct secret too, at every endpoint; audited once; a minute later it lifts")
    func server() async throws {
        try await IntrospectionWorld.run { w in
            // The window runs on the server's (manual) clock: however slowly a loaded
            // machine answers, it ends only when the test advances it.
            for _ in 0..<10 {
                #expect(try await w.introspect(w.access, as: ("diary-one", "wrong")).status == 401)
            }
            for response in [try await w.introspect(w.access), try await w.revoke(w.access),
                             try await w.world.token(TokenEndpointWorld.refreshForm(w.refresh), basic: w.one)]
            {
                #expect(response.status == 429 && response.string("error") == "invalid_client")
                #expect(response.string("error_description") == "too many failed client authentications")
                #expect(Int(response.header("Retry-After") ?? "") ?? 0 >= 1)
            }
            #expect(try await w.world.auditActions().filter { $0 == "oauth.client_auth_throttled" }.count == 1)
            let two = try #require(try await w.world.client("diary-two"))
            #expect(try await w.introspect(w.access, as: ("diary-two", two)).status == 200)
            w.world.server.clock.advance(seconds: 60)
            #expect(try await w.introspect(w.access).status == 200)
        }
    }
}
