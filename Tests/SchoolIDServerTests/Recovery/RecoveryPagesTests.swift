import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The `/recover…` pages, driven like a browser (cookies, CSRF tokens, redirects).
@Suite struct RecoveryPagesTests {
    @Test("the login page links to both problems, and /recover offers both")
    func entry() async throws {
        try await RecoveryFixture.run { fixture in
            let browser = Browser(port: fixture.world.server.port)
            let login = try await browser.get("/login")
            #expect(login.bodyText.contains("href=\"/recover/login\""))
            #expect(login.bodyText.contains("href=\"/recover/password\""))
            #expect(login.bodyText.contains(PageText.forgotPasswordLink.russian))
            let choose = try await browser.get("/recover")
            #expect(choose.status == 200)
            #expect(choose.bodyText.contains(RecoveryPageText.forgotLoginChoice.russian))
            #expect(choose.bodyText.contains(RecoveryPageText.forgotPasswordChoice.russian))
        }
    }

    @Test("forgot password through the pages: identifier, 303 to the flow page, code and new password, then login")
    func passwordThroughPages() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            let browser = Browser(port: fixture.world.server.port)
            let form = try await browser.get("/recover/password")
            let cookie = try #require(Browser.setCookie(RecoveryCSRFCookie.name, in: form))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/recover"))
            let started = try await browser.post("/recover/password", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("identifier", "petrova.anna"),
            ])
            #expect(started.status == 303)
            let location = try #require(started.header("Location"))
            #expect(location.hasPrefix("/recover/password/rcv_"))
            let flowPage = try await browser.get(location)
            #expect(flowPage.bodyText.contains(RecoveryPageText.emailCodeHint.russian))
            let code = try await fixture.smsCode("+79161234567")
            let mismatch = try await browser.post(location, form: [
                ("csrf_token", try #require(Browser.csrfToken(in: flowPage))), ("sms_code", code),
                ("new_password", RecoveryFixture.newPassword), ("repeat_password", "something-else-entirely"),
            ])
            #expect(mismatch.status == 400 && mismatch.bodyText.contains(RecoveryPageText.passwordMismatch.russian))
            let done = try await browser.post(location, form: [
                ("csrf_token", try #require(Browser.csrfToken(in: mismatch))), ("sms_code", code), ("email_code", ""),
                ("new_password", RecoveryFixture.newPassword), ("repeat_password", RecoveryFixture.newPassword),
            ])
            #expect(done.status == 200 && done.bodyText.contains(RecoveryPageText.done.russian))
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.newPassword).status == 200)
        }
    }

    @Test("asking again within the resend cooldown says how many seconds to wait")
    func cooldownSaysHowLong() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            let browser = Browser(port: fixture.world.server.port)
            var form = try await browser.get("/recover/password")
            var response = try await browser.post("/recover/password", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("identifier", "petrova.anna"),
            ])
            #expect(response.status == 303)
            form = try await browser.get("/recover/password")
            response = try await browser.post("/recover/password", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("identifier", "petrova.anna"),
            ])
            #expect(response.status == 429)
            let seconds = try #require(response.header("Retry-After").flatMap { Int($0) })
            #expect(seconds > 0)
            #expect(response.bodyText.contains("\(PageText.tryAgainIn.russian) \(seconds) \(PageText.secondsShort.russian)."))
        }
    }

    @Test("forgot login: a known and an unknown contact get the same page; no CSRF cookie is 403")
    func loginThroughPages() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            var pages: [String] = []
            for contact in ["+79161234567", "+79997654321"] {
                let browser = Browser(port: fixture.world.server.port)
                let form = try await browser.get("/recover/login")
                let sent = try await browser.post("/recover/login", form: [
                    ("csrf_token", try #require(Browser.csrfToken(in: form))), ("contact", contact),
                ])
                #expect(sent.status == 200)
                pages.append(sent.bodyText)
            }
            #expect(pages[0] == pages[1] && pages[0].contains(RecoveryPageText.loginSent.russian))
            let stranger = Browser(port: fixture.world.server.port)
            let refused = try await stranger.post("/recover/login", form: [("csrf_token", "x"), ("contact", "+79161234567")])
            #expect(refused.status == 403)
        }
    }
}
