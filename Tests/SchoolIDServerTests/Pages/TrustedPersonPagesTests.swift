import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/account/trusted-persons` in browsers, through the real server on its manual clock
/// (fixture policies: 24 h to accept, access 1 h after acceptance; issue 7).
@Suite struct TrustedPersonPagesTests {
    static let page = "/account/trusted-persons"

    /// The guardian's invitation from the page's form.
    static func invite(_ browser: Browser, child: Account.ID, lastName: String, phone: String = "", snils: String = "",
                       services: [String] = ["diary"], lastDay: String = "") async throws -> TestResponse
    {
        try await FamilyPagesTests.submit(browser, from: page, to: "\(page)/invite", [
            ("student_id", child.rawValue), ("last_name", lastName), ("phone", phone), ("snils", snils),
            ("last_day", lastDay)] + services.map { ("service_\($0)", "on") })
    }

    /// The form action `/account/trusted-persons/<id>/<verb>` on `page`.
    static func action(_ verb: String, on page: TestResponse) throws -> String {
        let range = try #require(page.bodyText.range(of: "/account/trusted-persons/[^/\"]+/\(verb)", options: .regularExpression),
                                 "no \(verb) button")
        return String(page.bodyText[range])
    }

    @Test("a guardian invites from the page; the invitee accepts in their browser; access opens after the delay; the guardian revokes it")
    func inviteAcceptRevoke() async throws {
        try await TrustedFixture.run { fixture in
            _ = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let guardian = try await FamilyPagesTests.browser(fixture.server, login: "anna.petrova")
            let form = try await guardian.get(Self.page)
            #expect(form.bodyText.contains("<option value=\"\(fixture.child.id.rawValue)\">"))
            let invited = try await Self.invite(guardian, child: fixture.child.id, lastName: "Сидоров",
                                                phone: "+7 916 111-00-02", services: ["diary", "nutrition"])
            #expect(invited.status == 200 && invited.header("Cache-Control") == "no-store")
            #expect(invited.bodyText.contains(FamilyPageText.invitedTitle.russian))
            #expect(!invited.bodyText.contains("acceptance-code"), "a phone invitation has no code")
            let sent = try await guardian.get(Self.page)
            #expect(sent.bodyText.contains("Сидоров") && sent.bodyText.contains(FamilyPageText.phaseInvited.russian))

            let invitee = try await FamilyPagesTests.browser(fixture.server, login: "ivan.sidorov")
            let received = try await invitee.get(Self.page)
            #expect(received.bodyText.contains(FamilyPageText.serviceDiary.russian + ", " + FamilyPageText.serviceNutrition.russian))
            #expect(!received.bodyText.contains("acceptance_code"))
            let forged = try await invitee.post(try Self.action("accept", on: received), form: [("csrf_token", "forged")])
            #expect(forged.status == 403)
            let accepted = try await FamilyPagesTests.submit(invitee, from: Self.page, to: try Self.action("accept", on: received), [])
            #expect(accepted.status == 303 && accepted.header("Location") == Self.page)
            #expect((try await invitee.get(Self.page)).bodyText.contains(FamilyPageText.phaseAccepted.russian))
            #expect(try await TrustedFixture.access(try await fixture.login("ivan.sidorov")).isEmpty)

            fixture.server.clock.advance(seconds: 3_600)
            #expect(try await TrustedFixture.access(try await fixture.login("ivan.sidorov"))
                == [fixture.child.id.rawValue: ["diary", "nutrition"]])
            let again = try await FamilyPagesTests.browser(fixture.server, login: "anna.petrova")
            let active = try await again.get(Self.page)
            #expect(active.bodyText.contains(FamilyPageText.phaseActive.russian))
            let revoked = try await FamilyPagesTests.submit(again, from: Self.page, to: try Self.action("revoke", on: active), [])
            #expect(revoked.status == 303)
            #expect((try await again.get(Self.page)).bodyText.contains(FamilyPageText.phaseRevoked.russian))
            #expect(try await TrustedFixture.access(try await fixture.login("ivan.sidorov")).isEmpty)
        }
    }

    @Test("a SNILS invitation shows its acceptance code once; a declared-SNILS invitee accepts only with it, a wrong one shows at the code field")
    func acceptanceCode() async throws {
        try await TrustedFixture.run { fixture in
            _ = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", snils: "112-233-445 95",
                                         snilsVerified: false)
            let guardian = try await FamilyPagesTests.browser(fixture.server, login: "anna.petrova")
            let invited = try await Self.invite(guardian, child: fixture.child.id, lastName: "Сидоров", snils: "11223344595")
            #expect(invited.status == 200 && invited.header("Cache-Control") == "no-store")
            #expect(invited.bodyText.contains(FamilyPageText.acceptanceCodeExplanation.russian))
            let code = try #require(BrowserEnrolment.between(invited.bodyText, "<p class=\"secret acceptance-code\">", "</p>"))
            #expect(!(try await guardian.get(Self.page)).bodyText.contains(code), "the code is shown once")

            let invitee = try await FamilyPagesTests.browser(fixture.server, login: "ivan.sidorov")
            let received = try await invitee.get(Self.page)
            #expect(received.bodyText.contains(FamilyPageText.hiddenName.russian))
            let accept = try Self.action("accept", on: received)
            let id = try #require(accept.split(separator: "/").dropLast().last)
            let wrong = try await FamilyPagesTests.submit(invitee, from: Self.page, to: accept, [("acceptance_code", "ACDEF-GHJKM")])
            #expect(wrong.status == 403)
            #expect(wrong.bodyText.contains("id=\"error-accept-\(id)-acceptance_code\""))
            #expect(wrong.bodyText.contains(ErrorCode.acceptanceCodeInvalid.message(in: .russian)))
            let right = try await FamilyPagesTests.submit(invitee, from: Self.page, to: accept, [("acceptance_code", code)])
            #expect(right.status == 303)
            #expect((try await invitee.get(Self.page)).bodyText.contains(FamilyPageText.phaseAccepted.russian))
        }
    }

    @Test("invite form errors show next to their fields and create nothing; without the CSRF token the form is refused")
    func inviteErrors() async throws {
        try await TrustedFixture.run { fixture in
            let guardian = try await FamilyPagesTests.browser(fixture.server, login: "anna.petrova")
            let cases: [(phone: String, snils: String, services: [String], field: String, code: ErrorCode)] = [
                ("12", "", ["diary"], "phone", .phoneInvalidFormat),
                ("", "112-233-445 96", ["diary"], "snils", .snilsInvalid),
                ("", "", ["diary"], "phone", .inviteeInvalid),
                ("+79161110002", "", [], "services", .badRequest),
            ]
            for entry in cases {
                let refused = try await Self.invite(guardian, child: fixture.child.id, lastName: "Сидоров <b>",
                                                    phone: entry.phone, snils: entry.snils, services: entry.services)
                #expect(refused.status == 400, "\(entry.field)")
                #expect(refused.bodyText.contains("id=\"error-invite-\(entry.field)\"")
                    && refused.bodyText.contains(HTML.escape(entry.code.message(in: .russian))), "\(entry.field)")
                #expect(refused.bodyText.contains("value=\"Сидоров &lt;b&gt;\""), "the typed name comes back escaped")
            }
            let forged = try await guardian.post("\(Self.page)/invite", form: [
                ("csrf_token", "forged"), ("student_id", fixture.child.id.rawValue), ("last_name", "Сидоров"),
                ("phone", "+79161110002"), ("service_diary", "on")])
            #expect(forged.status == 403)
            #expect((try await guardian.get(Self.page)).bodyText.contains(FamilyPageText.noSent.russian))
        }
    }
}
