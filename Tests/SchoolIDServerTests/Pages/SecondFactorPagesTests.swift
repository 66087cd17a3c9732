import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The browser journey of a two-step login: the enrolment forced on staff at login,
/// then the second step with an app code or a recovery code (issue 6).
@Suite struct SecondFactorPagesTests {
    private static let teacherLogin = "s57-new"

    /// Posts the login form with the teacher's login and `password`; returns the 303.
    private static func postLogin(_ browser: Browser, password: String = SchoolWorld.staffPassword) async throws
        -> TestResponse
    {
        let form = try await browser.get("/login")
        return try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", teacherLogin), ("password", password),
        ])
    }

    /// A new teacher's first login on the pages: the temporary password is replaced,
    /// which leads to `/login/enrol`; they leave, log in again with the new password,
    /// are sent to `/login/enrol` again, and confirm with a code from the shown secret.
    private static func enrol(_ browser: Browser, world: SchoolWorld) async throws -> BrowserEnrolment.Enrolled {
        let (_, temporary) = try await SchoolWorld.createStaff(by: world.schoolAdmin, schoolID: world.schoolID,
                                                               role: "teacher", login: teacherLogin)
        let first = try await postLogin(browser, password: temporary)
        #expect(first.header("Location") == "/password/change")
        let change = try await browser.get("/password/change")
        let changed = try await browser.post("/password/change", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: change))),
            ("new_password", SchoolWorld.staffPassword), ("repeat_password", SchoolWorld.staffPassword),
        ])
        #expect(changed.status == 303 && changed.header("Location") == "/login/enrol")
        #expect(Browser.setCookie("schoolid_session", in: changed) == nil)

        let loggedIn = try await postLogin(Browser(port: world.server.port))
        #expect(loggedIn.status == 303)
        #expect(loggedIn.header("Location") == "/login/enrol")
        let ticket = try #require(Browser.setCookie("schoolid_enrolment_ticket", in: loggedIn))
        #expect(ticket.contains("Path=/login/enrol") && ticket.contains("HttpOnly") && ticket.contains("SameSite=Strict"))
        #expect(Browser.setCookie("schoolid_session", in: loggedIn) == nil)
        return try await BrowserEnrolment.complete(browser, server: world.server)
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

    @Test("a new teacher is sent to enrol after the password change and at /login, sees 10 recovery codes, reaches /teacher, and next time needs the app code")
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
