import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/account/delete` in a browser (issue 8).
@Suite struct AccountDeletionPagesTests {
    @Test("the page explains the consequences; a post without the CSRF token deletes nothing; with it the account is deleted, the cookie cleared and the browser sent to /login")
    func deleteFromThePage() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: "+79160000001")
            let browser = try await SecurityPagesTests.browser(world, person)
            let security = try await browser.get("/account/security")
            #expect(security.bodyText.contains("href=\"/account/delete\""))
            let page = try await browser.get("/account/delete")
            #expect(page.status == 200)
            for key in [DeletionPageText.consequenceChildren, .consequenceRecords, .consequenceData, .submit] {
                #expect(page.bodyText.contains(key.russian), "\(key)")
            }
            let refused = try await browser.post("/account/delete", form: [("csrf_token", "x")])
            #expect(refused.status == 403)
            #expect(try await person.client.get("/v1/me").status == 200)

            let deleted = try await browser.post("/account/delete", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: page)))])
            #expect(deleted.status == 303 && deleted.header("Location") == "/login")
            #expect(Browser.setCookies(deleted).contains { $0.contains("Max-Age=0") })
            #expect(try await person.client.get("/v1/me").status == 401)
            let accountID = try #require(Account.ID(rawValue: person.accountID))
            let account = try await world.server.application.environment.storage.read { tx in
                try tx.accounts.account(accountID)
            }
            #expect(account?.status == .deleted)
        }
    }

    @Test("with enforce_step_up on, the delete button goes through /step-up and back to /account/delete")
    func deleteNeedsStepUp() async throws {
        try await FactorPagesTests.run(policy: StepUpPagesTests.enforce) { world in
            let (person, browser) = try await FactorPagesTests.guardian(world)
            let page = try await browser.get("/account/delete")
            let refused = try await browser.post("/account/delete", form: [
                ("csrf_token", try #require(Browser.csrfToken(in: page)))])
            #expect(refused.status == 303)
            #expect(refused.header("Location") == "/step-up?return_to=/account/delete")
            #expect(try await person.client.get("/v1/me").status == 200)
        }
    }
}
