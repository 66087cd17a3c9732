import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The code flow's browser side through the real server: login and return, the consent
/// page with Allow/Deny and CSRF, the first-party skip, and the code as stored.
@Suite struct AuthorizeFlowTests {
    /// Follows a request without a session through the login page back to the
    /// authorization request; the answer to that request.
    private static func loginThrough(_ fixture: AuthorizeFixture, _ browser: Browser, _ path: String) async throws
        -> TestResponse
    {
        let first = try await browser.get(path)
        #expect(first.status == 303)
        let login = try #require(first.header("Location"))
        #expect(login == "/login?return_to=" + AuthorizationResponse.encode(path))
        _ = try await fixture.login(browser, from: login)
        AuthorizeFixture.expectContinues(try await browser.get("/"), to: path)
        return try await browser.get(path)
    }

    @Test("without a session the request goes to the login page and comes back to the consent page after it")
    func loginAndReturn() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await Self.loginThrough(fixture, browser, AuthorizeFixture.path(AuthorizeFixture.parameters(
            "diary-one", [("scope", "openid diary attendance offline_access")])))
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Дневник «Пятёрка»"))
        #expect(page.bodyText.contains(AuthorizePageText.intro.russian))
        #expect(page.bodyText.contains(FamilyPageText.serviceDiary.russian))
        #expect(page.bodyText.contains(FamilyPageText.serviceAttendance.russian))
        #expect(!page.bodyText.contains(FamilyPageText.serviceNutrition.russian))
        #expect(page.bodyText.contains(AuthorizePageText.offlineAccess.russian))
        #expect(page.header("Cache-Control") == "no-store")
        let csp = try #require(page.header("Content-Security-Policy"))
        #expect(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self' https://diary.example;"))
        // Once used, the return is forgotten: `/` leads home again.
        #expect(try await browser.get("/").header("Location") == "/account")
        try await fixture.server.stop()
    }

    @Test("the login page accepts only an authorization request as return_to")
    func returnToIsRestricted() {
        #expect(LoginReturnCookie.returnPath("/oauth/authorize?client_id=a&scope=openid%20diary") != nil)
        for bad in ["https://evil.example/oauth/authorize?x", "//evil.example/oauth/authorize?x", "/account",
                    "/oauth/authorize", "/oauth/authorizex?a", "/oauth/authorize?a b", "/oauth/authorize?a\"<x>",
                    "/oauth/authorize?a#frag", "/oauth/authorize?" + String(repeating: "a", count: 5000)] {
            #expect(LoginReturnCookie.returnPath(bad) == nil, "\(bad)")
        }
    }

    @Test("the login page ignores a return_to that is not an authorization request")
    func foreignReturnIgnored() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let form = try await browser.get("/login?return_to=https%3A%2F%2Fevil.example%2F")
        #expect(Browser.setCookie(LoginReturnCookie.name, in: form) == nil)
        _ = try await fixture.login(browser)
        #expect(try await browser.get("/").header("Location") == "/account")
        try await fixture.server.stop()
    }

    @Test("Allow redirects with code, state and iss, and stores the code's hash bound to client, redirect URI, PKCE, scope, nonce and session")
    func allowStoresCode() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let items = AuthorizeFixture.parameters()
        let page = try await Self.loginThrough(fixture, browser, AuthorizeFixture.path(items))
        let csrf = try #require(Browser.csrfToken(in: page))
        let allowed = try await browser.post(Routes.oauthAuthorizeDecision,
                                             form: [("csrf_token", csrf), ("decision", "allow")] + items)
        #expect(allowed.status == 303)
        let location = try #require(allowed.header("Location"))
        #expect(location.hasPrefix(AuthorizeFixture.redirectURI + "?code="))
        let query = try AuthorizeFixture.query(of: location)
        let code = try #require(query["code"])
        #expect(code.utf8.count == 43 && Base64URL.decode(code)?.count == 32)
        #expect(query["state"] == "st-42 ok")
        #expect(query["iss"] == fixture.server.application.issuer)
        #expect(allowed.header("Cache-Control") == "no-store")

        let environment = fixture.server.application.environment
        let stored = try #require(try await environment.storage.read { tx in
            try tx.authorizationCodes.code(hash: SHA256.hash(Array(code.utf8)))
        })
        let session = try #require(browser.cookies["schoolid_session"]?.value)
        let now = fixture.server.clock.now()
        #expect(stored.clientID == "diary-one")
        #expect(stored.accountID == fixture.guardianID)
        #expect(stored.redirectURI == AuthorizeFixture.redirectURI)
        #expect(stored.codeChallenge == AuthorizeFixture.challenge)
        #expect(stored.scope == "openid diary")
        #expect(stored.nonce == "n-0S6_WzA2Mj")
        #expect(stored.sessionTokenHash == SHA256.hash(Array(session.utf8)))
        #expect(stored.createdAt == now)
        #expect(stored.expiresAt == now.adding(seconds: environment.policies.tokens.authorizationCodeSeconds))
        #expect(stored.consumedAt == nil && stored.familyID.utf8.count == 22)

        let events = try await environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: fixture.guardianID, limit: 50))
        }
        let issued = events.filter { $0.action == .oauthCodeIssued }
        #expect(issued.count == 1)
        #expect(issued.first?.detail.contains("diary-one") == true)
        #expect(issued.first?.detail.contains(code) == false)
        try await fixture.server.stop()
    }

    @Test("the consent page shows a guardian the linked children the service will see")
    func guardianSeesChildren() async throws {
        let fixture = try await AuthorizeFixture.start()
        let guardians = GuardianFixture(server: fixture.server)
        let child = try await guardians.student(login: "g57260702", in: try await guardians.schoolClass())
        let environment = fixture.server.application.environment
        try await environment.storage.write { tx in
            try tx.guardianLinks.insert(GuardianLink(id: .random(using: environment.random), guardianID: fixture.guardianID,
                                                     studentID: child.id, relation: .mother, origin: .credentials,
                                                     state: .active, createdAt: environment.clock.now(),
                                                     confirmedAt: environment.clock.now()))
        }
        let browser = Browser(port: fixture.server.port)
        let page = try await Self.loginThrough(fixture, browser, AuthorizeFixture.path(AuthorizeFixture.parameters()))
        #expect(page.status == 200)
        #expect(page.bodyText.contains(AuthorizePageText.childrenHeading.russian))
        #expect(page.bodyText.contains("Петров Миша"))
        try await fixture.server.stop()
    }

    @Test("Deny redirects with access_denied and stores no code")
    func deny() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let items = AuthorizeFixture.parameters()
        let page = try await Self.loginThrough(fixture, browser, AuthorizeFixture.path(items))
        let denied = try await browser.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("decision", "deny"),
        ] + items)
        #expect(denied.status == 303)
        let query = try AuthorizeFixture.query(of: try #require(denied.header("Location")))
        #expect(query["error"] == "access_denied" && query["code"] == nil)
        #expect(query["state"] == "st-42 ok" && query["iss"] == fixture.server.application.issuer)
        let events = try await fixture.server.application.environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: fixture.guardianID, limit: 50))
        }
        #expect(!events.contains { $0.action == .oauthCodeIssued })
        try await fixture.server.stop()
    }

    @Test("the decision needs the session's CSRF token and re-validates the request's parameters")
    func decisionChecks() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        let items = AuthorizeFixture.parameters()
        let page = try await Self.loginThrough(fixture, browser, AuthorizeFixture.path(items))
        let csrf = try #require(Browser.csrfToken(in: page))
        let forged = try await browser.post(Routes.oauthAuthorizeDecision,
                                            form: [("csrf_token", "forged"), ("decision", "allow")] + items)
        #expect(forged.status == 403 && forged.header("Location") == nil)
        let missing = try await browser.post(Routes.oauthAuthorizeDecision, form: [("decision", "allow")] + items)
        #expect(missing.status == 403 && missing.header("Location") == nil)
        let tampered = AuthorizeFixture.parameters("diary-one", redirectURI: "https://evil.example/cb")
        let swapped = try await browser.post(Routes.oauthAuthorizeDecision,
                                             form: [("csrf_token", csrf), ("decision", "allow")] + tampered)
        #expect(swapped.status == 400 && swapped.header("Location") == nil)
        let widened = AuthorizeFixture.parameters("diary-one", [("scope", "openid nutrition")])
        let scoped = try await browser.post(Routes.oauthAuthorizeDecision,
                                            form: [("csrf_token", csrf), ("decision", "allow")] + widened)
        #expect(try AuthorizeFixture.query(of: try #require(scoped.header("Location")))["error"] == "invalid_scope")
        let doubled = try await browser.post(Routes.oauthAuthorizeDecision,
                                             form: [("csrf_token", csrf), ("decision", "allow")] + items + [("nonce", "x")])
        #expect(doubled.status == 400 && doubled.header("Location") == nil)
        let stranger = Browser(port: fixture.server.port)
        let anonymous = try await stranger.post(Routes.oauthAuthorizeDecision,
                                                form: [("csrf_token", csrf), ("decision", "allow")] + items)
        #expect(anonymous.status == 303 && anonymous.header("Location")?.hasPrefix("/login?return_to=") == true)
        try await fixture.server.stop()
    }

    @Test("a first-party client gets the code at once, keeping the query its redirect URI registered")
    func firstPartySkipsConsent() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        _ = try await fixture.login(browser)
        let items = AuthorizeFixture.parameters("portal-main", redirectURI: "https://portal.example/cb?x=1")
        let response = try await browser.get(AuthorizeFixture.path(items))
        #expect(response.status == 303)
        let location = try #require(response.header("Location"))
        #expect(location.hasPrefix("https://portal.example/cb?x=1&code="))
        #expect(try AuthorizeFixture.query(of: location)["iss"] == fixture.server.application.issuer)
        // prompt=consent shows the page even to a first-party client; prompt=none works with a session.
        let consent = try await browser.get(AuthorizeFixture.path(items + [("prompt", "consent")]))
        #expect(consent.status == 200 && consent.bodyText.contains("Портал школы"))
        let silent = try await browser.get(AuthorizeFixture.path(items + [("prompt", "none")]))
        #expect(try AuthorizeFixture.query(of: try #require(silent.header("Location")))["code"] != nil)
        try await fixture.server.stop()
    }

    @Test("prompt=none with a session but consent still due answers consent_required; prompt=login asks for the password again")
    func prompts() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port)
        _ = try await fixture.login(browser)
        let none = try await browser.get(AuthorizeFixture.path(AuthorizeFixture.parameters("diary-one", [("prompt", "none")])))
        #expect(try AuthorizeFixture.query(of: try #require(none.header("Location")))["error"] == "consent_required")
        let login = try await browser.get(AuthorizeFixture.path(AuthorizeFixture.parameters("diary-one", [("prompt", "login")])))
        let target = try #require(login.header("Location"))
        #expect(target == "/login?return_to=" + AuthorizationResponse.encode(AuthorizeFixture.path(AuthorizeFixture.parameters())))
        try await fixture.server.stop()
    }
}
