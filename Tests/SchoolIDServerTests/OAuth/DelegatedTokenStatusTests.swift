import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// A delegated token (token exchange) through introspection: active while the actor's
/// grant for the student holds, inactive once it ends or the family it came from is revoked.
@Suite struct DelegatedTokenStatusTests {
    @Test("introspection calls a delegated token active with its act, and inactive after the link ends")
    func unlinking() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            let link = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let delegated = try await Self.exchange(world, subject, for: child, secret: secret)
            let active = try await world.post("/oauth/introspect", [("token", delegated)], basic: ("diary-one", secret))
            #expect(active.json["active"] as? Bool == true && active.json["sub"] as? String == child.id.rawValue)
            #expect((active.json["act"] as? [String: Any])?["sub"] as? String == guardian.id.rawValue)

            let now = world.base.now
            try await world.environment.storage.write { tx in
                _ = try tx.guardianLinks.transition(link, from: .active, to: .ended, at: now, by: guardian.id)
            }
            let ended = try await world.post("/oauth/introspect", [("token", delegated)], basic: ("diary-one", secret))
            #expect(ended.json["active"] as? Bool == false && ended.json.count == 1)
        }
    }

    @Test("a delegated token carries its subject token's family, so revoking the refresh token ends it too")
    func family() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            _ = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let code = try await world.code(for: guardian, session: session, clientID: "diary-one",
                                            scope: "openid offline_access diary")
            let tokens = try await world.token(TokenEndpointWorld.codeForm(code), basic: ("diary-one", secret))
            let subject = try #require(tokens.string("access_token")), refresh = try #require(tokens.string("refresh_token"))
            let delegated = try await Self.exchange(world, subject, for: child, secret: secret)
            let revoked = try await world.post("/oauth/revoke", [("token", refresh)], basic: ("diary-one", secret))
            #expect(revoked.status == 200)
            for token in [subject, delegated] {
                let answer = try await world.post("/oauth/introspect", [("token", token)], basic: ("diary-one", secret))
                #expect(answer.json["active"] as? Bool == false)
            }
        }
    }

    static func exchange(_ world: TokenEndpointWorld, _ subject: String, for child: Account, secret: String) async throws
        -> String
    {
        let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                             basic: ("diary-one", secret))
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.string("access_token"))
    }
}
