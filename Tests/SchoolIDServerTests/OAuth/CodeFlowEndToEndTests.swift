import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import SchoolIDVerifier
@testable import SchoolIDServer
import Testing

/// The code flow end to end on one real server: a browser logs a guardian in through
/// `/oauth/authorize`, allows the client, the client redeems the code at `/oauth/token`
/// with its secret and PKCE verifier, verifies the tokens with `SchoolIDVerifier`
/// (discovery, then JWKS), refreshes, and a replay of the code kills what it produced.
@Suite struct CodeFlowEndToEndTests {
    @Test("authorize, allow, redeem, verify through discovery, refresh; a replayed code revokes the family")
    func codeFlow() async throws {
        let fixture = try await AuthorizeFixture.start()
        let server = fixture.server
        let environment = server.application.environment
        let issued = try await ClientService(environment: environment).register(
            by: .commandLine,
            ClientRegistration(id: "diary-e2e", name: "Дневник", redirectURIs: [AuthorizeFixture.redirectURI],
                               scopes: ["openid", "offline_access", "diary"]),
            context: .commandLine(requestID: "e2e"))
        let secret = try #require(issued.secret?.unredacted)
        let child = try await Self.linkedChild(of: fixture.guardianID, in: environment, now: server.clock.now())

        let browser = Browser(port: server.port)
        let items = AuthorizeFixture.parameters("diary-e2e", [("scope", "openid offline_access diary")])
        let path = AuthorizeFixture.path(items)
        _ = try await fixture.login(browser, from: try #require(try await browser.get(path).header("Location")))
        _ = try await browser.get("/")
        let consent = try await browser.get(path)
        let allowed = try await browser.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: consent))), ("decision", "allow"),
        ] + items)
        let query = try AuthorizeFixture.query(of: try #require(allowed.header("Location")))
        #expect(query["iss"] == server.application.issuer && query["state"] == "st-42 ok")
        let code = try #require(query["code"])

        let form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", AuthorizeFixture.redirectURI),
                    ("code_verifier", AuthorizeFixture.verifier)]
        let tokens = try await Self.token(server, form, secret: secret)
        try #require(tokens.status == 200, "\(tokens.text)")
        let verifier = Verifier(configuration: {
            var configuration = VerifierConfiguration(issuer: server.application.issuer, audience: "diary-e2e",
                                                      clock: server.clock)
            configuration.clientID = "diary-e2e"
            return configuration
        }())
        let access = try await verifier.verifyAccessToken(try #require(tokens.string("access_token")))
        #expect(access.subject == fixture.guardianID.rawValue && access.clientID == "diary-e2e")
        #expect(access.students?.map(\.id) == [child.rawValue] && access.students?.first?.relation == .guardian)
        let id = try await verifier.verifyIDToken(try #require(tokens.string("id_token")), nonce: "n-0S6_WzA2Mj")
        #expect(id.subject == fixture.guardianID.rawValue && id.sessionID == access.sessionID)

        let refresh = try #require(tokens.string("refresh_token"))
        let refreshed = try await Self.token(server, [("grant_type", "refresh_token"), ("refresh_token", refresh)],
                                             secret: secret)
        #expect(refreshed.status == 200, "\(refreshed.text)")
        let successor = try #require(refreshed.string("refresh_token"))

        let replay = try await Self.token(server, form, secret: secret)
        #expect(replay.status == 400 && replay.string("error") == "invalid_grant")
        let dead = try await Self.token(server, [("grant_type", "refresh_token"), ("refresh_token", successor)],
                                        secret: secret)
        #expect(dead.string("error") == "invalid_grant")
        try await server.stop()
    }

    /// A student account actively linked to `guardianID`.
    static func linkedChild(of guardianID: Account.ID, in environment: ServiceEnvironment, now: UnixTime) async throws
        -> Account.ID
    {
        let student = Account(id: .random(using: environment.random), category: .student, login: nil,
                              profile: environment.random.bytes(count: 32), createdAt: now)
        let link = GuardianLink(id: .random(using: environment.random), guardianID: guardianID, studentID: student.id,
                                relation: .father, origin: .credentials, state: .active, createdAt: now, confirmedAt: now)
        try await environment.storage.write { tx in
            try tx.accounts.insert(student)
            try tx.guardianLinks.insert(link)
        }
        return student.id
    }

    /// `POST /oauth/token` with `client_secret_post`.
    static func token(_ server: TestServer, _ form: [(String, String)], secret: String) async throws -> APIResponse {
        let fields = form + [("client_id", "diary-e2e"), ("client_secret", secret)]
        let body = fields.map { TokenEndpointWorld.formEncode($0.0) + "=" + TokenEndpointWorld.formEncode($0.1) }
            .joined(separator: "&")
        return try await APIClient(server).send("POST", Routes.oauthToken, body: Array(body.utf8),
                                                contentType: "application/x-www-form-urlencoded")
    }
}
