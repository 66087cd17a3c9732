import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Issue 7's end-to-end: a guardian links two children in different classes (one by
/// the slip's temporary credentials, one by a link code the teacher issued); the
/// teacher proposes a second guardian by phone, who confirms; every person's
/// `GET /v1/me/access` shows exactly the right students, services and classes; a
/// school admin ends a link and the child leaves that guardian's access.
@Suite struct GuardianshipEndToEndTests {
    static let allServices = ["attendance", "diary", "nutrition"].sorted {
        Service(rawValue: $0)! < Service(rawValue: $1)!
    }

    /// `GET /v1/me/access` as (student id → (services, via)) and the classes.
    static func access(_ client: APIClient) async throws -> (students: [String: ([String], String)], classes: [String]) {
        let response = try await client.get("/v1/me/access")
        try #require(response.status == 200, "\(response.text)")
        var students: [String: ([String], String)] = [:]
        for entry in response.objects("students") {
            students[entry["student_id"] as? String ?? ""] = (entry["services"] as? [String] ?? [], entry["via"] as? String ?? "")
        }
        return (students, response.json["classes"] as? [String] ?? [])
    }

    @Test("two children by credentials and link code, a second guardian by phone proposal, and each person's access")
    func endToEnd() async throws {
        try await SchoolWorld.run { world in
            let fixture = GuardianFixture(server: world.server)
            let secondClass = try await SchoolWorld.createClass(by: world.schoolAdmin, schoolID: world.schoolID, grade: 5,
                                                                letter: "А", teacherIDs: [world.teacherID])
            let first = try #require(try await world.issue(names: [("Петров", "Миша")]).first)
            let roster = try JSONSerialization.data(withJSONObject: ["students": [["last_name": "Петрова", "first_name": "Оля"]]])
            let second = try #require(try await world.issue(Array(roster), contentType: "application/json",
                                                            classID: secondClass).first)
            let firstID = try #require(try await world.students().first { $0["login"] as? String == first.login }?["account_id"] as? String)
            let secondID = try #require(try await world.students(classID: secondClass)
                .first { $0["login"] as? String == second.login }?["account_id"] as? String)
            let mother = try await fixture.adult(login: "anna.petrova", phone: "+79161234567")
            let father = try await fixture.adult(login: "oleg.petrov", phone: "+79167654321")

            // 1. The slip's login and temporary password.
            let byCredentials = try await mother.client.post("/v1/me/children/claim", json: [
                "login": first.login, "password": first.password, "relation": "mother"])
            #expect(byCredentials.status == 201, "\(byCredentials.text)")
            #expect(byCredentials.string("state") == "active" && byCredentials.string("origin") == "credentials")

            // 2. A link code from the teacher, single use.
            let issued = try await world.teacher.post("/v1/students/\(secondID)/link-codes")
            #expect(issued.status == 201, "\(issued.text)")
            let code = try #require(issued.string("code"))
            #expect(code.count == 11 && LinkCode.normalise(code) == code)
            let byCode = try await mother.client.post("/v1/me/children/claim", json: [
                "link_code": code.lowercased().replacingOccurrences(of: "-", with: " "), "relation": "mother"])
            #expect(byCode.status == 201 && byCode.string("origin") == "link_code", "\(byCode.text)")
            let reused = try await father.client.post("/v1/me/children/claim", json: ["link_code": code, "relation": "father"])
            #expect(reused.status == 400 && reused.errorCode == "link_code_invalid", "\(reused.text)")

            // 3. The teacher proposes the father by phone; he confirms.
            let proposed = try await world.teacher.post("/v1/students/\(firstID)/guardian-proposals", json: [
                "phone": "8 916 765-43-21", "relation": "father"])
            #expect(proposed.status == 201 && proposed.string("state") == "pending", "\(proposed.text)")
            let linkID = try #require(proposed.string("link_id"))
            #expect(try await Self.access(father.client).students.isEmpty)
            let pending = try await father.client.get("/v1/me/guardian-links")
            #expect(pending.objects("links").map { $0["state"] as? String } == ["pending"])
            let confirmed = try await father.client.post("/v1/me/guardian-links/\(linkID)/confirm")
            #expect(confirmed.status == 200 && confirmed.string("state") == "active", "\(confirmed.text)")
            let unknownPhone = try await world.teacher.post("/v1/students/\(firstID)/guardian-proposals", json: [
                "phone": "+79160000000", "relation": "other"])
            #expect(unknownPhone.status == 404 && unknownPhone.errorCode == "guardian_not_found")

            // 4. Access of each person.
            let motherAccess = try await Self.access(mother.client)
            #expect(Set(motherAccess.students.keys) == [firstID, secondID])
            #expect(motherAccess.students.values.allSatisfy { $0.0 == Self.allServices && $0.1 == "guardian" })
            #expect(motherAccess.classes.isEmpty)
            #expect(try await mother.client.get("/v1/me").json["roles"] as? [String] == ["guardian"])
            let fatherAccess = try await Self.access(father.client)
            #expect(Array(fatherAccess.students.keys) == [firstID] && fatherAccess.classes.isEmpty)
            let (child, _) = try await SchoolWorld.firstLogin(world.anonymous, login: first.login, password: first.password,
                                                             newPassword: "green-Kettle-river-81")
            let childAccess = try await Self.access(child)
            #expect(Array(childAccess.students.keys) == [firstID] && childAccess.students[firstID]?.1 == "self")
            #expect(childAccess.students[firstID]?.0 == Self.allServices && childAccess.classes.isEmpty)
            let teacherAccess = try await Self.access(world.teacher)
            #expect(teacherAccess.students.isEmpty)
            #expect(Set(teacherAccess.classes) == [world.classID, secondClass])

            // 5. The children list, with school and class.
            let children = try await mother.client.get("/v1/me/children").objects("children")
            let classes = children.compactMap { ($0["class"] as? [String: Any])?["name"] as? String }
            #expect(Set(classes) == ["7Б", "5А"])
            #expect(children.allSatisfy { ($0["school"] as? [String: Any])?["name"] as? String == "Школа № 57" })

            // 6. A teacher cannot end a link; the school admin can, and access follows at once.
            let byTeacher = try await world.teacher.post("/v1/guardian-links/\(linkID)/end")
            #expect(byTeacher.status == 403, "\(byTeacher.text)")
            let ended = try await world.schoolAdmin.post("/v1/guardian-links/\(linkID)/end")
            #expect(ended.status == 200 && ended.string("state") == "ended", "\(ended.text)")
            #expect(try await Self.access(father.client).students.isEmpty)
            #expect(try await father.client.get("/v1/me/children").objects("children").isEmpty)
            #expect(try await father.client.get("/v1/me").json["roles"] as? [String] == [])

            let actions = try await fixture.auditActions(about: try Account.ID(parsing: firstID))
            for action in ["guardian_link.claimed", "guardian_link.proposed", "guardian_link.confirmed", "guardian_link.ended"] {
                #expect(actions.contains(action), "\(action) audited")
            }
            #expect(try await fixture.auditActions(about: try Account.ID(parsing: secondID)).contains("link_code.issued"))
        }
    }
}
