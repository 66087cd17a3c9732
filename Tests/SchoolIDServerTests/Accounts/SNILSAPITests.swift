import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// The SNILS of accounts through the real server (issue 7): declared by the person,
/// verified by staff who manage the account, read only by those two, unique once
/// verified, validated by its check number.
@Suite struct SNILSAPITests {
    static let first = "123-456-789 64"
    static let second = "112-233-445 95"

    /// `PUT path {"snils": value}`.
    static func put(_ client: APIClient, _ path: String, _ value: String) async throws -> APIResponse {
        try await client.send("PUT", path, body: Array(try JSONSerialization.data(withJSONObject: ["snils": value])),
                              contentType: "application/json")
    }

    /// The audit events about `accountID` whose action starts with `snils.`, oldest first.
    static func snilsEvents(_ server: TestServer, of accountID: String) async throws -> [AuditEvent] {
        let id = try #require(Account.ID(rawValue: accountID))
        return try await server.application.environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: id, limit: 500))
        }.filter { $0.action.rawValue.hasPrefix("snils.") }.reversed()
    }

    /// Issues students of 7Б and completes their first logins: their clients and account ids.
    static func students(_ world: SchoolWorld, _ names: [(String, String)]) async throws
        -> [(client: APIClient, accountID: String)]
    {
        var students: [(client: APIClient, accountID: String)] = []
        for (index, row) in try await world.issue(names: names).enumerated() {
            students.append(try await SchoolWorld.firstLogin(world.anonymous, login: row.login, password: row.password,
                                                             newPassword: "amber-Falcon-\(index)-orchard"))
        }
        return students
    }

    @Test("an adult declares, reads, changes and clears their own SNILS; the audit log never holds the number")
    func declareReadClear() async throws {
        try await RecoveryFixture.run { fixture in
            let id = try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            let loggedIn = try await fixture.login("petrova.anna", RecoveryFixture.password)
            let me = fixture.client.with(bearer: try #require(loggedIn.string("session_token")))

            #expect(try await me.get("/v1/me/snils").status == 404)
            let declared = try await Self.put(me, "/v1/me/snils", "12345678964")
            #expect(declared.status == 200, "\(declared.text)")
            #expect(declared.string("snils") == Self.first && declared.string("status") == "declared")
            let read = try await me.get("/v1/me/snils")
            #expect(read.string("snils") == Self.first && read.string("status") == "declared")
            #expect(try await me.get("/v1/accounts/\(id.rawValue)/snils").string("snils") == Self.first)

            let changed = try await Self.put(me, "/v1/me/snils", Self.second)
            #expect(changed.string("snils") == Self.second && changed.string("status") == "declared")
            #expect(try await me.send("DELETE", "/v1/me/snils").status == 204)
            #expect(try await me.get("/v1/me/snils").status == 404)
            #expect(try await me.send("DELETE", "/v1/me/snils").status == 204, "clearing twice is harmless")

            let events = try await Self.snilsEvents(fixture.world.server, of: id.rawValue)
            #expect(events.map(\.action) == [.snilsDeclared, .snilsDeclared, .snilsCleared])
            for event in events {
                #expect(!event.detail.contains("456") && !event.detail.contains("233"), "\(event.detail)")
            }
            #expect(try await fixture.client.get("/v1/me/snils").status == 401)
        }
    }

    @Test("a school admin verifies a student's SNILS; the student and managing staff read it; others get 403 and change nothing")
    func verifyByManagingStaff() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await Self.students(world, [("Смирнов", "Пётр")]).first)
            let path = "/v1/accounts/\(student.accountID)/snils"
            #expect(try await Self.put(student.client, "/v1/me/snils", Self.second).status == 200)

            let verified = try await Self.put(world.schoolAdmin, path, Self.first)
            #expect(verified.status == 200, "\(verified.text)")
            #expect(verified.string("snils") == Self.first && verified.string("status") == "verified")
            let own = try await student.client.get("/v1/me/snils")
            #expect(own.string("snils") == Self.first && own.string("status") == "verified")
            #expect(try await world.schoolAdmin.get(path).string("status") == "verified")
            #expect(try await world.platformAdmin.get(path).string("snils") == Self.first)

            let teacherRead = try await world.teacher.get(path)
            #expect(teacherRead.status == 403, "\(teacherRead.text)")
            let school = try await world.platformAdmin.post("/v1/schools", json: ["code": "s58", "name": "Школа № 58", "region": "77"])
            let otherAdmin = try await SchoolWorld.addStaff(by: world.platformAdmin, anonymous: world.anonymous,
                                                            server: world.server, schoolID: try #require(school.string("id")),
                                                            role: "school_admin", login: "s58-admin").client
            let foreignWrite = try await Self.put(otherAdmin, path, Self.second)
            #expect(foreignWrite.status == 403, "\(foreignWrite.text)")
            #expect(try await otherAdmin.get(path).status == 403)
            let byStudent = try await Self.put(student.client, "/v1/accounts/\(world.schoolAdminID)/snils", Self.second)
            #expect(byStudent.status == 403)
            let selfVerify = try await Self.put(world.schoolAdmin, "/v1/accounts/\(world.schoolAdminID)/snils", Self.second)
            #expect(selfVerify.status == 403 && selfVerify.errorCode == "permission_denied", "\(selfVerify.text)")
            #expect(try await world.schoolAdmin.get(path).string("snils") == Self.first, "nothing changed")

            // Typing the verified number again (any separators) keeps it verified.
            #expect(try await Self.put(student.client, "/v1/me/snils", "123 456 789 64").string("status") == "verified")
            let events = try await Self.snilsEvents(world.server, of: student.accountID)
            #expect(events.map(\.action) == [.snilsDeclared, .snilsVerified])
            #expect(events.last?.actorID?.rawValue == world.schoolAdminID && events.last?.schoolID?.rawValue == world.schoolID)
        }
    }

    @Test("a verified SNILS belongs to one account: 409 snils_taken for another, which keeps its own; declaring it stays possible")
    func verifiedUniqueness() async throws {
        try await SchoolWorld.run { world in
            let students = try await Self.students(world, [("Смирнов", "Пётр"), ("Козлова", "Вера")])
            let (peter, vera) = (students[0], students[1])
            #expect(try await Self.put(world.schoolAdmin, "/v1/accounts/\(peter.accountID)/snils", Self.first).status == 200)
            #expect(try await Self.put(vera.client, "/v1/me/snils", Self.second).status == 200)

            let taken = try await Self.put(world.schoolAdmin, "/v1/accounts/\(vera.accountID)/snils", Self.first)
            #expect(taken.status == 409 && taken.errorCode == "snils_taken", "\(taken.text)")
            let kept = try await vera.client.get("/v1/me/snils")
            #expect(kept.string("snils") == Self.second && kept.string("status") == "declared")
            let declared = try await Self.put(vera.client, "/v1/me/snils", "12345678964")
            #expect(declared.status == 200 && declared.string("status") == "declared", "no oracle for a person")

            let service = SNILSService(environment: world.server.application.environment)
            let (verified, onlyVerified, nobody) = try await world.server.application.environment.storage.read { tx in
                let number = try SNILS(parsing: Self.first)
                return (try service.findAccount(snils: number, requireVerified: false, in: tx.snils),
                        try service.findAccount(snils: number, requireVerified: true, in: tx.snils),
                        try service.findAccount(snils: SNILS(parsing: Self.second), requireVerified: false, in: tx.snils))
            }
            #expect(verified?.0.rawValue == peter.accountID && verified?.1 == .verified)
            #expect(onlyVerified?.0.rawValue == peter.accountID)
            #expect(nobody == nil, "nobody holds the second number any more")

            // After Peter clears his, Vera's may be verified.
            #expect(try await peter.client.send("DELETE", "/v1/me/snils").status == 204)
            #expect(try await Self.put(world.schoolAdmin, "/v1/accounts/\(vera.accountID)/snils", Self.first).status == 200)
            let declaredOnly = try await world.server.application.environment.storage.write { tx in
                try service.findAccount(snils: SNILS(parsing: Self.first), requireVerified: true, in: tx.snils)
            }
            #expect(declaredOnly?.0.rawValue == vera.accountID)
        }
    }

    @Test("an invalid SNILS answers 400 snils_invalid naming the field, for the person and for staff, and nothing changes")
    func invalid() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await Self.students(world, [("Смирнов", "Пётр")]).first)
            let path = "/v1/accounts/\(student.accountID)/snils"
            #expect(try await Self.put(student.client, "/v1/me/snils", Self.second).status == 200)
            let events = try await Self.snilsEvents(world.server, of: student.accountID).count

            for value in ["123-456-789 65", "123-456-789 6", "1234567896a", "", "820-981-233 100", "001-001-999 00"] {
                for (client, target) in [(student.client, "/v1/me/snils"), (world.schoolAdmin, path)] {
                    let response = try await Self.put(client, target, value)
                    #expect(response.status == 400 && response.errorCode == "snils_invalid", "\(value): \(response.text)")
                    #expect(response.string("field") == "snils")
                }
            }
            let notString = try await student.client.send("PUT", "/v1/me/snils", body: Array(#"{"snils": 12345678964}"#.utf8),
                                                          contentType: "application/json")
            #expect(notString.status == 400)
            let read = try await student.client.get("/v1/me/snils")
            #expect(read.string("snils") == Self.second && read.string("status") == "declared")
            #expect(try await Self.snilsEvents(world.server, of: student.accountID).count == events)
        }
    }
}
