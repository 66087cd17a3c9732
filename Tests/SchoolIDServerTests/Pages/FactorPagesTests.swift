import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/account/second-factors` in a browser: a guardian who logs in with a password alone
/// sets up an authenticator app or SMS codes (issue 6).
@Suite struct FactorPagesTests {
    static let phone = "+79160000001"

    /// A delivery world whose `second_factor.json` has each `(old, new)` text replaced.
    static func run(policy replacements: [(String, String)] = [], _ body: (DeliveryWorld) async throws -> Void)
        async throws
    {
        try await DeliveryWorld.run(configure: { configuration in
            let file = URL(fileURLWithPath: configuration.policies).appendingPathComponent(SecondFactorPolicy.fileName)
            var text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
            try? Data(text.utf8).write(to: file)
        }, body)
    }

    /// A guardian with a verified phone, logged in through the login page.
    static func guardian(_ world: DeliveryWorld, login: String = "petrova.a") async throws -> (SecurityPerson, Browser) {
        let person = try await SecurityPerson.make(in: world, login: login, phone: phone)
        return (person, try await SecurityPagesTests.browser(world, person))
    }

    /// Sets up an authenticator app from the overview with a code at `server`'s clock;
    /// the secret and the ten recovery codes shown once.
    static func enrolTOTP(_ browser: Browser, server: TestServer) async throws -> (secret: [UInt8], codes: [String]) {
        let overview = try await browser.get("/account/second-factors")
        let begun = try await browser.post("/account/second-factors/totp", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: overview))),
        ])
        #expect(begun.status == 200)
        #expect(begun.header("Cache-Control") == "no-store")
        #expect(begun.bodyText.contains("href=\"otpauth://totp/SchoolID:"))
        let grouped = try #require(BrowserEnrolment.between(begun.bodyText, "<strong class=\"secret\">", "</strong>"))
        let secret = try #require(Base32.decode(grouped.replacingOccurrences(of: " ", with: "")))
        let confirmed = try await browser.post("/account/second-factors/totp/confirm", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: begun))),
            ("code", TOTP.standard.code(secret: secret, at: server.clock.now())),
        ])
        return (secret, try recoveryCodes(in: confirmed))
    }

    /// The codes of a recovery-code sheet, which must be printable and uncached.
    static func recoveryCodes(in page: TestResponse) throws -> [String] {
        #expect(page.status == 200)
        #expect(page.header("Cache-Control") == "no-store")
        #expect(page.bodyText.contains("<body class=\"printable\">"))
        #expect(page.bodyText.contains(SecondFactorPageText.codesTitle.russian))
        let codes = page.bodyText.components(separatedBy: "<code class=\"secret\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</code>").first }
        #expect(codes.count == 10)
        return codes
    }

    @Test("/account and /account/security link the second-factor page, which offers an app and SMS to a guardian without a factor")
    func overviewAndLinks() async throws {
        try await Self.run { world in
            let (_, browser) = try await Self.guardian(world)
            #expect(try await browser.get("/account").bodyText.contains("href=\"/account/second-factors\""))
            #expect(try await browser.get("/account/security").bodyText.contains("href=\"/account/second-factors\""))
            let page = try await browser.get("/account/second-factors")
            #expect(page.status == 200)
            #expect(page.bodyText.contains(FactorPageText.optionalNotice.russian))
            #expect(page.bodyText.contains(FactorPageText.noFactors.russian))
            #expect(page.bodyText.contains(FactorPageText.setUpTOTPSubmit.russian))
            #expect(page.bodyText.contains("href=\"/account/second-factors/sms\""))
            #expect(!page.bodyText.contains(FactorPageText.newCodesSubmit.russian))
        }
    }

    @Test("a guardian sets up an authenticator app: a wrong first code is refused, the right one shows ten recovery codes once")
    func enrolTOTP() async throws {
        try await Self.run { world in
            let (person, browser) = try await Self.guardian(world)
            let overview = try await browser.get("/account/second-factors")
            let begun = try await browser.post("/account/second-factors/totp", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: overview))),
            ])
            let grouped = try #require(BrowserEnrolment.between(begun.bodyText, "<strong class=\"secret\">", "</strong>"))
            #expect(grouped.contains(" "))
            #expect(begun.bodyText.contains("autocomplete=\"one-time-code\""))
            let secret = try #require(Base32.decode(grouped.replacingOccurrences(of: " ", with: "")))
            let right = TOTP.standard.code(secret: secret, at: world.server.clock.now())
            let wrong = try await browser.post("/account/second-factors/totp/confirm", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: begun))), ("code", right == "000000" ? "111111" : "000000"),
            ])
            #expect(wrong.status == 400)
            #expect(wrong.bodyText.contains(ErrorCode.codeInvalid.message(in: .russian)))
            #expect(!wrong.bodyText.contains(grouped))  // the secret is shown only once
            let confirmed = try await browser.post("/account/second-factors/totp/confirm", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: begun))), ("code", right),
            ])
            let codes = try Self.recoveryCodes(in: confirmed)
            #expect(confirmed.bodyText.contains("href=\"/account/second-factors\""))

            let after = try await browser.get("/account/second-factors")
            #expect(after.bodyText.contains(FactorPageText.kindTOTP.russian))
            #expect(after.bodyText.contains("<strong class=\"recovery-left\">10</strong>"))
            #expect(!after.bodyText.contains(FactorPageText.setUpTOTPSubmit.russian))
            #expect(!codes.contains { after.bodyText.contains($0) })
            let api = try await person.client.get("/v1/me/second-factors")
            #expect((api.json["factors"] as? [[String: Any]])?.first?["confirmed"] as? Bool == true)
        }
    }

    @Test("the SMS factor page shows the risk notice in the request's language before the person confirms")
    func smsWithNotice() async throws {
        try await Self.run { world in
            let (person, browser) = try await Self.guardian(world)
            let notice = try await browser.get("/account/second-factors/sms")
            #expect(notice.status == 200)
            #expect(notice.bodyText.contains(HTML.escape(NoticeText.smsFactorRisk.text(in: .russian))))
            #expect(notice.bodyText.contains(FactorPageText.smsConfirmSubmit.russian))
            let none = try await person.client.get("/v1/me/second-factors")
            #expect((none.json["factors"] as? [Any])?.isEmpty == true)  // nothing before confirming

            browser.acceptLanguage = "en"
            let english = try await browser.get("/account/second-factors/sms")
            #expect(english.bodyText.contains(HTML.escape(NoticeText.smsFactorRisk.text(in: .english))))
            browser.acceptLanguage = nil

            let enrolled = try await browser.post("/account/second-factors/sms", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: notice))),
            ])
            _ = try Self.recoveryCodes(in: enrolled)
            #expect(enrolled.bodyText.contains(FactorPageText.smsEnabledNotice.russian))
            let after = try await browser.get("/account/second-factors")
            #expect(after.bodyText.contains(FactorPageText.kindSMS.russian))
            #expect(!after.bodyText.contains("href=\"/account/second-factors/sms\""))
        }
    }

    @Test("with sms_factor_enabled off the SMS offer is hidden and its page and form are refused")
    func smsHiddenByPolicy() async throws {
        try await Self.run(policy: [(#""sms_factor_enabled": true"#, #""sms_factor_enabled": false"#)]) { world in
            #expect(!world.server.application.environment.policies.secondFactor.smsFactorEnabled)
            let (person, browser) = try await Self.guardian(world)
            let page = try await browser.get("/account/second-factors")
            #expect(page.status == 200)
            #expect(!page.bodyText.contains("/account/second-factors/sms"))
            #expect(!page.bodyText.contains(FactorPageText.useSMSLink.russian))
            #expect(!page.bodyText.contains(FactorPageText.smsUnavailable.russian))
            #expect(page.bodyText.contains(FactorPageText.setUpTOTPSubmit.russian))

            let form = try await browser.get("/account/second-factors/sms")
            #expect(form.status == 403)
            #expect(!form.bodyText.contains(HTML.escape(NoticeText.smsFactorRisk.text(in: .russian))))
            let posted = try await browser.post("/account/second-factors/sms", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: page))),
            ])
            #expect(posted.status == 403)
            #expect(posted.bodyText.contains(ErrorCode.secondFactorDisabled.message(in: .russian)))
            let api = try await person.client.get("/v1/me/second-factors")
            #expect((api.json["factors"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("every second-factor form without the session's CSRF token is refused with 403 and changes nothing")
    func formsNeedToken() async throws {
        try await Self.run { world in
            let (person, browser) = try await Self.guardian(world)
            let paths = ["/account/second-factors/totp", "/account/second-factors/totp/confirm",
                         "/account/second-factors/sms", "/account/second-factors/totp/remove",
                         "/account/second-factors/recovery-codes"]
            for path in paths {
                let refused = try await browser.post(path, form: [("csrf_token", "forged"), ("code", "123456")])
                #expect(refused.status == 403, "\(path)")
                #expect(refused.header("Location") == nil, "\(path)")
                #expect(refused.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)), "\(path)")
            }
            let api = try await person.client.get("/v1/me/second-factors")
            #expect((api.json["factors"] as? [Any])?.isEmpty == true)
        }
    }
}
