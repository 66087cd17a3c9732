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

/// The whole page journey with the fake SMS gateway and SMTP server: the SMS code, then
/// the emailed code and its landing.
@Suite struct RegistrationEmailPageTests {
    @Test("after the SMS code a registration with an email lands on the email-code page; the emailed code confirms the address")
    func emailLanding() async throws {
        try await DeliveryWorld.run { world in
            let browser = Browser(port: world.server.port)
            let form = try await browser.get("/register")
            let started = try await browser.post("/register", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("last_name", "Иванова"),
                ("first_name", "Мария"), ("phone", "+79161234567"), ("email", "parent@example.ru"),
                ("login", "maria.ivanova"), ("password", RegistrationClient.password),
                ("password_repeat", RegistrationClient.password), ("consent_version", "1"),
            ])
            let codePath = try #require(started.header("Location"))
            let codePage = try await browser.get(codePath)
            let sms = try await world.sms(to: "+79161234567")
            let confirmed = try await browser.post(codePath, form: [
                ("csrf_token", try #require(Browser.csrfToken(in: codePage))),
                ("code", try #require(DeliveryWorld.code(in: sms.text))),
            ])
            #expect(confirmed.status == 303 && confirmed.header("Location") == codePath + "/email")

            let emailPage = try await browser.get(codePath + "/email")
            #expect(emailPage.status == 200 && emailPage.bodyText.contains(RegistrationPageText.emailCodeTitle.russian))
            let token = try #require(Browser.csrfToken(in: emailPage))
            let wrong = try await browser.post(codePath + "/email", form: [("csrf_token", token), ("code", "000000")])
            #expect(wrong.status == 400 && wrong.bodyText.contains(ErrorCode.codeInvalid.message(in: .russian)))
            let withoutToken = try await browser.post(codePath + "/email", form: [("code", "000000")])
            #expect(withoutToken.status == 403)

            let mail = try await world.email(to: "parent@example.ru")
            let landing = try await browser.post(codePath + "/email", form: [
                ("csrf_token", token), ("code", try #require(DeliveryWorld.code(in: mail.body))),
            ])
            #expect(landing.status == 200 && landing.bodyText.contains(RegistrationPageText.emailConfirmedTitle.russian))
            let login = try Login(parsing: "maria.ivanova")
            let account = try #require(try await world.server.application.storage.read { tx in try tx.accounts.account(login: login) })
            let contacts = try await world.server.application.storage.read { tx in try tx.contacts.contacts(of: account.id) }
            #expect(contacts.allSatisfy { $0.verifiedAt != nil } && contacts.count == 2)
        }
    }
}
