import Foundation
import SchoolIDBase
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct SecurityPagesTests {
    /// Logs `person` in through the login page.
    static func browser(_ world: DeliveryWorld, _ person: SecurityPerson) async throws -> Browser {
        let browser = Browser(port: world.server.port)
        let page = try await browser.get("/login")
        let response = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("login", person.login),
            ("password", SecurityPerson.password),
        ])
        try #require(response.status == 303)
        return browser
    }

    @Test("the security page lists sessions and masked contacts; its forms change the phone and end other sessions")
    func securityPage() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: "+79160000001")
            let browser = try await Self.browser(world, person)
            let page = try await browser.get("/account/security")
            #expect(page.status == 200)
            #expect(page.bodyText.contains(SecurityPageText.thisSession.russian))
            #expect(page.bodyText.contains("+7 9** ***-00-01") && !page.bodyText.contains("+79160000001"))

            let form = try await browser.get("/account/security/phone")
            let codePage = try await browser.post("/account/security/phone", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: form))), ("value", "+79160000002"),
                ("current_password", SecurityPerson.password),
            ])
            #expect(codePage.status == 200 && codePage.bodyText.contains(SecurityPageText.codeTitle.russian))
            let action = try #require(codePage.bodyText.range(of: "/account/security/contact-changes/[^\"]+/confirm",
                                                              options: .regularExpression))
            let confirmed = try await browser.post(String(codePage.bodyText[action]), form: [
                ("csrf_token", try #require(Browser.csrfToken(in: codePage))),
                ("code", try await world.smsCode(to: "+79160000002")),
            ])
            #expect(confirmed.status == 303)
            let after = try await browser.get("/account/security")
            #expect(after.bodyText.contains("+7 9** ***-00-02"))

            let ended = try await browser.post("/account/security/sessions/revoke-others", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: after))),
            ])
            #expect(ended.status == 303)
            #expect(try await person.client.get("/v1/me").status == 401)
            #expect(try await browser.get("/account/security").status == 200)
        }
    }

    @Test("a revoke form without the CSRF token is refused and ends nothing")
    func revokeNeedsToken() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a")
            let browser = try await Self.browser(world, person)
            let refused = try await browser.post("/account/security/sessions/revoke-others", form: [("csrf_token", "x")])
            #expect(refused.status == 403)
            #expect(try await person.client.get("/v1/me").status == 200)
        }
    }
}
