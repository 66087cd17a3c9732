import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// A login with a second factor, begun by the authorization endpoint, comes back to it.
@Suite struct AuthorizeSecondFactorTests {
    @Test("a teacher with TOTP logs in through the second step and returns to the authorization request")
    func secondFactorReturns() async throws {
        let fixture = try await PageFixture.start()
        _ = try await ClientService(environment: fixture.server.application.environment).register(
            by: .commandLine,
            ClientRegistration(id: "diary-one", name: "Дневник «Пятёрка»", redirectURIs: [AuthorizeFixture.redirectURI],
                               scopes: ["openid", "diary"]),
            context: .commandLine(requestID: "test"))
        let enrolled = try await fixture.firstLogin(Browser(port: fixture.server.port), login: "teacher",
                                                    password: fixture.teacherPassword)
        fixture.server.clock.advance(seconds: 90)  // a new TOTP time step: the enrolment's code is spent

        let browser = Browser(port: fixture.server.port)
        let path = AuthorizeFixture.path(AuthorizeFixture.parameters())
        let login = try #require(try await browser.get(path).header("Location"))
        let form = try await browser.get(login)
        #expect(Browser.setCookie(LoginReturnCookie.name, in: form) != nil)
        let first = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "teacher"),
            ("password", PageFixture.newPassword),
        ])
        #expect(first.header("Location") == "/login/second-factor")
        let step = try await browser.get("/login/second-factor")
        let second = try await browser.post("/login/second-factor", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: step))), ("method", "totp"),
            ("code", TOTP.standard.code(secret: enrolled.secret, at: fixture.server.clock.now())),
        ])
        #expect(second.status == 303 && second.header("Location") == "/")
        AuthorizeFixture.expectContinues(try await browser.get("/"), to: path)
        let consent = try await browser.get(path)
        #expect(consent.status == 200 && consent.bodyText.contains("Дневник «Пятёрка»"))
        try await fixture.server.stop()
    }
}
