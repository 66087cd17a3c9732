import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Login in two steps (issue 6): forced TOTP enrolment for staff, the second step
/// with a TOTP code or a recovery code, and their failures counted like passwords.
@Suite struct TwoStepLoginTests {
    static let teacher = ["login": "s57-teacher", "password": SchoolWorld.staffPassword]

    /// The account's consecutive-failure counter (what the lockout cap counts).
    static func failures(_ accountID: String, _ server: TestServer) async throws -> Int {
        let id = try #require(Account.ID(rawValue: accountID))
        return try await server.application.environment.storage.read { tx in
            try tx.accounts.account(id)?.consecutiveFailures ?? -1
        }
    }

    /// `POST /v1/login` as the teacher, expecting the second-factor ticket.
    static func passwordStep(_ world: SchoolWorld) async throws -> String {
        let response = try await world.anonymous.post(Routes.login, json: teacher)
        try #require(response.status == 200, "\(response.text)")
        #expect(response.string("status") == "second_factor_required")
        #expect(response.string("session_token") == nil)
        #expect(response.json["methods"] as? [String] == ["totp", "recovery_code"])
        return try #require(response.string("second_factor_ticket"))
    }

    static func secondStep(_ world: SchoolWorld, _ ticket: String, code: String? = nil, recoveryCode: String? = nil)
        async throws -> APIResponse
    {
        var body: [String: Any] = ["second_factor_ticket": ticket]
        if let code { body["code"] = code }
        if let recoveryCode { body["recovery_code"] = recoveryCode }
        return try await world.anonymous.post(Routes.loginSecondFactor, json: body)
    }

