import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Who may delete which account (issue 8), with `enforce_step_up` on: a student's
/// account by the school admin of their school (or a platform admin) after a step-up;
/// never by a teacher or another school's admin; staff never delete themselves.
@Suite struct StudentDeletionTests {
    /// A school with a class, a student with a guardian, its admin and teacher, and an
    /// admin of another school; every staff client has proven a second factor.
    struct People {
        let student: GuardianFixture.Student
        let guardian: APIClient
        let admin: APIClient
        let adminID: Account.ID
        let teacher: APIClient
        let otherAdmin: APIClient
    }

    static func people(_ fixture: FactorFixture) async throws -> People {
        let guardians = GuardianFixture(server: fixture.server)
        let schoolClass = try await guardians.schoolClass(code: "g57")
        let elsewhere = try await guardians.schoolClass(code: "t58")
        let student = try await guardians.student(login: "g57-7301", in: schoolClass)
        let (_, guardian) = try await guardians.adult(login: "anna.petrova", phone: "+79161110001")
        let claimed = try await guardian.post("/v1/me/children/claim", json: [
            "login": student.login, "password": student.password, "relation": "mother"])
        try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
        let adminID = try await staff(fixture, "admin.g57", .schoolAdmin, schoolClass.schoolID)
        let teacherID = try await staff(fixture, "teacher.g57", .teacher, schoolClass.schoolID)
        let otherID = try await staff(fixture, "admin.t58", .schoolAdmin, elsewhere.schoolID)
        var clients: [APIClient] = []
        for id in [adminID, teacherID, otherID] {
            let client = try await fixture.client(id)
            try await StepUpAPITests.proveSecondFactor(client, on: fixture.server)
            clients.append(client)
        }
        return People(student: student, guardian: guardian, admin: clients[0], adminID: adminID, teacher: clients[1],
                      otherAdmin: clients[2])
    }

    static func staff(_ fixture: FactorFixture, _ login: String, _ role: Role, _ schoolID: School.ID) async throws
        -> Account.ID
    {
        let (account, _) = try await DirectoryService(environment: fixture.environment).addStaff(
            by: .commandLine, role: role, schoolID: schoolID, login: login,
            profile: try AccountProfile(lastName: "Сидорова", firstName: "Ольга", patronymic: nil, birthDate: nil),
            context: .commandLine(requestID: "test-\(login)"))
        return account.id
    }

    @Test("the school admin deletes a student after a step-up; a teacher, another school's admin and a stale session cannot")
    func schoolAdminDeletesStudent() async throws {
        try await FactorFixture.run { fixture in
            let people = try await Self.people(fixture)
            let path = "/v1/accounts/\(people.student.id.rawValue)"
            let byTeacher = try await people.teacher.send("DELETE", path)
            #expect(byTeacher.status == 403 && byTeacher.errorCode == "permission_denied", "\(byTeacher.text)")
            let byOther = try await people.otherAdmin.send("DELETE", path)
            #expect(byOther.status == 403 && byOther.errorCode == "school_not_assigned", "\(byOther.text)")
            fixture.server.clock.advance(seconds: 301)
            let stale = try await people.admin.send("DELETE", path)
            #expect(stale.status == 403 && stale.errorCode == "step_up_required", "\(stale.text)")
            #expect(try await fixture.account(people.student.id).status == .active)

            try await StepUpAPITests.proveSecondFactor(people.admin, on: fixture.server)
            let deleted = try await people.admin.send("DELETE", path)
            #expect(deleted.status == 204, "\(deleted.text)")
            let again = try await people.admin.send("DELETE", path)
            #expect(again.status == 404 && again.errorCode == "account_not_found", "\(again.text)")

            let student = try await fixture.account(people.student.id)
            #expect(student.status == .deleted && student.login == nil && student.profile.isEmpty)
            let environment = fixture.environment
            let (reserved, enrolments, key) = try await environment.storage.read { tx in
                (try tx.accounts.isLoginTaken(try Login(parsing: people.student.login)),
                 try tx.accounts.enrolments(of: people.student.id),
                 try tx.ownerKeys.wrappedKey(for: people.student.id.rawValue))
            }
            #expect(reserved && key == nil && enrolments.allSatisfy { $0.endedAt != nil })
            let login = try await APIClient(fixture.server).post("/v1/login", json: [
                "login": people.student.login, "password": people.student.password])
            #expect(login.status == 401, "\(login.text)")
            let children = try await people.guardian.get("/v1/me/children")
            #expect(children.status == 200 && !children.text.contains(people.student.id.rawValue), "\(children.text)")
            let events = try await environment.storage.read { tx in
                try tx.audit.events(AuditQuery(accountID: people.student.id, limit: 100))
            }
            let deletion = try #require(events.first { $0.action == .accountDeleted })
            #expect(deletion.actorID == people.adminID && deletion.detail.contains("category=student"))
        }
    }

    @Test("an adult's account is not deleted through the student route")
    func adultsAreNotStudents() async throws {
        try await FactorFixture.run { fixture in
            let people = try await Self.people(fixture)
            let guardianID = try #require(try await people.guardian.get("/v1/me").string("account_id"))
            let refused = try await people.admin.send("DELETE", "/v1/accounts/\(guardianID)")
            #expect(refused.status == 409 && refused.errorCode == "account_not_student", "\(refused.text)")
        }
    }

    @Test("staff cannot delete themselves; a guardian needs a step-up, then DELETE /v1/me answers 204")
    func selfDeletion() async throws {
        try await FactorFixture.run { fixture in
            let people = try await Self.people(fixture)
            let staff = try await people.teacher.send("DELETE", "/v1/me")
            #expect(staff.status == 403 && staff.errorCode == "account_deletion_not_allowed", "\(staff.text)")
            let admin = try await people.admin.send("DELETE", "/v1/me")
            #expect(admin.status == 403 && admin.errorCode == "account_deletion_not_allowed", "\(admin.text)")
            let stale = try await people.guardian.send("DELETE", "/v1/me")
            #expect(stale.status == 403 && stale.errorCode == "step_up_required", "\(stale.text)")
            try await StepUpAPITests.proveSecondFactor(people.guardian, on: fixture.server, method: .sms)
            let deleted = try await people.guardian.send("DELETE", "/v1/me")
            #expect(deleted.status == 204, "\(deleted.text)")
            #expect(try await people.guardian.get("/v1/me").status == 401)
        }
    }
}
