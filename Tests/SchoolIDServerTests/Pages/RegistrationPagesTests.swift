import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct RegistrationPagesTests {
    @Test("GET /register renders the form with a CSRF token equal to a Strict cookie scoped to /register")
    func formHasCSRF() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/register")
        #expect(page.status == 200)
        let cookie = try #require(Browser.setCookie("schoolid_login_csrf", in: page))
        #expect(cookie.contains("Path=/register") && cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"))
        #expect(browser.cookies["schoolid_login_csrf"]?.value == Browser.csrfToken(in: page))
        #expect(page.bodyText.contains(RegistrationPageText.registerTitle.russian))
        #expect(page.bodyText.contains("name=\"phone\""))
        let login = try await browser.get("/login")
        #expect(login.bodyText.contains("href=\"/register\""))
        try await fixture.server.stop()
    }

    @Test("POST /register without the CSRF cookie is refused with 403 and starts nothing")
    func postWithoutCSRF() async throws {
        let fixture = try await PageFixture.start()
        let page = try await Browser(port: fixture.server.port).get("/register")
        let stranger = Browser(port: fixture.server.port)
        let refused = try await stranger.post("/register", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("last_name", "Иванова"), ("first_name", "Мария"),
            ("phone", "+79161234567"), ("password", "correct horse battery staple 42"),
            ("password_repeat", "correct horse battery staple 42"),
        ])
        #expect(refused.status == 403)
        #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
        try await fixture.server.stop()
    }

    @Test("the form with its cookie leads to the code page; mismatched passwords are shown as such")
    func formToCodePage() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        var fields = [("last_name", "Иванова"), ("first_name", "Мария"), ("phone", "+79161234567"),
                      ("password", "correct horse battery staple 42"), ("consent_version", "1")]
        let page = try await browser.get("/register")
        let mismatch = try await browser.post("/register", form: [("csrf_token", try #require(Browser.csrfToken(in: page)))]
            + fields + [("password_repeat", "something else entirely 42")])
        #expect(mismatch.status == 400)
        #expect(mismatch.bodyText.contains(RegistrationPageText.passwordMismatch.russian))
        fields.append(("password_repeat", "correct horse battery staple 42"))
        let started = try await browser.post("/register", form: [("csrf_token", try #require(Browser.csrfToken(in: mismatch)))]
            + fields)
        #expect(started.status == 303)
        let location = try #require(started.header("Location"))
        #expect(location.hasPrefix("/register/reg_"))
        let codePage = try await browser.get(location)
        #expect(codePage.status == 200 && codePage.bodyText.contains(RegistrationPageText.codeTitle.russian))
        let wrong = try await browser.post(location, form: [("csrf_token", try #require(Browser.csrfToken(in: codePage))),
                                                            ("code", "12")])
        #expect(wrong.status == 400 && wrong.bodyText.contains(ErrorCode.codeInvalid.message(in: .russian)))
        try await fixture.server.stop()
    }
}
