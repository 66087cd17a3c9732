import Foundation
import SchoolIDTesting
import Testing

/// Role and scope checks through the API: a teacher acts on their own classes, a
/// school admin in their own school, a student on no admin route.
@Suite struct AuthorisationAPITests {
    static let roster = Array(#"{"students":[{"last_name":"Зайцев","first_name":"Егор"}]}"#.utf8)

    @Test("a teacher of another class of the same school gets 403 class_not_assigned on 7Б")
    func otherClassTeacher() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Зайцев", "Егор")]).first)
            _ = student
            let studentID = try #require(try await world.students().first?["account_id"] as? String)
            let staff = try await world.addStaff(role: "teacher", login: "s57-teacher2")
            let other = staff.client
            let otherClass = try await SchoolWorld.createClass(by: world.schoolAdmin, schoolID: world.schoolID, grade: 7,
                                                               letter: "А", teacherIDs: [staff.accountID])

            let upload = try await other.send("POST", "/v1/classes/\(world.classID)/credential-batches", body: Self.roster,
                                              contentType: "application/json")
            #expect(upload.status == 403 && upload.errorCode == "class_not_assigned", "\(upload.text)")
            let reissue = try await other.post("/v1/students/\(studentID)/temporary-password")
            #expect(reissue.status == 403 && reissue.errorCode == "class_not_assigned", "\(reissue.text)")
            let read = try await other.get("/v1/classes/\(world.classID)/students")
            #expect(read.status == 403 && read.errorCode == "class_not_assigned", "\(read.text)")

            let own = try await other.get("/v1/classes/\(otherClass)/students")
            #expect(own.status == 200, "their own class is fine")
        }
    }

    @Test("staff of another school get 403 school_not_assigned on 7Б and its students")
    func otherSchoolStaff() async throws {
        try await SchoolWorld.run { world in
            _ = try await world.issue(names: [("Зайцев", "Егор")])
            let students = try await world.students()
            let studentID = try #require(students.first?["account_id"] as? String)
            let enrolmentID = try #require(students.first?["enrolment_id"] as? String)
            let school = try await world.platformAdmin.post("/v1/schools", json: ["code": "s58", "name": "Школа № 58", "region": "77"])
            let otherSchool = try #require(school.string("id"))
            let foreignAdmin = try await SchoolWorld.addStaff(by: world.platformAdmin, anonymous: world.anonymous,
                                                                   server: world.server, schoolID: otherSchool, role: "school_admin",
                                                                   login: "s58-admin").client
            let foreignTeacher = try await SchoolWorld.addStaff(by: world.platformAdmin, anonymous: world.anonymous,
                                                                     server: world.server, schoolID: otherSchool, role: "teacher",
                                                                     login: "s58-teacher").client

            for client in [foreignAdmin, foreignTeacher] {
                let upload = try await client.send("POST", "/v1/classes/\(world.classID)/credential-batches",
                                                   body: Self.roster, contentType: "application/json")
                #expect(upload.status == 403 && upload.errorCode == "school_not_assigned", "\(upload.text)")
                let read = try await client.get("/v1/classes/\(world.classID)/students")
                #expect(read.status == 403 && read.errorCode == "school_not_assigned", "\(read.text)")
                let reissue = try await client.post("/v1/students/\(studentID)/temporary-password")
                #expect(reissue.status == 403 && reissue.errorCode == "school_not_assigned", "\(reissue.text)")
            }
            let unlock = try await foreignAdmin.post("/v1/accounts/\(studentID)/unlock")
            #expect(unlock.status == 403 && unlock.errorCode == "school_not_assigned", "\(unlock.text)")
            let end = try await foreignAdmin.post("/v1/enrolments/\(enrolmentID)/end")
            #expect(end.status == 403 && end.errorCode == "school_not_assigned", "\(end.text)")
            let staff = try await foreignAdmin.post("/v1/schools/\(world.schoolID)/staff", json: [
                "role": "teacher", "login": "intruder", "last_name": "Чужой", "first_name": "Пётр",
            ])
            #expect(staff.status == 403 && staff.errorCode == "school_not_assigned", "\(staff.text)")
            #expect(try await world.students().count == 1, "nothing changed in 7Б")
        }
    }

    @Test("a student gets 403 permission_denied on admin routes")
    func studentOnAdminRoutes() async throws {
        try await SchoolWorld.run { world in
            let row = try #require(try await world.issue(names: [("Зайцев", "Егор")]).first)
            let (student, _) = try await SchoolWorld.firstLogin(world.anonymous, login: row.login, password: row.password,
                                                                newPassword: "maple-river-lamp")
            let attempts: [APIResponse] = [
                try await student.get("/v1/schools"),
                try await student.post("/v1/schools", json: ["code": "s99", "name": "x", "region": "77"]),
                try await student.post("/v1/schools/\(world.schoolID)/staff", json: [
                    "role": "teacher", "login": "kid-teacher", "last_name": "Зайцев", "first_name": "Егор",
                ]),
                try await student.post("/v1/schools/\(world.schoolID)/classes", json: ["grade": 7, "letter": "В"]),
                try await student.get("/v1/classes/\(world.classID)/students"),
                try await student.send("POST", "/v1/classes/\(world.classID)/credential-batches", body: Self.roster,
                                       contentType: "application/json"),
                try await student.get("/v1/audit"),
            ]
            for response in attempts {
                #expect(response.status == 403 && response.errorCode == "permission_denied", "\(response.text)")
            }
        }
    }

    @Test("GET /v1/audit shows a school admin only their own school's events")
    func auditScopedToSchool() async throws {
        try await SchoolWorld.run { world in
            _ = try await world.issue(names: [("Зайцев", "Егор")])
            let school = try await world.platformAdmin.post("/v1/schools", json: ["code": "s58", "name": "Школа № 58", "region": "77"])
            let otherSchool = try #require(school.string("id"))
            let foreignAdmin = try await SchoolWorld.addStaff(by: world.platformAdmin, anonymous: world.anonymous,
                                                                   server: world.server, schoolID: otherSchool, role: "school_admin",
                                                                   login: "s58-admin").client
            let mine = try await world.schoolAdmin.get("/v1/audit?limit=500")
            let events = mine.objects("events")
            #expect(!events.isEmpty)
            #expect(events.allSatisfy { $0["school_id"] as? String == world.schoolID }, "\(mine.text)")
            #expect(events.contains { $0["action"] as? String == "credential_batch.created" })

            let refused = try await foreignAdmin.get("/v1/audit?limit=500&school_id=\(world.schoolID)")
            #expect(refused.status == 403 && refused.errorCode == "school_not_assigned")
            let theirs = try await foreignAdmin.get("/v1/audit?limit=500")
            #expect(theirs.status == 200)
            #expect(theirs.objects("events").allSatisfy { $0["school_id"] as? String == otherSchool }, "\(theirs.text)")
            #expect(!theirs.objects("events").contains { $0["action"] as? String == "credential_batch.created" })

            let platform = try await world.platformAdmin.get("/v1/audit?limit=500&school_id=\(world.schoolID)")
            #expect(platform.objects("events").count == events.count)

            // Filters by action (repeatable) and by an exclusive end time.
            let batches = try await world.schoolAdmin.get("/v1/audit?action=credential_batch.created&action=login.failed")
            #expect(batches.status == 200 && !batches.objects("events").isEmpty)
            #expect(Set(batches.objects("events").compactMap { $0["action"] as? String })
                .isSubset(of: ["credential_batch.created", "login.failed"]), "\(batches.text)")
            let newest = try #require(events.first?["at"] as? Int)
            let before = try await world.schoolAdmin.get("/v1/audit?limit=500&until=\(newest)")
            #expect(before.objects("events").allSatisfy { ($0["at"] as? Int ?? .max) < newest })
            #expect(before.objects("events").count == events.filter { ($0["at"] as? Int ?? .max) < newest }.count)
            let unknown = try await world.schoolAdmin.get("/v1/audit?action=nonsense")
            #expect(unknown.status == 400 && unknown.errorCode == "bad_request" && unknown.string("field") == "action",
                    "\(unknown.text)")
        }
    }
}
