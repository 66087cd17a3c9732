import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The consent pages (issue 8): `/consent` as a login step, `/account/consent`, and the
/// registration form's consent checkbox.
@Suite struct ConsentPagesTests {
    static let password = GuardianFixture.adultPassword

    @Test("a login needing consent goes to /consent; accepting there sets the session cookie and goes home")
    func loginStep() async throws {
        let policies = try ConsentPolicyDirectory(version: 2)
        defer { policies.remove() }
        let server = try await TestServer { $0.policies = policies.path }
        let environment = server.application.environment
        let adult = try await AdultAccount.create(in: environment, login: "page.consent", password: Self.password,
                                                  consentVersion: 1)
        let browser = Browser(port: server.port)
        let form = try await browser.get("/login")
        let loggedIn = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "page.consent"), ("password", Self.password),
        ])
        #expect(loggedIn.status == 303 && loggedIn.header("Location") == "/consent")
        #expect(Browser.setCookie("schoolid_session", in: loggedIn) == nil)
        let account = try await browser.get("/account")
        #expect(account.status == 303 && account.header("Location") == "/login")
        let page = try await browser.get("/consent")
        #expect(page.status == 200 && page.bodyText.contains("Consent text, version 2, ru."))
        #expect(page.bodyText.contains("Школа № 42") && !page.bodyText.contains("needs legal review"))
        let stranger = try await Browser(port: server.port).post("/consent", form: [("consent_version", "2")])
        #expect(stranger.status == 303 && stranger.header("Location") == "/login")
        let accepted = try await browser.post("/consent", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("consent_version", "2"),
        ])
        #expect(accepted.status == 303 && accepted.header("Location") == "/", "\(accepted.bodyText)")
        #expect(Browser.setCookie("schoolid_session", in: accepted) != nil)
        let home = try await browser.get("/account/consent")
        let own = try await environment.storage.read { tx in try tx.consents.latestOwn(of: adult) }
        try await server.stop()
        #expect(home.status == 200 && home.bodyText.contains(ConsentPageText.currentGiven.russian))
        #expect(own?.textVersion == 2 && own?.channel == .web)
    }

    @Test("the registration form shows the consent text and a required checkbox carrying the current version")
    func registrationCheckbox() async throws {
        let server = try await TestServer()
        let page = try await Browser(port: server.port).get("/register")
        try await server.stop()
        #expect(page.bodyText.contains(#"<input type="checkbox" name="consent_version" value="1" required>"#))
        #expect(page.bodyText.contains("Согласие на обработку персональных данных"))
    }
}
