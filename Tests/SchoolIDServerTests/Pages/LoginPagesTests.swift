import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct LoginPagesTests {
    @Test("the login page sets an HttpOnly SameSite=Strict login-CSRF cookie equal to the form's token")
    func loginCSRFCookie() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/login")
        #expect(page.status == 200)
        #expect(page.header("Cache-Control") == "no-store")
        let cookie = try #require(Browser.setCookie("schoolid_login_csrf", in: page))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/login"))
        #expect(!cookie.contains("Secure"))
        #expect(browser.cookies["schoolid_login_csrf"]?.value == Browser.csrfToken(in: page))
        #expect(page.bodyText.contains("<html lang=\"ru\">"))
        #expect(page.bodyText.contains(PageText.loginTitle.russian))
        try await fixture.server.stop()
    }

    @Test("POST /login without the login-CSRF cookie is refused with 403")
    func loginWithoutCookie() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/login")
        let token = try #require(Browser.csrfToken(in: page))
        let stranger = Browser(port: fixture.server.port)
        let refused = try await stranger.post("/login", form: [
            ("csrf_token", token), ("login", "teacher"), ("password", fixture.teacherPassword),
        ])
        #expect(refused.status == 403)
        #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
        #expect(Browser.setCookie("schoolid_session", in: refused) == nil)
        try await fixture.server.stop()
    }

    @Test("POST /login from another origin is refused with 403")
    func loginFromAnotherOrigin() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/login")
        let refused = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("login", "teacher"),
            ("password", fixture.teacherPassword),
        ], headers: [("Origin", "https://evil.example")])
        #expect(refused.status == 403)
        #expect(refused.bodyText.contains(ErrorCode.originNotAllowed.message(in: .russian)))
        try await fixture.server.stop()
    }

    @Test("Origin: null (a form on a no-referrer page) passes only with Sec-Fetch-Site: same-origin",
          arguments: [("same-origin", 303), ("cross-site", 403), (nil, 403)] as [(String?, Int)])
    func nullOrigin(fetchSite: String?, status: Int) async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/login")
        let response = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("login", "teacher"),
            ("password", fixture.teacherPassword),
        ], headers: [("Origin", "null")] + (fetchSite.map { [("Sec-Fetch-Site", $0)] } ?? []))
        #expect(response.status == status)
        try await fixture.server.stop()
    }

    @Test("a bootstrapped admin's first login goes through the change page and TOTP enrolment to a Lax HttpOnly session cookie")
    func firstLoginFlow() async throws {
        let fixture = try await PageFixture.start()
        let first = try await fixture.addStaff("admin", role: .platformAdmin, schoolID: nil)
        let browser = Browser(port: fixture.server.port)
        let form = try await browser.get("/login")
        let loggedIn = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "admin"), ("password", first),
        ])
        #expect(loggedIn.status == 303)
        #expect(loggedIn.header("Location") == "/password/change")
        let ticket = try #require(Browser.setCookie("schoolid_change_ticket", in: loggedIn))
        #expect(ticket.contains("Path=/password/change") && ticket.contains("HttpOnly") && ticket.contains("SameSite=Strict"))
        #expect(ticket.contains("Max-Age="))
        #expect(Browser.setCookie("schoolid_session", in: loggedIn) == nil)

        let change = try await browser.get("/password/change")
        #expect(change.status == 200)
        let mismatch = try await browser.post("/password/change", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: change))),
            ("new_password", PageFixture.newPassword), ("repeat_password", PageFixture.newPassword + "x"),
        ])
        #expect(mismatch.status == 400)
        #expect(mismatch.bodyText.contains(PageText.passwordMismatch.russian))

        let changed = try await browser.post("/password/change", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: change))),
            ("new_password", PageFixture.newPassword), ("repeat_password", PageFixture.newPassword),
        ])
        #expect(changed.status == 303)
        #expect(changed.header("Location") == "/login/enrol")
        #expect(Browser.setCookie("schoolid_change_ticket", in: changed)?.contains("Max-Age=0") == true)
        #expect(Browser.setCookie("schoolid_enrolment_ticket", in: changed) != nil)
        #expect(Browser.setCookie("schoolid_session", in: changed) == nil)
        let before = try await browser.get("/account")
        #expect(before.status == 303 && before.header("Location") == "/login")

        let enrolled = try await BrowserEnrolment.complete(browser, server: fixture.server)
        let session = try #require(Browser.setCookie("schoolid_session", in: enrolled.response))
        #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"))
        #expect(!session.contains("Secure"))

        let home = try await browser.get("/")
        #expect(home.status == 303)
        #expect(home.header("Location") == "/admin")  // a platform admin with no school role (issue 11)
        let account = try await browser.get("/account")
        #expect(account.bodyText.contains("admin"))
        try await fixture.server.stop()
    }

    @Test("a wrong password re-renders the form with 401, keeping the typed login escaped and never the password")
    func wrongPassword() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let form = try await browser.get("/login")
        let failed = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "teacher"),
            ("password", "not-the-password-\"<b>"),
        ])
        #expect(failed.status == 401)
        #expect(failed.bodyText.contains(ErrorCode.invalidCredentials.message(in: .russian)))
        #expect(failed.bodyText.contains("value=\"teacher\""))
        #expect(!failed.bodyText.contains("not-the-password"))
        try await fixture.server.stop()
    }

    @Test("a login typed with Cyrillic look-alike letters shows the layout hint")
    func cyrillicHint() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let form = try await browser.get("/login")
        let failed = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "тeacher"), ("password", "whatever-it-is"),
        ])
        #expect(failed.status == 400)
        #expect(failed.bodyText.contains(ErrorCode.loginCyrillicLookalike.message(in: .russian)))
        try await fixture.server.stop()
    }

    @Test("Accept-Language: en gives the English page and error texts")
    func english() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en-GB,en;q=0.9")
        let form = try await browser.get("/login")
        #expect(form.bodyText.contains("<html lang=\"en\">"))
        #expect(form.bodyText.contains(PageText.loginTitle.english))
        let failed = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "teacher"), ("password", "wrong-password-1"),
        ])
        #expect(failed.bodyText.contains(ErrorCode.invalidCredentials.message(in: .english)))
        try await fixture.server.stop()
    }

    @Test("pages that need a login answer 303 to /login without a session")
    func redirectsToLogin() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        for path in ["/", "/account", "/teacher", "/teacher/classes/\(fixture.schoolClass.id.rawValue)", "/password/change"] {
            let response = try await browser.get(path)
            #expect(response.status == 303, "\(path)")
            #expect(response.header("Location") == "/login", "\(path)")
        }
        try await fixture.server.stop()
    }

    @Test("logout needs the form's csrf_token, then closes the session and clears the cookie")
    func logout() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        let refused = try await browser.post("/logout", form: [])
        #expect(refused.status == 403)
        #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
        let account = try await browser.get("/account")
        let token = try #require(Browser.csrfToken(in: account))
        let session = try #require(browser.cookies["schoolid_session"]?.value)
        let out = try await browser.post("/logout", form: [("csrf_token", token)])
        #expect(out.status == 303)
        #expect(out.header("Location") == "/login")
        #expect(browser.cookies["schoolid_session"] == nil)
        let replay = Browser(port: fixture.server.port)
        let stale = try await replay.send("GET", "/account", contentType: nil, body: [],
                                          headers: [("Cookie", "schoolid_session=\(session)")])
        #expect(stale.status == 303)
        try await fixture.server.stop()
    }
}
