import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The browser journey of a two-step login: the enrolment forced on staff at login,
/// then the second step with an app code or a recovery code (issue 6).
@Suite struct SecondFactorPagesTests {
    private static let teacherLogin = "s57-teacher"

    /// What a teacher holds after enrolling through the pages.
    private struct Enrolled {
        let secret: [UInt8]
        let recoveryCodes: [String]
    }

    /// Posts the login form with the teacher's password; returns the 303.
    private static func postLogin(_ browser: Browser) async throws -> TestResponse {
        let form = try await browser.get("/login")
        return try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", teacherLogin),
            ("password", SchoolWorld.staffPassword),
        ])
    }

    /// The text between `start` and the next `end` in `text`, if any.
    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let lower = text.range(of: start)?.upperBound, let upper = text[lower...].range(of: end)?.lowerBound
        else { return nil }
        return String(text[lower..<upper])
    }

    /// Logs the teacher in on `/login`, follows the redirect to `/login/enrol` and
    /// confirms with a code computed from the shown secret.
    private static func enrol(_ browser: Browser, world: SchoolWorld) async throws -> Enrolled {
        let loggedIn = try await postLogin(browser)
        #expect(loggedIn.status == 303)
        #expect(loggedIn.header("Location") == "/login/enrol")
        let ticket = try #require(Browser.setCookie("schoolid_enrolment_ticket", in: loggedIn))
        #expect(ticket.contains("Path=/login/enrol") && ticket.contains("HttpOnly") && ticket.contains("SameSite=Strict"))
        #expect(Browser.setCookie("schoolid_session", in: loggedIn) == nil)

        let page = try await browser.get("/login/enrol")
        #expect(page.status == 200)
        #expect(page.header("Cache-Control") == "no-store")
        #expect(page.bodyText.contains(SecondFactorPageText.enrolIntro.russian))
        #expect(page.bodyText.contains("href=\"otpauth://totp/"))
        #expect(page.bodyText.contains("inputmode=\"numeric\"") && page.bodyText.contains("autocomplete=\"one-time-code\""))
        let grouped = try #require(between(page.bodyText, "<strong class=\"secret\">", "</strong>"))
        #expect(grouped.contains(" "))
        let secret = try #require(Base32.decode(grouped.replacingOccurrences(of: " ", with: "")))

        let confirmed = try await browser.post("/login/enrol", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))),
            ("code", TOTP.standard.code(secret: secret, at: world.server.clock.now())),
        ])
        #expect(confirmed.status == 200)
        #expect(confirmed.header("Cache-Control") == "no-store")
        #expect(confirmed.bodyText.contains("@media print"))
        #expect(confirmed.bodyText.contains("href=\"/account\""))
        #expect(Browser.setCookie("schoolid_session", in: confirmed) != nil)
        #expect(Browser.setCookie("schoolid_enrolment_ticket", in: confirmed)?.contains("Max-Age=0") == true)
        let codes = confirmed.bodyText.components(separatedBy: "<code class=\"secret\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</code>").first }
        #expect(codes.count == 10)
        return Enrolled(secret: secret, recoveryCodes: Array(codes))
    }

    /// Logs in with the password and lands on the second-step page.
    private static func reachSecondStep(_ browser: Browser) async throws -> TestResponse {
        let loggedIn = try await postLogin(browser)
        #expect(loggedIn.status == 303)
        #expect(loggedIn.header("Location") == "/login/second-factor")
        let ticket = try #require(Browser.setCookie("schoolid_second_factor_ticket", in: loggedIn))
        #expect(ticket.contains("Path=/login/second-factor") && ticket.contains("HttpOnly")
            && ticket.contains("SameSite=Strict"))
        #expect(Browser.setCookie("schoolid_session", in: loggedIn) == nil)
        return try await browser.get("/login/second-factor")
    }

    @Test("a teacher is sent from /login to enrol, sees 10 recovery codes, reaches /teacher, and next time needs the app code")
    func enrolThenSecondStep() async throws {
        try await SchoolWorld.run { world in
            let browser = Browser(port: world.server.port)
            let enrolled = try await Self.enrol(browser, world: world)
            #expect(try await browser.get("/teacher").status == 200)

            let next = Browser(port: world.server.port)
            #expect(try await next.get("/teacher").status == 303)
            let step = try await Self.reachSecondStep(next)
            #expect(step.status == 200)
            #expect(step.bodyText.contains(SecondFactorPageText.totpIntro.russian))
            #expect(step.bodyText.contains("inputmode=\"numeric\"") && step.bodyText.contains("autocomplete=\"one-time-code\""))
            #expect(step.bodyText.contains("/login/second-factor?use=recovery_code"))
            #expect(!step.bodyText.contains(SecondFactorPageText.sendSMSSubmit.russian))

            world.server.clock.advance(seconds: 30)
            let right = TOTP.standard.code(secret: enrolled.secret, at: world.server.clock.now())
            let wrong = right == "000000" ? "111111" : "000000"
            let refused = try await next.post("/login/second-factor", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: step))), ("method", "totp"), ("code", wrong),
            ])
            #expect(refused.status == 401)
            #expect(refused.bodyText.contains(ErrorCode.codeInvalid.message(in: .russian)))
            #expect(Browser.setCookie("schoolid_session", in: refused) == nil)

            let accepted = try await next.post("/login/second-factor", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: refused))), ("method", "totp"), ("code", right),
            ])
            #expect(accepted.status == 303)
            #expect(accepted.header("Location") == "/")
            #expect(Browser.setCookie("schoolid_session", in: accepted) != nil)
            #expect(Browser.setCookie("schoolid_second_factor_ticket", in: accepted)?.contains("Max-Age=0") == true)
            #expect(try await next.get("/teacher").status == 200)
        }
    }

    @Test("a recovery code completes the second step through the page, once")
    func recoveryCode() async throws {
        try await SchoolWorld.run { world in
            let enrolled = try await Self.enrol(Browser(port: world.server.port), world: world)
            let browser = Browser(port: world.server.port)
            _ = try await Self.reachSecondStep(browser)
            let form = try await browser.get("/login/second-factor?use=recovery_code")
            #expect(form.status == 200)
            #expect(form.bodyText.contains(SecondFactorPageText.recoveryIntro.russian))
            let code = try #require(enrolled.recoveryCodes.first)
            let accepted = try await browser.post("/login/second-factor", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("method", "recovery_code"), ("code", code),
            ])
            #expect(accepted.status == 303)
            #expect(try await browser.get("/teacher").status == 200)

            let again = Browser(port: world.server.port)
            _ = try await Self.reachSecondStep(again)
            let page = try await again.get("/login/second-factor?use=recovery_code")
            let reused = try await again.post("/login/second-factor", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: page))), ("method", "recovery_code"), ("code", code),
            ])
            #expect(reused.status == 401)
            #expect(Browser.setCookie("schoolid_session", in: reused) == nil)
        }
    }

    @Test("a second-step POST without the login-CSRF cookie is refused with 403 and opens no session")
    func withoutCSRFCookie() async throws {
        try await SchoolWorld.run { world in
            let enrolled = try await Self.enrol(Browser(port: world.server.port), world: world)
            let browser = Browser(port: world.server.port)
            let step = try await Self.reachSecondStep(browser)
            browser.forget("schoolid_login_csrf")
            world.server.clock.advance(seconds: 30)
            let refused = try await browser.post("/login/second-factor", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: step))), ("method", "totp"),
                ("code", TOTP.standard.code(secret: enrolled.secret, at: world.server.clock.now())),
            ])
            #expect(refused.status == 403)
            #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
            #expect(Browser.setCookie("schoolid_session", in: refused) == nil)
        }
    }

    @Test("the second-step and enrolment pages without a ticket cookie send the browser back to /login")
    func withoutTicket() async throws {
        try await SchoolWorld.run { world in
            let browser = Browser(port: world.server.port)
            for path in ["/login/second-factor", "/login/enrol"] {
                let page = try await browser.get(path)
                #expect(page.status == 303)
                #expect(page.header("Location") == "/login")
            }
        }
    }
}
