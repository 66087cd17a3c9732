import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Guardians are offered a second factor, not forced; once they have one, password
/// recovery cannot bypass it (issue 6).
@Suite struct MultiFactorRecoveryTests {
    static let phone = "+79161234567"

    /// A guardian who logs in with a password alone and then enrols TOTP with that
    /// session; the recovery codes.
    static func enrolledGuardian(_ fixture: RecoveryFixture) async throws -> [String] {
        try await fixture.guardian(login: "petrova.anna", phone: phone, email: nil)
        let login = try await fixture.login("petrova.anna", RecoveryFixture.password)
        try #require(login.status == 200 && login.string("status") == "logged_in", "\(login.text)")
        let session = fixture.client.with(bearer: try #require(login.string("session_token")))
        let (confirmed, _) = try await TOTPEnrolmentSteps.enrol(session, on: fixture.world.server)
        #expect(confirmed.string("status") == "enrolled")
        let me = try await session.get(Routes.me)
        #expect(me.json["amr"] as? [String] == ["pwd", "otp"] && me.string("acr") == "2")
        return try #require(confirmed.json["recovery_codes"] as? [String])
    }

    @Test("a guardian without a factor logs in with the password alone; enrolling with the session proves the factor in it")
    func guardianIsOfferedNotForced() async throws {
        try await RecoveryFixture.run { fixture in
            _ = try await Self.enrolledGuardian(fixture)
            let next = try await fixture.login("petrova.anna", RecoveryFixture.password)
            #expect(next.string("status") == "second_factor_required", "\(next.text)")
        }
    }

    @Test("recovery of a multi-factor guardian without the factor changes nothing; with a recovery code it sets the password")
    func recoveryNeedsTheFactor() async throws {
        try await RecoveryFixture.run { fixture in
            let codes = try await Self.enrolledGuardian(fixture)
            let (flowID, _) = try await fixture.start("petrova.anna")
            let sms = try await fixture.smsCode(Self.phone)
            let refused = try await fixture.confirm(flowID, sms: sms)
            #expect(refused.status == 401 && refused.errorCode == "second_factor_required", "\(refused.text)")
            // The old password still works (and still asks for the factor).
            let old = try await fixture.login("petrova.anna", RecoveryFixture.password)
            #expect(old.status == 200 && old.string("status") == "second_factor_required", "\(old.text)")

            // The SMS code stays proven: the factor alone completes the flow.
            var body: [String: Any] = ["flow_id": flowID, "new_password": RecoveryFixture.newPassword]
            body["second_factor_code"] = codes[0]
            let done = try await fixture.client.from("198.51.100.1").post(Routes.recoveryPasswordConfirm, json: body)
            #expect(done.status == 200 && done.string("status") == "password_changed", "\(done.text)")
            let new = try await fixture.login("petrova.anna", RecoveryFixture.newPassword)
            #expect(new.string("status") == "second_factor_required", "recovery never removes the factor")
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.password).status == 401)
        }
    }

    @Test("a wrong second-factor code in recovery closes the flow without changing the password")
    func wrongFactorClosesTheFlow() async throws {
        try await RecoveryFixture.run { fixture in
            let codes = try await Self.enrolledGuardian(fixture)
            let (flowID, _) = try await fixture.start("petrova.anna")
            let sms = try await fixture.smsCode(Self.phone)
            var body: [String: Any] = ["flow_id": flowID, "new_password": RecoveryFixture.newPassword, "sms_code": sms]
            body["second_factor_code"] = "zzzzz-zzzzz"
            let wrong = try await fixture.client.from("198.51.100.1").post(Routes.recoveryPasswordConfirm, json: body)
            #expect(wrong.status == 401 && wrong.errorCode == "second_factor_required")
            body["second_factor_code"] = codes[1]
            let closed = try await fixture.client.from("198.51.100.1").post(Routes.recoveryPasswordConfirm, json: body)
            #expect(closed.status == 404 && closed.errorCode == "recovery_flow_not_found")
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.password).status == 200)
        }
    }

    @Test("a recovery code sent with a wrong SMS code is refused for the SMS code and is not spent")
    func codesBeforeRecoveryCode() async throws {
        try await RecoveryFixture.run { fixture in
            let codes = try await Self.enrolledGuardian(fixture)
            let (flowID, _) = try await fixture.start("petrova.anna")
            let sms = try await fixture.smsCode(Self.phone)
            let wrongSMS = sms == "000000" ? "111111" : "000000"
            var body: [String: Any] = ["flow_id": flowID, "new_password": RecoveryFixture.newPassword,
                                       "sms_code": wrongSMS, "second_factor_code": codes[2]]
            let refused = try await fixture.client.from("198.51.100.1").post(Routes.recoveryPasswordConfirm, json: body)
            #expect(refused.status == 400 && refused.errorCode == "code_invalid", "\(refused.text)")
            body["sms_code"] = sms
            let done = try await fixture.client.from("198.51.100.1").post(Routes.recoveryPasswordConfirm, json: body)
            #expect(done.status == 200 && done.string("status") == "password_changed", "the recovery code was kept: \(done.text)")
        }
    }
}
