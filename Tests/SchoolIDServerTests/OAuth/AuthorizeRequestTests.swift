import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The authorization endpoint's refusals through the real server: an error page where
/// the client or redirect URI cannot be trusted, a redirect with `error`, `state` and
/// `iss` once they are (RFC 6749 §4.1.2.1, RFC 9207), and the discovery document.
@Suite struct AuthorizeRequestTests {
    @Test("discovery lists exactly the built endpoints under the issuer, S256 only and the iss parameter, cacheable for an hour")
    func discovery() async throws {
        let fixture = try await AuthorizeFixture.start()
        let issuer = fixture.server.application.issuer
        let response = try await fetch(fixture.server.url(Routes.openIDConfiguration))
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "public, max-age=3600")
        let json = response.json
        #expect(json["issuer"] as? String == issuer)
        #expect(json["authorization_endpoint"] as? String == issuer + "/oauth/authorize")
        #expect(json["token_endpoint"] as? String == issuer + "/oauth/token")
        #expect(json["jwks_uri"] as? String == issuer + "/.well-known/jwks.json")
        #expect(json["end_session_endpoint"] as? String == issuer + "/oauth/logout")
        #expect(json["response_types_supported"] as? [String] == ["code"])
        #expect(json["response_modes_supported"] as? [String] == ["query"])
        #expect(json["grant_types_supported"] as? [String] == ["authorization_code", "refresh_token", "client_credentials",
                                                             "urn:ietf:params:oauth:grant-type:token-exchange"])
        #expect(json["subject_types_supported"] as? [String] == ["public"])
        #expect((json["id_token_signing_alg_values_supported"] as? [String])?.first == "RS256")
        #expect(json["token_endpoint_auth_methods_supported"] as? [String] == ["client_secret_basic", "client_secret_post", "none"])
        #expect(json["code_challenge_methods_supported"] as? [String] == ["S256"])
        #expect(json["scopes_supported"] as? [String] == ["openid", "offline_access", "diary", "attendance", "nutrition"])
        #expect(json["authorization_response_iss_parameter_supported"] as? Bool == true)
        #expect(Set(json["claims_supported"] as? [String] ?? []).isSuperset(of: ["sid", "at_hash", "students", "staff",
                                                                                  "act", "fam"]))
        for flag in ["request_parameter_supported", "request_uri_parameter_supported", "claims_parameter_supported"] {
            #expect(json[flag] as? Bool == false, "\(flag)")
        }
        for unbuilt in ["registration_endpoint", "device_authorization_endpoint", "pushed_authorization_request_endpoint",
                        "check_session_iframe", "backchannel_logout_supported", "frontchannel_logout_supported"] {
            #expect(json[unbuilt] == nil, "\(unbuilt)")
        }
        try await fixture.server.stop()
    }

    @Test("a request whose client or redirect URI cannot be trusted gets a 400 error page, never a redirect", arguments: [
        ("duplicated parameter", [("state", "again")], "diary-one", AuthorizePageText.duplicatedParameter),
        ("missing client_id", [("client_id", nil)], "diary-one", .missingClientID),
        ("unknown client", [], "no-such-client", .unknownClient),
        ("disabled client", [], "old-diary", .unknownClient),
        ("missing redirect_uri", [("redirect_uri", nil)], "diary-one", .missingRedirectURI),
        ("redirect_uri not exactly registered", [("redirect_uri", AuthorizeFixture.redirectURI + "/")], "diary-one",
         .unregisteredRedirectURI),
        ("redirect_uri of another client", [("redirect_uri", "https://portal.example/cb?x=1")], "diary-one",
         .unregisteredRedirectURI),
        ("a client_credentials client has no redirect URI", [], "reports-cc", .unregisteredRedirectURI),
    ] as [(String, [(String, String?)], String, AuthorizePageText)])
    func errorPage(_ name: String, _ changes: [(String, String?)], _ clientID: String, _ text: AuthorizePageText)
        async throws
    {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        var items = AuthorizeFixture.parameters(clientID, changes.filter { $0.0 != "state" || $0.1 == nil })
        if changes.contains(where: { $0.0 == "state" && $0.1 != nil }) { items.append(("state", "again")) }
        let response = try await browser.get(AuthorizeFixture.path(items))
        #expect(response.status == 400, "\(name)")
        #expect(response.header("Location") == nil)
        #expect(response.bodyText.contains(text.russian))
        #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        try await fixture.server.stop()
    }

    @Test("after client and redirect URI are verified, a bad request redirects with error, state and iss", arguments: [
        ("diary-one", [("response_type", "token")], "unsupported_response_type"),
        ("diary-one", [("response_type", nil)], "invalid_request"),
        ("diary-one", [("code_challenge", nil)], "invalid_request"),
        ("diary-one", [("code_challenge_method", "plain")], "invalid_request"),
        ("diary-one", [("code_challenge_method", nil)], "invalid_request"),
        ("diary-one", [("code_challenge", "too-short")], "invalid_request"),
        ("diary-one", [("code_challenge", String(repeating: "*", count: 43))], "invalid_request"),
        ("diary-one", [("scope", "diary")], "invalid_request"),
        ("diary-one", [("scope", "openid nutrition")], "invalid_scope"),
        ("diary-one", [("scope", "openid payroll")], "invalid_scope"),
        ("diary-one", [("prompt", "none login")], "invalid_request"),
        ("diary-one", [("response_mode", "fragment")], "invalid_request"),
        ("diary-one", [("request", "eyJhbGciOiJub25lIn0.e30.")], "request_not_supported"),
        ("diary-one", [("request_uri", "https://diary.example/r")], "request_uri_not_supported"),
        ("diary-one", [("prompt", "none")], "login_required"),
    ] as [(String, [(String, String?)], String)])
    func redirectedError(_ clientID: String, _ changes: [(String, String?)], _ error: String) async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let response = try await browser.get(AuthorizeFixture.path(AuthorizeFixture.parameters(clientID, changes)))
        #expect(response.status == 303)
        let location = try #require(response.header("Location"))
        #expect(location.hasPrefix(AuthorizeFixture.redirectURI + "?"))
        let query = try AuthorizeFixture.query(of: location)
        #expect(query["error"] == error, "\(changes)")
        #expect(query["error_description"]?.isEmpty == false)
        #expect(query["state"] == "st-42 ok")
        #expect(query["iss"] == fixture.server.application.issuer)
        #expect(query["code"] == nil)
        #expect(response.header("Cache-Control") == "no-store")
        try await fixture.server.stop()
    }

    @Test("a query that does not decode to UTF-8 gets the error page")
    func malformedQuery() async throws {
        let fixture = try await AuthorizeFixture.start()
        let response = try await Browser(port: fixture.server.port).get(Routes.oauthAuthorize + "?client_id=%C3%28")
        #expect(response.status == 400 && response.header("Location") == nil)
        #expect(response.bodyText.contains(AuthorizePageText.malformedRequest.russian))
        try await fixture.server.stop()
    }
}
