import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/step-up` in a browser with `enforce_step_up` on: page actions that need a fresh
/// second factor send the person there and back (issue 6).
@Suite struct StepUpPagesTests {
    static let enforce = [(#""enforce_step_up": false"#, #""enforce_step_up": true"#)]

    /// `value` percent-encoded for a query, every byte but letters and digits.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) ?? value
    }

    @Test("removing a factor goes through /step-up: a wrong code is refused, the app's code returns to the page, then new codes and the removal work")
    func removeThroughStepUp() async throws {
        try await FactorPagesTests.run(policy: Self.enforce) { world in
            let server = world.server
            #expect(server.application.environment.policies.secondFactor.enforceStepUp)
            let (person, browser) = try await FactorPagesTests.guardian(world)
            let (secret, _) = try await FactorPagesTests.enrolTOTP(browser, server: server)
            server.clock.advance(seconds: 301)  // past the proof the enrolment recorded

            let overview = try await browser.get("/account/second-factors")
            let token = try #require(Browser.csrfToken(in: overview))
            let refused = try await browser.post("/account/second-factors/totp/remove", form: [("csrf_token", token)])
            #expect(refused.status == 303)
            #expect(refused.header("Location") == "/step-up?return_to=/account/second-factors")
            let codesRefused = try await browser.post("/account/second-factors/recovery-codes", form: [("csrf_token", token)])
            #expect(codesRefused.header("Location") == "/step-up?return_to=/account/second-factors")

            let form = try await browser.get("/step-up?return_to=/account/second-factors")
            #expect(form.status == 200)
            #expect(form.header("Cache-Control") == "no-store")
            #expect(form.bodyText.contains(StepUpPageText.totpIntro.russian))
            #expect(form.bodyText.contains("name=\"return_to\" value=\"/account/second-factors\""))
            #expect(!form.bodyText.contains(SecondFactorPageText.sendSMSSubmit.russian))  // the app is proven instead
            let right = TOTP.standard.code(secret: secret, at: server.clock.now())
            let wrong = try await browser.post("/step-up", form: [
                ("csrf_token", token), ("return_to", "/account/second-factors"), ("method", "totp"),
                ("code", right == "000000" ? "111111" : "000000"),
            ])
            #expect(wrong.status == 401)
            #expect(wrong.header("Location") == nil)
            #expect(wrong.bodyText.contains(ErrorCode.codeInvalid.message(in: .russian)))
            let proven = try await browser.post("/step-up", form: [
                ("csrf_token", token), ("return_to", "/account/second-factors"), ("method", "totp"), ("code", right),
            ])
            #expect(proven.status == 303)
            #expect(proven.header("Location") == "/account/second-factors")
            #expect(try await person.client.get("/v1/me").json["amr"] as? [String] == ["pwd"])  // another session

            let newCodes = try await browser.post("/account/second-factors/recovery-codes", form: [("csrf_token", token)])
            #expect(try FactorPagesTests.recoveryCodes(in: newCodes).count == 10)
            let removed = try await browser.post("/account/second-factors/totp/remove", form: [("csrf_token", token)])
            #expect(removed.status == 303)
            #expect(removed.header("Location") == "/account/second-factors")
            let after = try await browser.get("/account/second-factors")
            #expect(after.bodyText.contains(FactorPageText.noFactors.russian))
        }
    }

    @Test("a phone change on /account/security asks for step-up; an account without an app proves it with an SMS code")
    func contactChangeWithSMS() async throws {
        try await FactorPagesTests.run(policy: Self.enforce) { world in
            let (_, browser) = try await FactorPagesTests.guardian(world)
            let change = try await browser.get("/account/security/phone")
            let token = try #require(Browser.csrfToken(in: change))
            let fields = [("csrf_token", token), ("value", "+79160000002"), ("current_password", SecurityPerson.password)]
            let refused = try await browser.post("/account/security/phone", form: fields)
            #expect(refused.status == 303)
            #expect(refused.header("Location") == "/step-up?return_to=/account/security/phone")

            let form = try await browser.get("/step-up?return_to=/account/security/phone")
            #expect(form.status == 200)
            #expect(form.bodyText.contains(SecondFactorPageText.sendSMSSubmit.russian))
            #expect(!form.bodyText.contains(StepUpPageText.noMethod.russian))
            let sent = try await browser.post("/step-up", form: [
                ("csrf_token", token), ("return_to", "/account/security/phone"), ("action", "send_sms"),
            ])
            #expect(sent.status == 200)
            #expect(sent.bodyText.contains(SecondFactorPageText.smsIntro.russian))
            let challenge = try #require(BrowserEnrolment.between(sent.bodyText, "name=\"challenge_id\" value=\"", "\""))
            let proven = try await browser.post("/step-up", form: [
                ("csrf_token", token), ("return_to", "/account/security/phone"), ("method", "sms"),
                ("challenge_id", challenge), ("code", try await world.smsCode(to: FactorPagesTests.phone)),
            ])
            #expect(proven.status == 303)
            #expect(proven.header("Location") == "/account/security/phone")
            let repeated = try await browser.post("/account/security/phone", form: fields)
            #expect(repeated.status == 200)
            #expect(repeated.bodyText.contains(SecurityPageText.codeTitle.russian))
        }
    }

    @Test("a teacher's reissue asks for step-up and comes back to the class page it was posted from")
    func teacherReissue() async throws {
        let fixture = try await PageFixture.start { configuration in
            let file = URL(fileURLWithPath: configuration.policies).appendingPathComponent(SecondFactorPolicy.fileName)
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            try? Data(text.replacingOccurrences(of: Self.enforce[0].0, with: Self.enforce[0].1).utf8).write(to: file)
        }
        do {
            let server = fixture.server
            let browser = Browser(port: server.port)
            let enrolled = try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
            let uploaded = try await fixture.upload(browser, csv: Array("Фамилия;Имя\nПетров;Пётр\n".utf8))
            _ = try await fixture.waitForBatch(browser, path: try #require(uploaded.header("Location")))
            server.clock.advance(seconds: 301)
            let classPath = "/teacher/classes/\(fixture.schoolClass.id.rawValue)"
            let page = try await browser.get(classPath)
            let action = try #require(BrowserEnrolment.between(page.bodyText, "action=\"/teacher/students/", "\""))
            let returnTo = try #require(BrowserEnrolment.between(page.bodyText, "name=\"return_to\" value=\"", "\""))
            #expect(returnTo == classPath)
            let form = [("csrf_token", try #require(Browser.csrfToken(in: page))), ("return_to", returnTo)]
            let refused = try await browser.post("/teacher/students/" + action, form: form)
            #expect(refused.status == 303)
            #expect(refused.header("Location") == "/step-up?return_to=\(classPath)")

            let proven = try await browser.post("/step-up", form: [
                form[0], ("return_to", classPath), ("method", "totp"),
                ("code", TOTP.standard.code(secret: enrolled.secret, at: server.clock.now())),
            ])
            #expect(proven.status == 303 && proven.header("Location") == classPath)
            let issued = try await browser.post("/teacher/students/" + action, form: form)
            #expect(issued.status == 200)
            #expect(issued.bodyText.contains(PageText.reissuedTitle.russian))
        } catch {
            try? await fixture.server.stop()
            throw error
        }
        try await fixture.server.stop()
    }

    static let refusedTargets = [
        "https://evil.example/account", "//evil.example/account", "/\\evil.example/account", "\\\\evil.example",
        "/account/../login", "/account/./security", "/account//evil.example", "/accountant", "/login", "/",
        "javascript:alert(1)", "/account/security?next=//evil.example", "/account/%2e%2e/login", "/account#x",
        " /account", "/account\r\nLocation: https://evil.example", "account",
    ]

    @Test("return_to accepts only plain local paths under /account and /teacher", arguments: [
        ("/account", true), ("/account/second-factors", true), ("/account/security/phone", true),
        ("/teacher", true), ("/teacher/classes/cls_AbC-9", true), ("/account/", false),
    ] + refusedTargets.map { ($0, false) })
    func returnPathRule(_ target: String, _ accepted: Bool) {
        #expect((StepUpPages.returnPath(target) != nil) == accepted)
    }

    @Test("/step-up refuses open redirects with 400 and no Location, in the form and in the post")
    func openRedirectRefusals() async throws {
        try await FactorPagesTests.run(policy: Self.enforce) { world in
            let (_, browser) = try await FactorPagesTests.guardian(world)
            let good = try await browser.get("/step-up?return_to=\(Self.encoded("/teacher/classes/cls_1"))")
            #expect(good.status == 200)
            let token = try #require(Browser.csrfToken(in: good))
            for target in Self.refusedTargets {
                let form = try await browser.get("/step-up?return_to=\(Self.encoded(target))")
                #expect(form.status == 400, "\(target)")
                #expect(form.header("Location") == nil && !form.bodyText.contains("evil.example"), "\(target)")
                let posted = try await browser.post("/step-up", form: [
                    ("csrf_token", token), ("return_to", target), ("action", "send_sms"),
                ])
                #expect(posted.status == 400, "\(target)")
                #expect(posted.header("Location") == nil, "\(target)")
            }
            #expect(world.smsCount(to: FactorPagesTests.phone) == 0)  // nothing was sent for a refused target
        }
    }

    @Test("a step-up post without the session's CSRF token is refused; without a session /step-up leads to /login")
    func csrfAndLogin() async throws {
        try await FactorPagesTests.run(policy: Self.enforce) { world in
            let anonymous = try await Browser(port: world.server.port).get("/step-up?return_to=/account")
            #expect(anonymous.status == 303 && anonymous.header("Location") == "/login")
            let (_, browser) = try await FactorPagesTests.guardian(world)
            let refused = try await browser.post("/step-up", form: [
                ("csrf_token", "forged"), ("return_to", "/account"), ("action", "send_sms"),
            ])
            #expect(refused.status == 403)
            #expect(refused.header("Location") == nil)
            #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
            #expect(world.smsCount(to: FactorPagesTests.phone) == 0)
        }
    }
}
