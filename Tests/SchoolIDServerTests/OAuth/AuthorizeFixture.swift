import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// A running server with clients registered through ``ClientService`` (as the CLI
/// does) and an adult who logs in through the pages, for the authorization endpoint.
struct AuthorizeFixture {
    let server: TestServer
    let guardianID: Account.ID
    static let guardianLogin = "anna.petrova"
    static let guardianPassword = "harbour-lilac-compass-2231"
    static let redirectURI = "https://diary.example/callback"
    /// RFC 7636 Appendix B: the verifier and its S256 challenge.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    /// Clients: `diary-one` (third-party, diary and attendance), `portal-main`
    /// (first-party), `reports-cc` (confidential, `client_credentials` only, so no
    /// redirect URI) and
    /// `old-diary` (disabled).
    static func start() async throws -> AuthorizeFixture {
        let server = try await TestServer()
        let environment = server.application.environment
        let clients = ClientService(environment: environment)
        let cli = RequestContext.commandLine(requestID: "test")
        let registrations = [
            ClientRegistration(id: "diary-one", name: "Дневник «Пятёрка»", redirectURIs: [redirectURI],
                               scopes: ["openid", "offline_access", "diary", "attendance"]),
            ClientRegistration(id: "portal-main", name: "Портал школы", redirectURIs: ["https://portal.example/cb?x=1"],
                               scopes: ["openid", "diary"], firstParty: true),
            ClientRegistration(id: "reports-cc", name: "Отчёты", grants: ["client_credentials"], scopes: ["openid", "diary"]),
            ClientRegistration(id: "old-diary", name: "Старый дневник", redirectURIs: [redirectURI], scopes: ["openid"]),
        ]
        for registration in registrations {
            _ = try await clients.register(by: .commandLine, registration, context: cli)
        }
        _ = try await clients.disable(by: .commandLine, id: try OAuthClient.ID(parsing: "old-diary"), context: cli)
        let guardianID = try await AdultAccount.create(in: environment, login: guardianLogin, password: guardianPassword)
        return AuthorizeFixture(server: server, guardianID: guardianID)
    }

    /// A complete valid request for `clientID`, with `changes` replacing or adding
    /// parameters (a `nil` value removes one).
    static func parameters(_ clientID: String = "diary-one", redirectURI: String = redirectURI,
                           _ changes: [(String, String?)] = []) -> [(String, String)]
    {
        var items: [(String, String)] = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
            ("scope", "openid diary"), ("state", "st-42 ok"), ("nonce", "n-0S6_WzA2Mj"),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        for (name, value) in changes {
            items.removeAll { $0.0 == name }
            if let value { items.append((name, value)) }
        }
        return items
    }

    /// `/oauth/authorize?…` for `items`.
    static func path(_ items: [(String, String)]) -> String {
        Routes.oauthAuthorize + "?" + items.map { AuthorizationResponse.encode($0.0) + "=" + AuthorizationResponse.encode($0.1) }
            .joined(separator: "&")
    }

    /// The decoded query of a `Location`, first value per name.
    static func query(of location: String) throws -> [String: String] {
        let components = try #require(URLComponents(string: location))
        var result: [String: String] = [:]
        for item in components.queryItems ?? [] where result[item.name] == nil { result[item.name] = item.value ?? "" }
        return result
    }

    /// Logs the guardian in through `/login` (no second factor): the browser then
    /// holds a session cookie.
    func login(_ browser: Browser, from loginPath: String = "/login") async throws -> TestResponse {
        let form = try await browser.get(loginPath)
        #expect(form.status == 200)
        let loggedIn = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", Self.guardianLogin),
            ("password", Self.guardianPassword),
        ])
        #expect(loggedIn.status == 303 && loggedIn.header("Location") == "/")
        return loggedIn
    }

    /// Expects `home` (`GET /` after the login) to be the page that refreshes to `path`,
    /// not a redirect: the login form's POST must not end at another origin (CSP
    /// `form-action 'self'`), and the return cookie is cleared.
    static func expectContinues(_ home: TestResponse, to path: String) {
        let escaped = path.replacingOccurrences(of: "&", with: "&amp;")
        #expect(home.status == 200 && home.header("Location") == nil)
        #expect(home.bodyText.contains("<meta http-equiv=\"refresh\" content=\"0;url=\(escaped)\">"))
        #expect(home.bodyText.contains("<a href=\"\(escaped)\">"))
        #expect(Browser.setCookie(LoginReturnCookie.name, in: home)?.contains("Max-Age=0") == true)
    }
}
