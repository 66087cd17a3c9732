import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/account/children` and the teacher console's family actions in a browser, through
/// the real server (issue 7).
@Suite struct FamilyPagesTests {
    /// An adult made by ``GuardianFixture``, logged in through the login page.
    static func browser(_ server: TestServer, login: String) async throws -> Browser {
        let browser = Browser(port: server.port)
        let page = try await browser.get("/login")
        let response = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))), ("login", login),
            ("password", GuardianFixture.adultPassword),
        ])
        try #require(response.status == 303, "\(response.bodyText)")
        return browser
    }

    /// `anna.petrova` logged in through the pages and a student `g57-7201`, claimed by
    /// the slip's credentials on `/account/children` unless `claimed` is false.
    static func guardianWithChild(_ server: TestServer, claimed: Bool = true) async throws
        -> (Browser, GuardianFixture.Student)
    {
        let guardians = GuardianFixture(server: server)
        let child = try await guardians.student(login: "g57-7201", in: try await guardians.schoolClass())
        _ = try await guardians.adult(login: "anna.petrova", phone: nil)
        let browser = try await Self.browser(server, login: "anna.petrova")
        if claimed {
            let response = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("login", child.login), ("password", child.password), ("relation", "mother")])
            #expect(response.status == 303)
        }
        return (browser, child)
    }

    /// Posts `fields` with the CSRF token of the page at `page`.
    static func submit(_ browser: Browser, from page: String, to path: String, _ fields: [(String, String)])
        async throws -> TestResponse
    {
        let form = try await browser.get(page)
        return try await browser.post(path, form: [("csrf_token", try #require(Browser.csrfToken(in: form)))] + fields)
    }

    /// The children listed on `/account/children` (the logins in its table).
    static func listedLogins(_ browser: Browser) async throws -> [String] {
        let page = try await browser.get("/account/children")
        let table = BrowserEnrolment.between(page.bodyText, "<table class=\"children\">", "</table>") ?? ""
        return table.components(separatedBy: "<td class=\"secret\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</td>").first }
    }

    @Test("a guardian links one child by the slip's login and temporary password and one by a teacher's link code; the list shows school and class")
    func linkTwoWays() async throws {
        let fixture = try await PageFixture.start()
        do {
            let guardians = GuardianFixture(server: fixture.server)
            let coded = try await guardians.student(login: "s42-7101", in: fixture.schoolClass)
            let slipped = try await guardians.student(login: "g57-7201", in: try await guardians.schoolClass(code: "g57"))
            _ = try await guardians.adult(login: "anna.petrova", phone: "+79161110001")

            let teacher = Browser(port: fixture.server.port)
            try await fixture.firstLogin(teacher, login: "teacher", password: fixture.teacherPassword)
            let classPath = "/teacher/classes/\(fixture.schoolClass.id.rawValue)"
            let issued = try await Self.submit(teacher, from: classPath, to: "/teacher/students/\(coded.id.rawValue)/link-code",
                                               [("return_to", classPath)])
            #expect(issued.status == 200 && issued.header("Cache-Control") == "no-store")
            #expect(issued.bodyText.contains("<body class=\"printable\">") && issued.bodyText.contains(FamilyPageText.linkCodeTitle.russian))
            let code = try #require(BrowserEnrolment.between(issued.bodyText, "<dd class=\"secret link-code\">", "</dd>"))

            let browser = try await Self.browser(fixture.server, login: "anna.petrova")
            let account = try await browser.get("/account")
            #expect(account.bodyText.contains("href=\"/account/children\"")
                && account.bodyText.contains("href=\"/account/trusted-persons\""))
            let wrong = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("login", slipped.login), ("password", "wrong-password-1"), ("relation", "mother")])
            #expect(wrong.status == 401)
            #expect(wrong.bodyText.contains("id=\"error-slip-password\""))
            #expect(wrong.bodyText.contains(ErrorCode.invalidCredentials.message(in: .russian)))
            let byCode = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("link_code", "ABCDE-FGHJK"), ("relation", "mother")])
            #expect(byCode.bodyText.contains("id=\"error-code-link_code\"") && byCode.status == 400, "\(byCode.status)")

            let bySlip = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("login", slipped.login), ("password", slipped.password), ("relation", "mother")])
            #expect(bySlip.status == 303 && bySlip.header("Location") == "/account/children")
            fixture.server.clock.advance(seconds: 1)  // links list by creation time, then by (random) id
            let linked = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("link_code", code.lowercased()), ("relation", "legal_representative")])
            #expect(linked.status == 303)

            let page = try await browser.get("/account/children")
            #expect(try await Self.listedLogins(browser) == [slipped.login, coded.login])
            for shown in ["Школа g57", "Школа № 42", "<td>7Б</td>", FamilyPageText.relationMother.russian,
                          FamilyPageText.relationLegalRepresentative.russian] {
                #expect(page.bodyText.contains(shown), "\(shown)")
            }
            let again = try await Self.submit(browser, from: "/account/children", to: "/account/children/claim", [
                ("link_code", code), ("relation", "mother")])
            #expect(again.status == 400 && again.bodyText.contains("id=\"error-code-link_code\""), "a code works once")
        } catch {
            try? await fixture.server.stop()
            throw error
        }
        try await fixture.server.stop()
    }

    @Test("a teacher proposes guardians by phone from the class page; an unknown phone shows at its field; the guardian declines one and confirms the other")
    func proposeAndConfirm() async throws {
        let fixture = try await PageFixture.start()
        do {
            let guardians = GuardianFixture(server: fixture.server)
            let child = try await guardians.student(login: "s42-7101", in: fixture.schoolClass)
            _ = try await guardians.adult(login: "ivan.petrov", phone: "+79161110002")
            let teacher = Browser(port: fixture.server.port)
            try await fixture.firstLogin(teacher, login: "teacher", password: fixture.teacherPassword)
            let other = try await guardians.student(login: "s42-7102", in: fixture.schoolClass)
            let classPath = "/teacher/classes/\(fixture.schoolClass.id.rawValue)"
            let proposal = "/teacher/students/\(child.id.rawValue)/guardian-proposal"
            let classPage = try await teacher.get(classPath)
            #expect(classPage.bodyText.contains("action=\"\(proposal)\"")
                && classPage.bodyText.contains("action=\"/teacher/students/\(child.id.rawValue)/link-code\""))
            let declinedLater = try await Self.submit(teacher, from: classPath,
                                                      to: "/teacher/students/\(other.id.rawValue)/guardian-proposal", [
                ("return_to", classPath), ("phone", ""), ("snils", ""), ("relation", "father")])
            #expect(declinedLater.status == 400
                && declinedLater.bodyText.contains("id=\"error-proposal-\(other.id.rawValue)-phone\""), "neither phone nor SNILS")
            #expect(try await Self.submit(teacher, from: classPath, to: "/teacher/students/\(other.id.rawValue)/guardian-proposal", [
                ("return_to", classPath), ("phone", "+79161110002"), ("snils", ""), ("relation", "father")]).status == 200)
            let unknown = try await Self.submit(teacher, from: classPath, to: proposal, [
                ("return_to", classPath), ("phone", "+79161119999"), ("snils", ""), ("relation", "father")])
            #expect(unknown.status == 404)
            #expect(unknown.bodyText.contains("id=\"error-proposal-\(child.id.rawValue)-phone\""))
            #expect(unknown.bodyText.contains(ErrorCode.guardianNotFound.message(in: .russian)))
            let proposed = try await Self.submit(teacher, from: classPath, to: proposal, [
                ("return_to", classPath), ("phone", "8 916 111-00-02"), ("snils", ""), ("relation", "father")])
            #expect(proposed.status == 200 && proposed.bodyText.contains(FamilyPageText.proposedTitle.russian))
            #expect(proposed.bodyText.contains("href=\"\(classPath)\""))

            let browser = try await Self.browser(fixture.server, login: "ivan.petrov")
            let page = try await browser.get("/account/children")
            #expect(page.bodyText.contains(FamilyPageText.proposalsHeading.russian))
            let declines = page.bodyText.ranges(of: #/\/account\/children\/links\/[^"]+\/decline/#)
            try #require(declines.count == 2)
            let declined = try await Self.submit(browser, from: "/account/children", to: String(page.bodyText[declines[0]]), [])  // oldest first: the other child
            #expect(declined.status == 303)
            let left = try await browser.get("/account/children")
            let action = try #require(left.bodyText.range(of: "/account/children/links/[^\"]+/confirm", options: .regularExpression))
            #expect(left.bodyText.ranges(of: #/\/account\/children\/links\/[^"]+\/confirm/#).count == 1)
            let forged = try await browser.post(String(left.bodyText[action]), form: [("csrf_token", "forged")])
            #expect(forged.status == 403 && forged.bodyText.contains(ErrorCode.csrfTokenInvalid.message(in: .russian)))
            #expect(try await Self.listedLogins(browser).isEmpty)
            let confirmed = try await Self.submit(browser, from: "/account/children", to: String(left.bodyText[action]), [])
            #expect(confirmed.status == 303 && confirmed.header("Location") == "/account/children")
            #expect(try await Self.listedLogins(browser) == [child.login])
            #expect(!(try await browser.get("/account/children")).bodyText.contains(FamilyPageText.proposalsHeading.russian))
        } catch {
            try? await fixture.server.stop()
            throw error
        }
        try await fixture.server.stop()
    }

    @Test("a claim without the session's CSRF token is refused with 403 and links nothing; the page speaks English when asked")
    func claimNeedsToken() async throws {
        let server = try await TestServer()
        do {
            let (browser, child) = try await Self.guardianWithChild(server, claimed: false)
            for token in ["forged", ""] {
                let refused = try await browser.post("/account/children/claim", form: [
                    ("csrf_token", token), ("login", child.login), ("password", child.password), ("relation", "mother")])
                #expect(refused.status == 403 && refused.header("Location") == nil)
            }
            #expect(try await Self.listedLogins(browser).isEmpty)
            browser.acceptLanguage = "en"
            let english = try await browser.get("/account/children")
            #expect(english.bodyText.contains("<html lang=\"en\">")
                && english.bodyText.contains(FamilyPageText.slipHeading.english)
                && english.bodyText.contains(FamilyPageText.relationLegalRepresentative.english))
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("a child without contacts gets a new temporary password from the children page, shown once on a no-store page")
    func childPassword() async throws {
        let server = try await TestServer()
        do {
            let (browser, child) = try await Self.guardianWithChild(server)
            let reset = try await Self.submit(browser, from: "/account/children",
                                              to: "/account/children/\(child.id.rawValue)/temporary-password", [])
            #expect(reset.status == 200 && reset.header("Cache-Control") == "no-store")
            #expect(reset.bodyText.contains(FamilyPageText.childPasswordTitle.russian) && reset.bodyText.contains(child.login))
            let cells = reset.bodyText.components(separatedBy: "<dd class=\"secret\">")
            try #require(cells.count == 3)  // the login, then the password
            let shown = try #require(cells[2].components(separatedBy: "</dd>").first)
            #expect(shown != child.password && !shown.isEmpty)
            let login = try await APIClient(server).post("/v1/login", json: ["login": child.login, "password": shown])
            #expect(login.status == 200, "\(login.text)")
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("with enforce_step_up on, a child's new password and an invitation go to /step-up and come back to their page")
    func stepUpRedirects() async throws {
        let server = try await StepUpAPITests.enforcingServer()
        do {
            #expect(server.application.environment.policies.secondFactor.enforceStepUp)
            let (browser, child) = try await Self.guardianWithChild(server)
            let reset = try await Self.submit(browser, from: "/account/children",
                                              to: "/account/children/\(child.id.rawValue)/temporary-password", [])
            #expect(reset.status == 303 && reset.header("Location") == "/step-up?return_to=/account/children")
            let invite = try await Self.submit(browser, from: "/account/trusted-persons", to: "/account/trusted-persons/invite", [
                ("student_id", child.id.rawValue), ("last_name", "Сидоров"), ("phone", "+79161110002"),
                ("snils", ""), ("service_diary", "on"), ("last_day", "")])
            #expect(invite.status == 303 && invite.header("Location") == "/step-up?return_to=/account/trusted-persons")
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }
}
