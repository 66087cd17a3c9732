import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `prompt=select_account` with a session: the account-choice page, continuing with
/// the session, and switching to another account through the login page.
@Suite struct AuthorizeAccountChoiceTests {
    /// A logged-in browser and the choice page for a request with `prompt=select_account`.
    private static func choicePage(_ fixture: AuthorizeFixture, clientID: String = "diary-one",
                                   redirectURI: String = AuthorizeFixture.redirectURI)
        async throws -> (Browser, [(String, String)], TestResponse)
    {
        let browser = Browser(port: fixture.server.port)
        _ = try await fixture.login(browser)
        let items = AuthorizeFixture.parameters(clientID, redirectURI: redirectURI, [("prompt", "select_account")])
        let page = try await browser.get(AuthorizeFixture.path(items))
        return (browser, items, page)
    }

    @Test("with a session, select_account shows whose session it is and both choices, never cached")
    func page() async throws {
        let fixture = try await AuthorizeFixture.start()
        let (_, _, page) = try await Self.choicePage(fixture)
        #expect(page.status == 200)
        #expect(page.bodyText.contains(AuthorizePageText.accountChoiceTitle.russian))
        #expect(page.bodyText.contains(AuthorizeFixture.guardianLogin))
        #expect(page.bodyText.contains("name=\"decision\" value=\"continue\"")
            && page.bodyText.contains("name=\"decision\" value=\"switch\""))
        #expect(page.header("Cache-Control") == "no-store")
        #expect(page.header("Content-Security-Policy")?.contains("form-action 'self' https://diary.example;") == true)
        try await fixture.server.stop()
    }

    @Test("continue goes on with the request without select_account: the consent page for a third party")
    func continueToConsent() async throws {
        let fixture = try await AuthorizeFixture.start()
        let (browser, items, page) = try await Self.choicePage(fixture)
        let continued = try await browser.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("decision", "continue"),
        ] + items)
        #expect(continued.status == 303)
        let next = try #require(continued.header("Location"))
        #expect(next == AuthorizeFixture.path(AuthorizeFixture.parameters()))
        let consent = try await browser.get(next)
        #expect(consent.status == 200 && consent.bodyText.contains(AuthorizePageText.intro.russian))
        try await fixture.server.stop()
    }

    @Test("a first-party client gets its code right after continue")
    func continueFirstParty() async throws {
        let fixture = try await AuthorizeFixture.start()
        let (browser, items, page) = try await Self.choicePage(fixture, clientID: "portal-main",
                                                                redirectURI: "https://portal.example/cb?x=1")
        let continued = try await browser.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("decision", "continue"),
        ] + items)
        let issued = try await browser.get(try #require(continued.header("Location")))
        #expect(issued.status == 303 && issued.header("Location")?.hasPrefix("https://portal.example/cb?x=1&code=") == true)
        try await fixture.server.stop()
    }

    @Test("another account ends the session and returns to the request through the login page")
    func switchAccount() async throws {
        let fixture = try await AuthorizeFixture.start()
        let (browser, items, page) = try await Self.choicePage(fixture)
        let switched = try await browser.post(Routes.oauthAuthorizeDecision, form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("decision", "switch"),
        ] + items)
        let plain = AuthorizeFixture.path(AuthorizeFixture.parameters())
        #expect(switched.status == 303 && switched.header("Location") == "/login?return_to=" + AuthorizationResponse.encode(plain))
        #expect(Browser.setCookie("schoolid_session", in: switched)?.contains("Max-Age=0") == true)
        #expect(try await browser.get("/account").status == 303)
        try await fixture.server.stop()
    }

    @Test("the choice needs the session's CSRF token")
    func csrf() async throws {
        let fixture = try await AuthorizeFixture.start()
        let (browser, items, _) = try await Self.choicePage(fixture)
        let refused = try await browser.post(Routes.oauthAuthorizeDecision,
                                             form: [("csrf_token", "forged"), ("decision", "switch")] + items)
        #expect(refused.status == 403)
        #expect(try await browser.get("/account").status == 200)
        try await fixture.server.stop()
    }
}
