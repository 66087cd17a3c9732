import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// A running server with a school `7Б` taught by `teacher`, set up through the Core
/// services as the command line would, and page-level helpers to log people in.
struct PageFixture {
    let server: TestServer
    let school: School
    let schoolClass: SchoolClass
    let teacherPassword: String
    static let newPassword = "lilac-harbour-compass-1947"

    static func start(configure: (inout ServeConfiguration) -> Void = { _ in }) async throws -> PageFixture {
        let server = try await TestServer(configure: configure)
        let directory = DirectoryService(environment: server.application.environment)
        let cli = RequestContext.commandLine(requestID: "test")
        let school = try await directory.createSchool(by: .commandLine, code: "s42", name: "Школа № 42", region: "77",
                                                      timeZone: nil, context: cli)
        let (teacher, first) = try await directory.addStaff(
            by: .commandLine, role: .teacher, schoolID: school.id, login: "teacher",
            profile: try AccountProfile(lastName: "Иванова", firstName: "Мария", patronymic: nil, birthDate: nil), context: cli)
        let schoolClass = try await directory.createClass(by: .commandLine, schoolID: school.id, grade: 7, letter: "Б",
                                                          schoolYearStart: nil, teacherIDs: [teacher.id], context: cli)
        return PageFixture(server: server, school: school, schoolClass: schoolClass,
                           teacherPassword: try #require(first).text)
    }

    /// A staff member added from the command line, with their first password.
    func addStaff(_ login: String, role: Role, schoolID: School.ID?) async throws -> String {
        let (_, first) = try await DirectoryService(environment: server.application.environment).addStaff(
            by: .commandLine, role: role, schoolID: schoolID, login: login,
            profile: try AccountProfile(lastName: "Петров", firstName: "Пётр", patronymic: nil, birthDate: nil),
            context: .commandLine(requestID: "test"))
        return try #require(first).text
    }

    /// Logs a staff member in through the pages with a first password, replaces it and
    /// enrols TOTP, as staff must before anything else (the browser then holds a
    /// session cookie); what the enrolment showed.
    @discardableResult
    func firstLogin(_ browser: Browser, login: String, password: String) async throws -> BrowserEnrolment.Enrolled {
        let form = try await browser.get("/login")
        let loggedIn = try await browser.post("/login", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: form))), ("login", login), ("password", password),
        ])
        #expect(loggedIn.status == 303)
        #expect(loggedIn.header("Location") == "/password/change")
        let change = try await browser.get("/password/change")
        let changed = try await browser.post("/password/change", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: change))),
            ("new_password", Self.newPassword), ("repeat_password", Self.newPassword),
        ])
        #expect(changed.status == 303)
        #expect(changed.header("Location") == "/login/enrol")
        return try await BrowserEnrolment.complete(browser, server: server)
    }

    /// Uploads a roster through the class page; returns the response.
    func upload(_ browser: Browser, csv: [UInt8]) async throws -> TestResponse {
        let page = try await browser.get("/teacher/classes/\(schoolClass.id.rawValue)")
        #expect(page.status == 200)
        return try await browser.post("/teacher/classes/\(schoolClass.id.rawValue)/roster",
                                      fields: [("csrf_token", try #require(Browser.csrfToken(in: page)))],
                                      file: (name: "roster", filename: "class.csv", bytes: csv))
    }

    /// Follows a batch page until the batch is no longer queued or running (the job runs
    /// in the background; this waits for it, it does not test a time rule).
    func waitForBatch(_ browser: Browser, path: String) async throws -> TestResponse {
        for _ in 0..<600 {
            let page = try await browser.get(path)
            if !page.bodyText.contains("http-equiv=\"refresh\"") { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the batch did not finish")
        return try await browser.get(path)
    }
}
