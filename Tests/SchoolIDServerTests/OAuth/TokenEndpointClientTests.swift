import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Client authentication and request syntax at `POST /oauth/token` (RFC 6749 §2.3.1,
/// §3.2, §5.2).
@Suite struct TokenEndpointClientTests {
    static let credentials = [("grant_type", "client_credentials")]

    @Test("Basic credentials are form-decoded; a wrong secret is 401 invalid_client with WWW-Authenticate")
    func basic() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let ok = try await world.token(Self.credentials, basic: ("diary-one", secret))
            #expect(ok.status == 200, "\(ok.text)")
            let wrong = try await world.token(Self.credentials, basic: ("diary-one", secret + "x"))
            #expect(wrong.status == 401 && wrong.string("error") == "invalid_client")
            #expect(wrong.header("WWW-Authenticate") == "Basic realm=\"schoolid\"")
            let malformed = try await APIClient(world.server).send(
                "POST", "/oauth/token", body: Array("grant_type=client_credentials".utf8),
                contentType: "application/x-www-form-urlencoded", extraHeaders: [("Authorization", "Basic !!!")])
            #expect(malformed.status == 401 && malformed.header("WWW-Authenticate") != nil)
        }
    }

    @Test("a wrong post secret, an unknown client or a confidential client without secret is 401 without WWW-Authenticate",
          arguments: [[("client_id", "diary-one"), ("client_secret", "nope")], [("client_id", "nobody"), ("client_secret", "x")],
                      [("client_id", "diary-one")], []])
    func post(_ authentication: [(String, String)]) async throws {
        try await TokenEndpointWorld.run { world in
            try await world.client("diary-one")
            let response = try await world.token(Self.credentials + authentication)
            #expect(response.status == 401 && response.string("error") == "invalid_client", "\(response.text)")
            #expect(response.header("WWW-Authenticate") == nil)
        }
    }

    @Test("Basic and client_secret together, a repeated parameter, a JSON body or a missing grant_type are invalid_request")
    func invalidRequest() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one"))
            let both = try await world.token(Self.credentials + [("client_secret", secret)], basic: ("diary-one", secret))
            #expect(both.status == 400 && both.string("error") == "invalid_request")
            let repeated = try await world.token(Self.credentials + Self.credentials, basic: ("diary-one", secret))
            #expect(repeated.string("error") == "invalid_request")
            let json = try await world.token(Self.credentials, basic: ("diary-one", secret), contentType: "application/json")
            #expect(json.string("error") == "invalid_request")
            let missing = try await world.token([("scope", "diary")], basic: ("diary-one", secret))
            #expect(missing.string("error") == "invalid_request")
        }
    }

    @Test("an unknown grant type is unsupported_grant_type; a grant the client lacks is unauthorized_client")
    func grants() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try #require(try await world.client("diary-one", grants: ["authorization_code"]))
            let unknown = try await world.token([("grant_type", "password")], basic: ("diary-one", secret))
            #expect(unknown.status == 400 && unknown.string("error") == "unsupported_grant_type")
            let lacking = try await world.token(Self.credentials, basic: ("diary-one", secret))
            #expect(lacking.status == 400 && lacking.string("error") == "unauthorized_client")
        }
    }
}