    @Test("a new teacher must enrol at first login before anything else; the enrolment logs in with amr pwd+otp")
    func forcedEnrolment() async throws {
        try await SchoolWorld.run { world in
            let (accountID, temporary) = try await SchoolWorld.createStaff(by: world.schoolAdmin, schoolID: world.schoolID,
                                                                           role: "teacher", login: "s57-new")
            let first = try await world.anonymous.post(Routes.login, json: ["login": "s57-new", "password": temporary])
            #expect(first.string("status") == "password_change_required")
            let changed = try await world.anonymous.post(Routes.passwordChange, json: [
                "change_ticket": try #require(first.string("change_ticket")), "new_password": SchoolWorld.staffPassword,
            ])
            try #require(changed.status == 200, "\(changed.text)")
            #expect(changed.string("status") == "second_factor_enrolment_required")
            #expect(changed.string("session_token") == nil && changed.string("account_id") == accountID)
            #expect(changed.setCookie("schoolid_session") == nil)
            let ticketClient = world.anonymous.with(bearer: try #require(changed.string("enrolment_ticket")))
            #expect(try await ticketClient.get(Routes.me).status == 401)
            #expect(try await ticketClient.get("/v1/me/sessions").status == 401)
            #expect(try await ticketClient.get("/v1/classes/\(world.classID)/students").status == 401)

            // Logging in again with the new password leads to the same place.
            let again = try await world.anonymous.post(Routes.login, json: ["login": "s57-new",
                                                                            "password": SchoolWorld.staffPassword])
            #expect(again.string("status") == "second_factor_enrolment_required")

            let begun = try await ticketClient.post(Routes.myTOTP)
            #expect(begun.status == 201, "\(begun.text)")
            #expect(begun.string("otpauth_uri")?.hasPrefix("otpauth://totp/SchoolID:s57-new?secret=") == true)
            #expect(begun.json["period"] as? Int == 30 && begun.json["digits"] as? Int == 6)
            let secret = try TOTPEnrolmentSteps.secret(begun)
            let wrong = try await ticketClient.post(Routes.myTOTPConfirm, json: ["code": "12345"])
            #expect(wrong.status == 400 && wrong.errorCode == "code_invalid")
            let confirmed = try await ticketClient.post(Routes.myTOTPConfirm,
                                                        json: ["code": TOTPEnrolmentSteps.code(secret, world.server)])
            try #require(confirmed.status == 200, "\(confirmed.text)")
            #expect(confirmed.string("status") == "logged_in")
            #expect((confirmed.json["recovery_codes"] as? [String])?.count == 10)
            #expect(confirmed.json["amr"] as? [String] == ["pwd", "otp"])

            let session = world.anonymous.with(bearer: try #require(confirmed.string("session_token")))
            let me = try await session.get(Routes.me)
            #expect(me.status == 200 && me.json["amr"] as? [String] == ["pwd", "otp"] && me.string("acr") == "2")
            // The ticket was consumed by the enrolment.
            #expect(try await ticketClient.post(Routes.myTOTP).status == 401)
        }
    }

    @Test("a reissued temporary password never bypasses an enrolled factor: the change leads to the second step")
    func reissuedPasswordKeepsSecondStep() async throws {
        try await SchoolWorld.run { world in
            let row = try #require(try await world.issue(names: [("Зайцев", "Егор")]).first)
            let (student, studentID) = try await SchoolWorld.firstLogin(world.anonymous, login: row.login,
                                                                        password: row.password,
                                                                        newPassword: "a-student-passphrase-1")
            _ = try await TOTPEnrolmentSteps.enrol(student, on: world.server)
            let reissued = try await world.teacher.post("/v1/students/\(studentID)/temporary-password")
            try #require(reissued.status == 200, "\(reissued.text)")
            let first = try await world.anonymous.post(Routes.login, json: [
                "login": row.login, "password": try #require(reissued.string("temporary_password")),
            ])
            let changed = try await world.anonymous.post(Routes.passwordChange, json: [
                "change_ticket": try #require(first.string("change_ticket")), "new_password": "a-brand-new-passphrase-7",
            ])
            try #require(changed.status == 200, "\(changed.text)")
            #expect(changed.string("status") == "second_factor_required")
            #expect(changed.string("session_token") == nil && changed.setCookie("schoolid_session") == nil)
            #expect(changed.json["methods"] as? [String] == ["totp", "recovery_code"])
        }
    }

    @Test("after enrolment login needs the code: a wrong one is 401 and counted, a right one logs in once, a used step and a used recovery code are refused")
    func secondStepAfterEnrolment() async throws {
        try await SchoolWorld.run { world in
            let secret = try #require(world.totpSecrets["s57-teacher"])
            let recoveryCodes = world.teacherRecoveryCodes
            world.server.clock.advance(seconds: 30)  // the enrolment used this step

            let pending = try await Self.passwordStep(world)
            let right = TOTPEnrolmentSteps.code(secret, world.server)
            let wrong = try await Self.secondStep(world, pending, code: right == "000000" ? "111111" : "000000")
            #expect(wrong.status == 401 && wrong.errorCode == "invalid_credentials")
            #expect(try await Self.failures(world.teacherID, world.server) == 1)

            let loggedIn = try await Self.secondStep(world, pending, code: right)
            try #require(loggedIn.status == 200, "\(loggedIn.text)")
            #expect(loggedIn.string("status") == "logged_in")
            #expect(try await Self.failures(world.teacherID, world.server) == 0)
            let me = try await world.anonymous.with(bearer: try #require(loggedIn.string("session_token"))).get(Routes.me)
            #expect(me.json["amr"] as? [String] == ["pwd", "otp"] && me.string("acr") == "2")
            #expect(me.json["second_factor_at"] as? Int == Int(world.server.clock.now().seconds))
            // The ticket is single use.
            #expect(try await Self.secondStep(world, pending, code: right).status == 401)

            let again = try await Self.passwordStep(world)
            let replay = try await Self.secondStep(world, again, code: right)
            #expect(replay.status == 401 && replay.errorCode == "invalid_credentials")

            let byRecovery = try await Self.secondStep(world, again, recoveryCode: recoveryCodes[0])
            #expect(byRecovery.status == 200 && byRecovery.string("status") == "logged_in", "\(byRecovery.text)")
            let third = try await Self.passwordStep(world)
            let reused = try await Self.secondStep(world, third, recoveryCode: recoveryCodes[0])
            #expect(reused.status == 401 && reused.errorCode == "invalid_credentials")

            let actions = try await SchoolWorld.auditActions(world.platformAdmin)
            #expect(actions.contains("login.failed"))
            #expect(actions.contains(AuditAction.recoveryCodeUsed.rawValue))
        }
    }

    @Test("a second-step request needs exactly one of code and recovery_code, and a real ticket")
    func malformedSecondStep() async throws {
        try await SchoolWorld.run { world in
            let neither = try await Self.secondStep(world, "tkn")
            #expect(neither.status == 400)
            let unknown = try await Self.secondStep(world, "not-a-ticket", code: "123456")
            #expect(unknown.status == 401 && unknown.errorCode == "unauthorized")
        }
    }
}
