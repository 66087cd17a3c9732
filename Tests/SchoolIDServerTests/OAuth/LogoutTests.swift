import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/oauth/logout` (OpenID Connect RP-Initiated Logout 1.0) through the real server: a
/// browser signs in at a diary service, which then sends it to the end-session endpoint.
@Suite struct LogoutTests {
    @Test("a hint naming the browser's session ends it at once: redirect with state, refresh token dead, audited")
    func hintEndsSession() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port)
        let tokens = try await fixture.signIn(browser)
        let response = try await browser.get(LogoutFixture.path([
            ("id_token_hint", tokens.idToken), ("post_logout_redirect_uri", LogoutFixture.postLogoutURI),
            ("state", "bye 1"),
        ]))
        #expect(response.status == 303)
        #expect(response.header("Location") == LogoutFixture.postLogoutURI + "?state=bye%201")
        #expect(Browser.setCookies(response).contains { $0.contains("Max-Age=0") })
        #expect(try await LogoutFixture.signedIn(browser) == false)
        let refreshed = try await fixture.refresh(tokens.refreshToken)
        #expect(refreshed.status == 400 && refreshed.string("error") == "invalid_grant")
        let events = try await fixture.events(.oauthLogout)
        #expect(events.count == 1 && events.first?.actorID == fixture.base.guardianID)
        #expect(events.first?.detail.contains(LogoutFixture.clientID) == true)
        try await fixture.server.stop()
    }

    @Test("an expired id_token_hint still names the session (RP-Initiated Logout §2); without a URI the signed-out page follows")
    func expiredHint() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        let tokens = try await fixture.signIn(browser)
        fixture.server.clock.advance(seconds: fixture.environment.policies.tokens.idTokenSeconds + 60)
        let response = try await browser.get(LogoutFixture.path([("id_token_hint", tokens.idToken)]))
        #expect(response.status == 303 && response.header("Location") == Routes.oauthLogout)
        let page = try await browser.get(Routes.oauthLogout)
        #expect(page.status == 200 && page.bodyText.contains("You are signed out of SchoolID"))
        #expect(try await fixture.refresh(tokens.refreshToken).string("error") == "invalid_grant")
        try await fixture.server.stop()
    }

    @Test("a refused request gets an error page, never a redirect, and the session stays", arguments: [
        ("unregistered post-logout URI", [("post_logout_redirect_uri", "https://evil.example/")], true),
        ("a URI without a client", [("post_logout_redirect_uri", LogoutFixture.postLogoutURI)], false),
        ("client_id not the hint's audience", [("client_id", "diary-one")], true),
        ("an unknown client", [("client_id", "no-such-client")], false),
        ("a disabled client", [("client_id", "old-diary")], false),
        ("a repeated parameter", [("state", "a"), ("state", "b")], true),
    ])
    func refused(_ label: String, _ items: [(String, String)], withHint: Bool) async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port)
        let tokens = try await fixture.signIn(browser)
        let response = try await browser.get(LogoutFixture.path((withHint ? [("id_token_hint", tokens.idToken)] : []) + items))
        #expect(response.status == 400, "\(label)")
        #expect(response.header("Location") == nil)
        #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        #expect(try await LogoutFixture.signedIn(browser))
        #expect(try await fixture.refresh(tokens.refreshToken).status == 200)
        try await fixture.server.stop()
    }

    @Test("a forged hint (a foreign key) proves nothing: the person is asked, nothing ends")
    func forgedHint() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        let tokens = try await fixture.signIn(browser)
        let forged = try LogoutFixture.forged(tokens.idToken)
        let response = try await browser.get(LogoutFixture.path([("id_token_hint", forged)]))
        #expect(response.status == 200 && response.bodyText.contains("Sign out of SchoolID?"))
        #expect(try await LogoutFixture.signedIn(browser))
        #expect(try await fixture.refresh(tokens.refreshToken).status == 200)
        #expect(try await fixture.events(.oauthLogout).isEmpty)
        try await fixture.server.stop()
    }

    @Test("without a hint the person confirms: a POST without the CSRF token is refused, with it the session ends")
    func confirmation() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        let tokens = try await fixture.signIn(browser)
        let items = [("client_id", LogoutFixture.clientID), ("post_logout_redirect_uri", LogoutFixture.postLogoutURI),
                     ("state", "s<1>")]
        let page = try await browser.get(LogoutFixture.path(items))
        #expect(page.status == 200 && page.bodyText.contains("Sign out of SchoolID?"))
        #expect(page.bodyText.contains("value=\"s&lt;1&gt;\""))
        #expect(page.header("Content-Security-Policy")?.contains("form-action 'self' https://diary.example") == true)
        let csrf = try #require(Browser.csrfToken(in: page))

        let forged = try await browser.post(Routes.oauthLogout, form: [("confirm", "1")] + items)
        #expect(forged.status == 403)
        #expect(try await LogoutFixture.signedIn(browser))
        let wrong = try await browser.post(Routes.oauthLogout, form: [("confirm", "1"), ("csrf_token", csrf + "x")] + items)
        #expect(wrong.status == 403)

        let confirmed = try await browser.post(Routes.oauthLogout, form: [("csrf_token", csrf), ("confirm", "1")] + items)
        #expect(confirmed.status == 303)
        #expect(confirmed.header("Location") == LogoutFixture.postLogoutURI + "?state=s%3C1%3E")
        #expect(try await LogoutFixture.signedIn(browser) == false)
        #expect(try await fixture.refresh(tokens.refreshToken).string("error") == "invalid_grant")
        try await fixture.server.stop()
    }

    @Test("a hint for another session of the same person asks instead of ending this one")
    func hintForAnotherSession() async throws {
        let fixture = try await LogoutFixture.start()
        let first = Browser(port: fixture.server.port, acceptLanguage: "en")
        let second = Browser(port: fixture.server.port, acceptLanguage: "en")
        let old = try await fixture.signIn(first)
        let current = try await fixture.signIn(second)
        let response = try await second.get(LogoutFixture.path([("id_token_hint", old.idToken)]))
        #expect(response.status == 200 && response.bodyText.contains("Sign out of SchoolID?"))
        #expect(try await fixture.refresh(old.refreshToken).status == 200)
        #expect(try await fixture.refresh(current.refreshToken).status == 200)
        try await fixture.server.stop()
    }

    @Test("without a browser session: the redirect for a verified client and URI, else the signed-out page")
    func noSession() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        let redirected = try await browser.get(LogoutFixture.path([
            ("client_id", LogoutFixture.clientID), ("post_logout_redirect_uri", LogoutFixture.postLogoutURI),
            ("state", "x"), ("ui_locales", "ru en"),
        ]))
        #expect(redirected.status == 303 && redirected.header("Location") == LogoutFixture.postLogoutURI + "?state=x")
        let page = try await browser.get(LogoutFixture.path([("ui_locales", "fr ru")]))
        #expect(page.status == 200 && page.bodyText.contains("Вы вышли из SchoolID"))
        #expect(page.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        try await fixture.server.stop()
    }

    @Test("discovery names the end-session endpoint under the issuer")
    func discovery() async throws {
        let fixture = try await LogoutFixture.start()
        let metadata = try await APIClient(fixture.server).send("GET", Routes.openIDConfiguration)
        #expect(metadata.string("end_session_endpoint") == fixture.server.application.issuer + Routes.oauthLogout)
        try await fixture.server.stop()
    }
}
