import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The kind notes of a refused login (issue 11): Cyrillic letters, 0 vs O, Caps Lock.
/// They depend only on what was typed, so an existing and an unknown login get the same page.
@Suite struct LoginHintsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let typed: String
        let account: String
        let password: String
        let cyrillic: Bool
        let lookalike: Bool
        let capsLock: Bool
        var testDescription: String { "\(typed) / \(password)" }
    }

    static let cases = [
        // "оlga1" with a Cyrillic о: the Latin twin is the account.
        Case(typed: "\u{043E}lga1", account: "olga1", password: "secret-pass-1", cyrillic: true, lookalike: true, capsLock: false),
        Case(typed: "petrov0", account: "petrov0", password: "secret-pass-1", cyrillic: false, lookalike: true, capsLock: false),
        Case(typed: "mark", account: "mark", password: "SECRET-PASS-1", cyrillic: false, lookalike: false, capsLock: true),
        Case(typed: "mark", account: "mark", password: "secret-pass-1", cyrillic: false, lookalike: false, capsLock: false),
    ]

    /// A refused login through the page; the body without its CSRF token.
    static func refusedLogin(_ browser: Browser, login: String, password: String) async throws -> (Int, String) {
        let form = try await browser.get("/login")
        let refused = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", login), ("password", password),
        ])
        let token = try #require(Browser.csrfToken(in: refused))
        return (refused.status, refused.bodyText.replacingOccurrences(of: token, with: "TOKEN"))
    }

    @Test("each hint shows for an unknown login and, identically, once the account exists", arguments: cases)
    func sameForExistingAndUnknown(_ example: Case) async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let (unknownStatus, unknown) = try await Self.refusedLogin(browser, login: example.typed, password: example.password)
        _ = try await fixture.addStaff(example.account, role: .teacher, schoolID: fixture.school.id)
        let (existingStatus, existing) = try await Self.refusedLogin(browser, login: example.typed, password: example.password)
        #expect(unknownStatus == existingStatus)
        #expect(unknownStatus >= 400)
        #expect(unknown == existing)

        for (id, visible) in [(LoginHints.ID.cyrillic, example.cyrillic), (LoginHints.ID.lookalike, example.lookalike),
                              (LoginHints.ID.capsLock, example.capsLock)] {
            #expect(existing.contains("id=\"\(id)\">") == visible, "\(id) visible")
            #expect(existing.contains("id=\"\(id)\" hidden>") == !visible, "\(id) hidden")
        }
        if example.cyrillic { #expect(existing.contains("<strong>«\u{043E}»</strong>")) }
        let loginDescribedBy = ([LoginHints.ID.error] + (example.cyrillic ? [LoginHints.ID.cyrillic] : [])
            + (example.lookalike ? [LoginHints.ID.lookalike] : [])).joined(separator: " ")
        #expect(existing.contains("aria-invalid=\"true\" aria-describedby=\"\(loginDescribedBy)\" data-cyrillic-hint="))
        let passwordDescribedBy = ([LoginHints.ID.error] + (example.capsLock ? [LoginHints.ID.capsLock] : []))
            .joined(separator: " ")
        #expect(existing.contains("aria-invalid=\"true\" aria-describedby=\"\(passwordDescribedBy)\" data-caps-hint="))
        #expect(existing.contains("<p class=\"error\" role=\"alert\" id=\"login-error\">"))
        #expect(!existing.contains(example.password))
        try await fixture.server.stop()
    }

    @Test("a first visit renders every note hidden for the script, and links to forgot login and password")
    func firstVisit() async throws {
        let fixture = try await PageFixture.start()
        let page = try await Browser(port: fixture.server.port).get("/login").bodyText
        for id in [LoginHints.ID.cyrillic, LoginHints.ID.lookalike, LoginHints.ID.capsLock] {
            #expect(page.contains("id=\"\(id)\" hidden>"))
        }
        #expect(!page.contains("aria-invalid"))
        #expect(page.contains("href=\"/recover/login\""))
        #expect(page.contains("href=\"/recover/password\""))
        try await fixture.server.stop()
    }

    @Test("the hints are computed from the typed text", arguments: [
        ("ivanov", "pass", [Character](), true, false),
        ("ivаnоv", "pass", ["а", "о"], true, false),
        ("pupkin", "PASS-WORD", [], true, true),
        ("mark", "12345678", [], false, false),
        ("mark", "ПАРОЛЬ", [], false, true),
        ("mark", "Pass", [], false, false),
    ] as [(String, String, [Character], Bool, Bool)])
    func computed(login: String, password: String, cyrillic: [Character], lookalikes: Bool, capsLock: Bool) {
        let hints = LoginHints(login: login, password: password)
        #expect(hints.cyrillicLetters == cyrillic)
        #expect(hints.hasLookalikes == lookalikes)
        #expect(hints.capsLock == capsLock)
    }

    @Test("the first-login change page states the policy for the account in plain words")
    func policyInPlainWords() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let form = try await browser.get("/login")
        _ = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", "teacher"),
            ("password", fixture.teacherPassword),
        ])
        let change = try await browser.get("/password/change").bodyText
        let policy = fixture.server.application.environment.policies.passwords
        let minimum = policy.minimumLength(for: .teacher, hasSecondFactor: false)
        #expect(change.contains("<li>\(PageText.policyMinimumLength.russian) \(minimum) "))
        #expect(change.contains(PageText.policyCommonRefused.russian))
        #expect(change.contains(PageText.policyLoginRefused.russian) == policy.rejectLoginVariants)
        #expect(change.contains("aria-describedby=\"password-policy\""))
        let mismatch = try await browser.post("/password/change", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: try await browser.get("/password/change")))),
            ("new_password", PageFixture.newPassword), ("repeat_password", "other"),
        ])
        #expect(mismatch.status == 400)
        #expect(mismatch.bodyText.contains("aria-invalid=\"true\" aria-describedby=\"field-repeat_password-error\""))
        #expect(mismatch.bodyText.contains("<p class=\"field-error\" id=\"field-repeat_password-error\">"))
        try await fixture.server.stop()
    }
}
