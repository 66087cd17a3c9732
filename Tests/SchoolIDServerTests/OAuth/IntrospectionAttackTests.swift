import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDJOSE
import SchoolIDTesting
import Testing

/// The JWT attack corpus (`Tests/Fixtures/jwt-attacks/corpus.json`, RFC 8725 §2–§3) run
/// through `POST /oauth/introspect` of the real server: each hostile token, built from a
/// token the server issued and re-signed with the server's own token key where the row
/// says so, reads `{"active": false}` and nothing else (RFC 7662 §2.2).
@Suite struct IntrospectionAttackTests {
    @Test("the untouched origins read active: every inactive answer below is the row's edit")
    func originsAreActive() async throws {
        try await IntrospectionWorld.run { w in
            let origins = try await Self.origins(w)
            for kind in ["access_token", "id_token"] {
                let token = try JWTAttackCorpus.Case.untouched.token(from: try #require(origins[kind]))
                let response = try await w.introspect(token)
                // An ID token is not an access token: even untouched it is inactive.
                #expect(response.json["active"] as? Bool == (kind == "access_token"), "\(kind): \(response.text)")
            }
        }
    }

    @Test("introspection answers {\"active\": false} alone to each attack", arguments: JWTAttackCorpus.cases)
    func introspectionRefuses(_ attack: JWTAttackCorpus.Case) async throws {
        try await IntrospectionWorld.run { w in
            let token = try attack.token(from: try #require(try await Self.origins(w)[attack.origin]))
            let response = try await w.introspect(token)
            #expect(response.status == 200 && response.header("Cache-Control") == "no-store", "\(response.text)")
            #expect(response.json.count == 1 && response.json["active"] as? Bool == false, "\(response.text)")
        }
    }

    /// The world's access token and a fresh ID token, with the server's key that signed each.
    static func origins(_ w: IntrospectionWorld) async throws -> [String: JWTAttackCorpus.Origin] {
        let code = try await w.world.code(for: w.guardian, session: w.session, clientID: "diary-one", scope: "openid diary")
        let granted = try await w.world.token(TokenEndpointWorld.codeForm(code), basic: w.one)
        let idToken = try #require(granted.string("id_token"), "\(granted.text)")
        let attacker = try SigningKey.generate(.ES256)
        let server = w.world.server
        var origins: [String: JWTAttackCorpus.Origin] = [:]
        for (kind, compact) in [("access_token", w.access), ("id_token", idToken)] {
            let unsigned = try JWTAttackCorpus.Origin(compact: compact, key: attacker, issuer: server.application.issuer,
                                                      now: server.clock.now(), attacker: attacker,
                                                      signer: { try $0.signature(for: $1) })
            let algorithm = try #require(unsigned.header["alg"]?.stringValue.flatMap(JWSAlgorithm.init(rawValue:)))
            var origin = unsigned
            origin.key = try #require(server.application.keyring.snapshot.activeSigningKey(.token, algorithm: algorithm))
            #expect(origin.header["kid"]?.stringValue == origin.key.keyID)
            origins[kind] = origin
        }
        return origins
    }
}
