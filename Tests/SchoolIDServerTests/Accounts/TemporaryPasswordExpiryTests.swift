import Foundation
import SchoolIDTesting
import Testing

/// Temporary passwords expire 30 days after issue (credentials.json `lifetime_days`),
/// told only to someone who typed the right one; a reissue replaces them.
@Suite struct TemporaryPasswordExpiryTests {
    static let lifetime: Int64 = 30 * 86_400

    @Test("one second before day 30 ends the temporary password still opens the password change")
    func stillValidJustBeforeExpiry() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Петров", "Пётр")]).first)
            world.server.clock.advance(seconds: Self.lifetime - 1)
            let response = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
            #expect(response.status == 200)
            #expect(response.string("status") == "password_change_required")
        }
    }

    @Test("day 30 + 1 s: temporary_password_expired only with the right password, and a reissued one works")
    func expiredThenReissued() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Петров", "Пётр")]).first)
            world.server.clock.advance(seconds: Self.lifetime + 1)

            let wrong = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": "wrong-guess-99"])
            #expect(wrong.status == 401)
            #expect(wrong.errorCode == "invalid_credentials")
            let right = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
            #expect(right.status == 403)
            #expect(right.errorCode == "temporary_password_expired")
            #expect(right.string("message")?.isEmpty == false)

            // The teacher's own session idled out during the 30 days: log in again.
            let teacher = try await world.staffClient("s57-teacher")
            let accountID = try #require(try await world.students(by: teacher).first?["account_id"] as? String)
            let reissued = try await teacher.post("/v1/students/\(accountID)/temporary-password")
            try #require(reissued.status == 200, "\(reissued.text)")
            let fresh = try #require(reissued.string("temporary_password"))
            #expect(fresh != student.password)
            #expect(reissued.json["expires_at"] as? Int == Int(world.server.clock.now().seconds + Self.lifetime))

            let old = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
            #expect(old.status == 401)
            #expect(old.errorCode == "invalid_credentials")
            let (session, _) = try await SchoolWorld.firstLogin(world.anonymous, login: student.login, password: fresh,
                                                                 newPassword: "north-star-lamp")
            #expect(try await session.get("/v1/me").status == 200)
        }
    }

    @Test("the reissued password expires 30 days after the reissue, not after the first issue")
    func reissueRestartsTheWindow() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Петров", "Пётр")]).first)
            world.server.clock.advance(seconds: 600)
            let accountID = try #require(try await world.students().first?["account_id"] as? String)
            let reissued = try await world.teacher.post("/v1/students/\(accountID)/temporary-password")
            let fresh = try #require(reissued.string("temporary_password"))
            world.server.clock.advance(seconds: Self.lifetime - 1)
            let response = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": fresh])
            #expect(response.string("status") == "password_change_required")
        }
    }

    /// Adds a teacher through the API; returns the login and the first password.
    static func newTeacher(_ world: SchoolWorld) async throws -> (login: String, password: String) {
        let created = try await world.schoolAdmin.post("/v1/schools/\(world.schoolID)/staff", json: [
            "role": "teacher", "login": "s57-chemistry", "last_name": "Белов", "first_name": "Борис",
        ])
        try #require(created.status == 201, "\(created.text)")
        #expect(created.json["temporary_password_expires_at"] as? Int == Int(world.server.clock.now().seconds + 86_400))
        return ("s57-chemistry", try #require(created.string("temporary_password")))
    }

    @Test("a staff member's first password works once")
    func staffFirstPasswordSingleUse() async throws {
        try await SchoolWorld.run { world in
            let (login, first) = try await Self.newTeacher(world)
            let once = try await world.anonymous.post("/v1/login", json: ["login": login, "password": first])
            #expect(once.string("status") == "password_change_required")
            let twice = try await world.anonymous.post("/v1/login", json: ["login": login, "password": first])
            #expect(twice.status == 403 && twice.errorCode == "temporary_password_expired", "\(twice.text)")
        }
    }

    @Test("a staff member's first password expires after 24 hours")
    func staffFirstPasswordExpires() async throws {
        try await SchoolWorld.run { world in
            let (login, first) = try await Self.newTeacher(world)
            world.server.clock.advance(seconds: 86_401)
            let late = try await world.anonymous.post("/v1/login", json: ["login": login, "password": first])
            #expect(late.status == 403 && late.errorCode == "temporary_password_expired", "\(late.text)")
        }
    }
}
