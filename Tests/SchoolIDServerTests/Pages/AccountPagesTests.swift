import Foundation
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `GET /account`, the dashboard, on an ``AcknowledgementWorld``: the mother of a
/// served child with a note waiting for her signature.
@Suite struct AccountPagesTests {
    @Test("a guardian's dashboard shows the notes waiting, the children with school and class, and every family and data page")
    func guardianDashboard() async throws {
        try await AcknowledgementWorld.run { world in
            _ = try await world.pending()
            let mother = try await FamilyPagesTests.browser(world.server, login: "anna.petrova")
            let page = try await mother.get(Routes.accountPage)
            #expect(page.status == 200)
            let text = page.bodyText
            #expect(text.contains("<a href=\"\(Routes.acknowledgementsPage)\">\(AccountPageText.waitingSignatures.russian): 1</a>"))
            let table = try #require(BrowserEnrolment.between(text, "<tbody>", "</tbody>"))
            #expect(table.contains("Миша"))
            for path in [Routes.childrenPage, Routes.trustedPersonsPage, Routes.acknowledgementsPage, Routes.securityPage,
                         Routes.secondFactorsPage, Routes.passwordChangePage, Routes.accountConsentPage, Routes.exportPage,
                         Routes.accountDeletePage] {
                #expect(text.contains("href=\"\(path)\""), "\(path)")
            }
            #expect(!text.contains("href=\"\(Routes.teacherPage)\""))

            mother.acceptLanguage = "en"
            let english = try await mother.get(Routes.accountPage)
            #expect(english.bodyText.contains("\(AccountPageText.waitingSignatures.english): 1"))
        }
    }

    @Test("an adult with nothing waiting sees no to-do list")
    func nothingWaiting() async throws {
        try await AcknowledgementWorld.run { world in
            let stranger = try await FamilyPagesTests.browser(world.server, login: "olga.sidorova")
            let page = try await stranger.get(Routes.accountPage)
            #expect(page.status == 200)
            #expect(!page.bodyText.contains(AccountPageText.toDoHeading.russian))
        }
    }
}
