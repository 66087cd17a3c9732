import Foundation
import SchoolIDTesting
import Testing

/// Sessions end when they should: reissue, end of enrolment, password change, idle and
/// absolute timeouts (fixture sessions.json: idle 1800 s, absolute 43200 s); the cookie
/// is accepted on `/v1/*` only with the CSRF token.
@Suite struct SessionRevocationTests {
    static let idle: Int64 = 1_800
    static let absolute: Int64 = 43_200

    /// A student of 7Б who has set a permanent password, logged in.
    static func student(_ world: SchoolWorld) async throws -> (client: APIClient, accountID: String, login: String) {
        let row = try #require(try await world.issue(names: [("Морозова", "Вера")]).first)
        let (client, accountID) = try await SchoolWorld.firstLogin(world.anonymous, login: row.login, password: row.password,
                                                                   newPassword: "maple-river-lamp")
        return (client, accountID, row.login)
    }

    @Test("a reissue revokes the student's sessions")
    func reissueRevokes() async throws {
        try await SchoolWorld.run { world in
            let (student, accountID, _) = try await Self.student(world)
            #expect(try await student.get("/v1/me").status == 200)
            let reissued = try await world.teacher.post("/v1/students/\(accountID)/temporary-password")
            #expect(reissued.status == 200)
            let me = try await student.get("/v1/me")
            #expect(me.status == 401)
            #expect(me.errorCode == "unauthorized")
        }
    }

    @Test("ending the enrolment revokes the student's sessions")
    func enrolmentEndRevokes() async throws {
        try await SchoolWorld.run { world in
            let (student, _, _) = try await Self.student(world)
            let enrolmentID = try #require(try await world.students().first?["enrolment_id"] as? String)
            let ended = try await world.schoolAdmin.post("/v1/enrolments/\(enrolmentID)/end")
            #expect(ended.status == 204, "\(ended.text)")
            #expect(try await student.get("/v1/me").status == 401)
            let again = try await world.schoolAdmin.post("/v1/enrolments/\(enrolmentID)/end")
            #expect(again.status == 404 && again.errorCode == "enrolment_not_found")
        }
    }

    @Test("a cookie-authenticated POST needs X-CSRF-Token equal to the session's token")
    func cookieNeedsCSRFToken() async throws {
        try await SchoolWorld.run { world in
            _ = try await world.issue(names: [("Морозова", "Вера")])
            let studentID = try #require(try await world.students().first?["account_id"] as? String)
            let login = try await world.staffLogin("s57-teacher")
            var browser = world.anonymous
            let cookie = try #require(login.setCookie("schoolid_session"))
            browser.cookie = cookie
            let csrf = try #require(login.string("csrf_token"))
            let path = "/v1/students/\(studentID)/temporary-password"

            let bare = try await browser.post(path)
            #expect(bare.status == 403 && bare.errorCode == "csrf_token_invalid", "\(bare.text)")
            browser.csrfToken = csrf + "x"
            let forged = try await browser.post(path)
            #expect(forged.status == 403 && forged.errorCode == "csrf_token_invalid")
            browser.csrfToken = csrf
            let form = try await browser.send("POST", path, body: Array("a=b".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 415, "a cross-site form cannot post JSON")
            let accepted = try await browser.post(path)
            #expect(accepted.status == 200, "\(accepted.text)")
            #expect(accepted.string("temporary_password") != nil)
        }
    }

    @Test("the idle timeout ends a session that is not used")
    func idleTimeout() async throws {
        try await SchoolWorld.run { world in
            let (student, _, _) = try await Self.student(world)
            world.server.clock.advance(seconds: Self.idle - 1)
            #expect(try await student.get("/v1/me").status == 200)
            world.server.clock.advance(seconds: Self.idle + 1)
            #expect(try await student.get("/v1/me").status == 401)
        }
    }

    @Test("the absolute timeout ends even a session in constant use")
    func absoluteTimeout() async throws {
        try await SchoolWorld.run { world in
            let (student, _, _) = try await Self.student(world)
            var elapsed: Int64 = 0
            while elapsed + 1_700 < Self.absolute {
                world.server.clock.advance(seconds: 1_700)
                elapsed += 1_700
                #expect(try await student.get("/v1/me").status == 200, "after \(elapsed) s of use")
            }
            world.server.clock.advance(seconds: Self.absolute - elapsed)
            #expect(try await student.get("/v1/me").status == 401)
        }
    }

    @Test("logout ends the session and clears the cookie")
    func logout() async throws {
        try await SchoolWorld.run { world in
            let (student, _, _) = try await Self.student(world)
            let out = try await student.post("/v1/logout")
            #expect(out.status == 204)
            #expect(out.setCookie("schoolid_session") == "")
            #expect(try await student.get("/v1/me").status == 401)
        }
    }
}
