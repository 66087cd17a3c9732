import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// RP-initiated logout's world: ``AuthorizeFixture``'s server and guardian, plus the
/// first-party client `diary-out` with a registered post-logout URI, whose tokens a
/// browser obtains through the real authorize and token endpoints.
struct LogoutFixture {
    static let clientID = "diary-out"
    static let postLogoutURI = "https://diary.example/signed-out"

    let base: AuthorizeFixture
    let secret: String
    var server: TestServer { base.server }
    var environment: ServiceEnvironment { server.application.environment }

    /// The tokens one sign-in at `diary-out` produced.
    struct Tokens {
        let idToken: String
        let refreshToken: String
    }

    static func start() async throws -> LogoutFixture {
        let base = try await AuthorizeFixture.start()
        let issued = try await ClientService(environment: base.server.application.environment).register(
            by: .commandLine,
            ClientRegistration(id: clientID, name: "Дневник «Выход»", redirectURIs: [AuthorizeFixture.redirectURI],
                               postLogoutRedirectURIs: [postLogoutURI], scopes: ["openid", "offline_access", "diary"],
                               firstParty: true),
            context: .commandLine(requestID: "logout"))
        return LogoutFixture(base: base, secret: try #require(issued.secret?.unredacted))
    }

    /// Logs the guardian in with `browser` (a new browser session) and signs in at
    /// `diary-out`: authorize (first-party, no consent), then the code at the token endpoint.
    func signIn(_ browser: Browser) async throws -> Tokens {
        _ = try await base.login(browser)
        let items = AuthorizeFixture.parameters(Self.clientID, [("scope", "openid offline_access diary")])
        let authorized = try await browser.get(AuthorizeFixture.path(items))
        let location = try #require(authorized.header("Location"))
        let code = try #require(try AuthorizeFixture.query(of: location)["code"])
        let tokens = try await token([("grant_type", "authorization_code"), ("code", code),
                                      ("redirect_uri", AuthorizeFixture.redirectURI),
                                      ("code_verifier", AuthorizeFixture.verifier)])
        try #require(tokens.status == 200, "\(tokens.text)")
        return Tokens(idToken: try #require(tokens.string("id_token")),
                      refreshToken: try #require(tokens.string("refresh_token")))
    }

    /// The refresh grant for `refreshToken`: 200, or 400 `invalid_grant` once revoked.
    func refresh(_ refreshToken: String) async throws -> APIResponse {
        try await token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    /// `POST /oauth/token` as `diary-out` (`client_secret_post`).
    func token(_ form: [(String, String)]) async throws -> APIResponse {
        let fields = form + [("client_id", Self.clientID), ("client_secret", secret)]
        let body = fields.map { TokenEndpointWorld.formEncode($0.0) + "=" + TokenEndpointWorld.formEncode($0.1) }
            .joined(separator: "&")
        return try await APIClient(server).send("POST", Routes.oauthToken, body: Array(body.utf8),
                                                contentType: "application/x-www-form-urlencoded")
    }

    /// `/oauth/logout?…` for `items`.
    static func path(_ items: [(String, String)]) -> String {
        Routes.oauthLogout + "?" + items.map { AuthorizationResponse.encode($0.0) + "=" + AuthorizationResponse.encode($0.1) }
            .joined(separator: "&")
    }

    /// `idToken`'s claims re-signed by a key SchoolID never published.
    static func forged(_ idToken: String) throws -> String {
        let payload = try #require(Base64URL.decode(String(idToken.split(separator: ".")[1])))
        let claims = try JWTClaims(jsonBytes: payload)
        return try JWT.sign(claims, type: TokenIssuer.idTokenType, key: try SigningKey.generate(.ES256))
    }

    /// Whether the browser's session still opens `/account`.
    static func signedIn(_ browser: Browser) async throws -> Bool {
        try await browser.get(Routes.accountPage).status == 200
    }

    /// The audit events of `action`.
    func events(_ action: AuditAction) async throws -> [AuditEvent] {
        try await environment.storage.read { tx in try tx.audit.events(AuditQuery(limit: 500)) }.filter { $0.action == action }
    }
}
