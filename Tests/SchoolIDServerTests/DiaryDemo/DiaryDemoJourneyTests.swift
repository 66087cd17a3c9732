import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// The end-to-end journeys through `diary-demo` that rest on grants changing
/// under a signed-in person: a trusted person's narrow view, and an unlinking.
@Suite struct DiaryDemoJourneyTests {
    @Test("a trusted person sees the one granted child with only the granted service, and acts for it alone")
    func trustedPerson() async throws {
        let world = try await DiaryDemoWorld.start(children: 0)
        let student = try await AuthorizeTrustedConsentTests.grant([.diary], to: world.fixture.guardianID,
                                                                   in: world.server.application.environment,
                                                                   now: world.server.clock.now())
        _ = try await world.signIn()
        let home = try await world.diary.get("/")
        #expect(DiaryDemoWorld.studentLinks(home) == [student.rawValue])
        let listed = try #require(try world.session().verified.students)
        #expect(listed.map(\.id) == [student.rawValue] && listed[0].relation == .trusted && listed[0].services == ["diary"])

        let page = try await world.diary.get("/students/" + student.rawValue)
        #expect(page.status == 200, "\(page.bodyText)")
        #expect(page.bodyText.contains("<span id=\"relation\">trusted</span>"))
        #expect(page.bodyText.contains("<li class=\"service\">diary</li>"))
        #expect(!page.bodyText.contains("<li class=\"service\">attendance</li>"))
        let other = try await world.diary.get("/students/" + Account.ID.random(using: SystemRandomSource()).rawValue)
        #expect(other.status == 403)
        try await world.stop()
    }

    @Test("after unlinking, introspection calls the demo's token inactive, exchange is refused and refresh signs out")
    func unlinking() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let child = world.children[0]
        #expect(try await world.diary.get("/students/" + child.rawValue).status == 200)
        let access = try world.session().accessToken
        #expect(try await world.introspect(access)["active"] as? Bool == true)

        let environment = world.server.application.environment
        let link = try await Self.enrol(child, in: environment, now: world.server.clock.now())
        _ = try await GuardianshipService(environment: environment, attempts: PasswordAttempts(environment: environment),
                                          credentials: CredentialBatchService(environment: environment))
            .unlink(by: .commandLine, linkID: link, context: .commandLine(requestID: "unlink"))
        #expect(try await world.introspect(access).count == 1)
        #expect(try await world.diary.get("/students/" + child.rawValue).status == 403)
        let home = try await world.diary.get("/")
        let refreshed = try await world.diary.post("/refresh", form: [("csrf_token", try world.csrf(home))])
        #expect(refreshed.status == 303)
        #expect(try await world.diary.get("/").bodyText.contains("Sign in with SchoolID"))
        try await world.stop()
    }
}

extension DiaryDemoJourneyTests {
    /// Enrols `student` in a new class (unlinking is a school's act about its pupil);
    /// returns the student's guardian link.
    static func enrol(_ student: Account.ID, in environment: ServiceEnvironment, now: UnixTime) async throws
        -> GuardianLink.ID
    {
        let random = environment.random
        let school = School(id: .random(using: random), code: try SchoolCode(parsing: "t59"), name: "Школа t59",
                            region: "77", timeZone: School.defaultTimeZone, createdAt: now)
        let schoolClass = SchoolClass(id: .random(using: random), schoolID: school.id, grade: 5, letter: "А",
                                      schoolYearStart: 2026, createdAt: now)
        return try await environment.storage.write { tx in
            try tx.schools.insert(school)
            try tx.classes.insert(schoolClass)
            try tx.accounts.insert(Enrolment(id: .random(using: random), studentID: student, classID: schoolClass.id,
                                             schoolID: school.id, startedAt: now))
            return try #require(try tx.guardianLinks.links(ofStudent: student).first).id
        }
    }
}

extension DiaryDemoWorld {
    /// `POST /oauth/introspect` as the demo's client; the JSON answer.
    func introspect(_ token: String) async throws -> [String: Any] {
        let pair = TokenEndpointWorld.formEncode(Self.clientID) + ":" + TokenEndpointWorld.formEncode(secret)
        let response = try await APIClient(server).send(
            "POST", "/oauth/introspect", body: Array(("token=" + TokenEndpointWorld.formEncode(token)).utf8),
            contentType: "application/x-www-form-urlencoded",
            extraHeaders: [("Authorization", "Basic " + Data(pair.utf8).base64EncodedString())])
        try #require(response.status == 200, "\(response.text)")
        return response.json
    }
}
