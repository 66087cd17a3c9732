import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The consent page of a trusted person: the children granted to them, each with only
/// the granted services, as a guardian sees their children.
@Suite struct AuthorizeTrustedConsentTests {
    @Test("a trusted person's consent page lists the granted child with the granted services only")
    func trustedChildren() async throws {
        let fixture = try await AuthorizeFixture.start()
        let environment = fixture.server.application.environment
        _ = try await Self.grant([.attendance], to: fixture.guardianID, in: environment,
                                           now: fixture.server.clock.now())
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        _ = try await fixture.login(browser)
        let consent = try await browser.get(AuthorizeFixture.path(AuthorizeFixture.parameters()))
        #expect(consent.status == 200)
        let text = consent.bodyText
        #expect(text.contains(AuthorizePageText.trustedChildrenHeading.english))
        #expect(text.contains("<li>Иванова Маша (\(FamilyPageText.serviceAttendance.english))</li>"))
        #expect(!text.contains(AuthorizePageText.childrenHeading.english))
        try await fixture.server.stop()
    }

    @Test("an adult with no grants sees no trusted children heading")
    func noGrants() async throws {
        let fixture = try await AuthorizeFixture.start()
        let browser = Browser(port: fixture.server.port, acceptLanguage: "en")
        _ = try await fixture.login(browser)
        let consent = try await browser.get(AuthorizeFixture.path(AuthorizeFixture.parameters()))
        #expect(consent.status == 200 && !consent.bodyText.contains(AuthorizePageText.trustedChildrenHeading.english))
        try await fixture.server.stop()
    }

    /// A school, a student linked to another guardian, and that guardian's active grant
    /// of `services` to `inviteeID` (both named Иванова, the student Маша); the student's id.
    static func grant(_ services: Set<Service>, to inviteeID: Account.ID, in environment: ServiceEnvironment,
                      now: UnixTime) async throws -> Account.ID
    {
        let random = environment.random
        let school = School(id: .random(using: random), code: try SchoolCode(parsing: "t58"), name: "Школа t58",
                            region: "77", timeZone: School.defaultTimeZone, createdAt: now)
        let studentID = Account.ID.random(using: random), guardianID = Account.ID.random(using: random)
        let link = GuardianLink(id: .random(using: random), guardianID: guardianID, studentID: studentID,
                                relation: .mother, origin: .credentials, state: .active, createdAt: now, confirmedAt: now)
        try await environment.storage.write { tx in
            try tx.schools.insert(school)
            for (id, category, first) in [(studentID, Account.Category.student, "Маша"), (guardianID, .adult, "Ольга")] {
                let key = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
                let profile = try AccountProfile(lastName: "Иванова", firstName: first, patronymic: nil, birthDate: nil)
                try tx.accounts.insert(Account(id: id, category: category, login: nil,
                                               profile: try profile.sealed(for: id, under: key), createdAt: now))
            }
            try tx.guardianLinks.insert(link)
        }
        _ = try await TokenWorld.storeGrant(services, for: studentID, by: guardianID, to: inviteeID, school: school.id,
                                            in: environment, at: now)
        return studentID
    }
}
