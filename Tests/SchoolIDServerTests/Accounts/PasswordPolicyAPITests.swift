import Foundation
import SchoolIDTesting
import Testing

/// Every rejection of `POST /v1/password/change` has its own code, and a rejected
/// attempt leaves the change ticket usable.
@Suite struct PasswordPolicyAPITests {
    /// A candidate password for a student and the code it is refused with; `{login}`
    /// and `{temporary}` stand for the student's login and temporary password.
    struct Rejection: Sendable, CustomStringConvertible {
        let password: String
        let code: String
        var description: String { code }
    }

    static let studentRejections: [Rejection] = [
        Rejection(password: "", code: "password_empty"),
        Rejection(password: "abc2345", code: "password_too_short"),
        Rejection(password: String(repeating: "x", count: 129), code: "password_too_long"),
        // 65 × U+FB00 (ﬀ) is 65 characters as typed and 130 after NFKC.
        Rejection(password: String(repeating: "\u{FB00}", count: 65), code: "password_too_long"),
        Rejection(password: "qwerty123", code: "password_blocklisted"),
        Rejection(password: "1q2w3e4r", code: "password_blocklisted"),
        Rejection(password: "йцукен123", code: "password_blocklisted"),
        Rejection(password: "QWERTY123", code: "password_blocklisted"),
        Rejection(password: "{login}", code: "password_contains_login"),
        Rejection(password: "{LOGIN}2024!", code: "password_contains_login"),
        Rejection(password: "{temporary}", code: "password_unchanged"),
        Rejection(password: "good-pass\u{7}word", code: "password_invalid_character"),
        Rejection(password: "good-pass\nword", code: "password_invalid_character"),
    ]

    @Test("each student rejection has its own code and leaves the ticket usable")
    func studentRejections() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Сидорова", "Анна")]).first)
            let ticketResponse = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
            let ticket = try #require(ticketResponse.string("change_ticket"))
            for rejection in Self.studentRejections {
                let candidate = rejection.password.replacingOccurrences(of: "{login}", with: student.login)
                    .replacingOccurrences(of: "{LOGIN}", with: student.login.uppercased())
                    .replacingOccurrences(of: "{temporary}", with: student.password)
                let response = try await world.anonymous.post("/v1/password/change",
                                                              json: ["change_ticket": ticket, "new_password": candidate])
                #expect(response.status == 400, "\(rejection.code): \(response.text)")
                #expect(response.errorCode == rejection.code, "\(rejection.password.prefix(20))")
            }
            let exact = try await world.anonymous.post("/v1/password/change",
                                                       json: ["change_ticket": ticket, "new_password": "abc23456"])
            #expect(exact.status == 200, "eight characters are enough for a student: \(exact.text)")
            #expect(exact.string("status") == "logged_in")
            let relogin = try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": "abc23456"])
            #expect(relogin.string("status") == "logged_in")
        }
    }

    @Test("a 128-character password after NFKC is accepted")
    func maximumLengthAccepted() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Сидорова", "Анна")]).first)
            let long = String(repeating: "\u{FB00}", count: 60) + String(repeating: "k", count: 8)
            _ = try await SchoolWorld.firstLogin(world.anonymous, login: student.login, password: student.password,
                                                 newPassword: long)
            let relogin = try await world.anonymous.post("/v1/login", json: ["login": student.login,
                                                                            "password": String(repeating: "f", count: 120) + "kkkkkkkk"])
            #expect(relogin.string("status") == "logged_in", "the password is compared after NFKC")
        }
    }

    @Test("staff without a second factor need 15 characters")
    func staffMinimum() async throws {
        try await SchoolWorld.run { world in
            let created = try await world.schoolAdmin.post("/v1/schools/\(world.schoolID)/staff", json: [
                "role": "teacher", "login": "s57-physics", "last_name": "Орлов", "first_name": "Олег",
            ])
            try #require(created.status == 201, "\(created.text)")
            let first = try #require(created.string("temporary_password"))
            let ticketResponse = try await world.anonymous.post("/v1/login", json: ["login": "s57-physics", "password": first])
            let ticket = try #require(ticketResponse.string("change_ticket"))
            let short = try await world.anonymous.post("/v1/password/change",
                                                       json: ["change_ticket": ticket, "new_password": "lantern-violet"])
            #expect(short.status == 400)
            #expect(short.errorCode == "password_too_short")
            let enough = try await world.anonymous.post("/v1/password/change",
                                                        json: ["change_ticket": ticket, "new_password": "lantern-violet7"])
            #expect(enough.status == 200)
        }
    }

    @Test("a changed session password applies the same rules and revokes the other sessions")
    func changeWithCurrentPassword() async throws {
        try await SchoolWorld.run { world in
            let other = try await world.staffClient("s57-teacher")
            let blocklisted = try await world.teacher.post("/v1/password/change",
                                                           json: ["current_password": SchoolWorld.staffPassword, "new_password": "qwerty123"])
            #expect(blocklisted.errorCode == "password_too_short" || blocklisted.errorCode == "password_blocklisted")
            let wrong = try await world.teacher.post("/v1/password/change",
                                                     json: ["current_password": "not-my-password-at-all", "new_password": "a-new-long-passphrase"])
            #expect(wrong.status == 401)
            #expect(wrong.errorCode == "invalid_credentials")
            let same = try await world.teacher.post("/v1/password/change",
                                                    json: ["current_password": SchoolWorld.staffPassword, "new_password": SchoolWorld.staffPassword])
            #expect(same.errorCode == "password_unchanged")
            let changed = try await world.teacher.post("/v1/password/change",
                                                       json: ["current_password": SchoolWorld.staffPassword, "new_password": "a-new-long-passphrase"])
            #expect(changed.status == 200)
            #expect(try await world.teacher.get("/v1/me").status == 401, "the presented session is rotated")
            #expect(try await other.get("/v1/me").status == 401, "other sessions are revoked")
            let token = try #require(changed.string("session_token"))
            let rotated = world.anonymous.with(bearer: token)
            #expect(try await rotated.get("/v1/me").status == 200)
        }
    }
}
