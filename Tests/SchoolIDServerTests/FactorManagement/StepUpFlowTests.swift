import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `POST /v1/step-up` and the SMS step-up, with `enforce_step_up` on.
@Suite struct StepUpFlowTests {
    static var school: [String: Any] { ["code": "s99", "name": "Школа № 99", "region": "77"] }

    @Test("an admin call needs step-up; a right TOTP code proves it, a wrong one is a counted 401; 301 s later it is needed again")
    func totpStepUp() async throws {
        try await FactorFixture.run { fixture in
            let adminID = try await fixture.staff("root.admin", role: .platformAdmin)
            let (secret, _) = try await fixture.enrolTOTP(adminID)
            let admin = try await fixture.client(adminID)

            let refused = try await admin.post("/v1/schools", json: Self.school)
            #expect(refused.status == 403 && refused.errorCode == "step_up_required", "\(refused.text)")

            let wrong = try await admin.post("/v1/step-up", json: ["code": "000000" == fixture.code(secret) ? "111111" : "000000"])
            #expect(wrong.status == 401 && wrong.errorCode == "code_invalid", "\(wrong.text)")
            #expect(try await fixture.account(adminID).consecutiveFailures == 1)
            let failed = try await fixture.environment.storage.read { tx in
                try tx.audit.events(AuditQuery(accountID: adminID, limit: 50)).first { $0.action == .loginFailed }
            }
            #expect(failed?.detail == "wrong step-up code")
            #expect(try await admin.post("/v1/schools", json: Self.school).status == 403)

            let proven = try await admin.post("/v1/step-up", json: ["code": fixture.code(secret)])
            #expect(proven.status == 200, "\(proven.text)")
            #expect(proven.json["amr"] as? [String] == ["pwd", "otp"])
            #expect(proven.string("acr") == "2")
            #expect((proven.json["second_factor_at"] as? NSNumber)?.int64Value == fixture.server.clock.now().seconds)
            #expect(try await fixture.account(adminID).consecutiveFailures == 0)  // a right code ends the run
            #expect(try await admin.post("/v1/schools", json: Self.school).status == 201)

            fixture.server.clock.advance(seconds: 301)
            let stale = try await admin.post("/v1/schools", json: Self.school.merging(["code": "s98"]) { $1 })
            #expect(stale.status == 403 && stale.errorCode == "step_up_required")
        }
    }

    @Test("the same TOTP code is refused on replay, and a recovery code works exactly once")
    func replayAndRecoveryCode() async throws {
        try await FactorFixture.run { fixture in
            let adminID = try await fixture.staff("root.admin", role: .platformAdmin)
            let (secret, codes) = try await fixture.enrolTOTP(adminID)
            let admin = try await fixture.client(adminID)
            let code = fixture.code(secret)
            #expect(try await admin.post("/v1/step-up", json: ["code": code]).status == 200)
            let replay = try await admin.post("/v1/step-up", json: ["code": code])
            #expect(replay.status == 401 && replay.errorCode == "code_invalid")

            #expect(try await admin.post("/v1/step-up", json: ["recovery_code": codes[3]]).status == 200)
            let again = try await admin.post("/v1/step-up", json: ["recovery_code": codes[3]])
            #expect(again.status == 401 && again.errorCode == "code_invalid")
            #expect(try await fixture.account(adminID).consecutiveFailures == 1)

            let both = try await admin.post("/v1/step-up", json: ["code": code, "recovery_code": codes[4]])
            #expect(both.status == 400)
        }
    }

    @Test("wrong step-up codes share the login backoff: after the free failures even a right code waits (429)")
    func sharesLoginBackoff() async throws {
        try await FactorFixture.run { fixture in
            let guardianID = try await fixture.guardian("parent.petrova")
            let (secret, _) = try await fixture.enrolTOTP(guardianID)
            let guardian = try await fixture.client(guardianID)
            let free = fixture.environment.policies.lockout.freeFailures
            let wrong = fixture.code(secret) == "000000" ? "111111" : "000000"
            for _ in 0...free {
                #expect(try await guardian.post("/v1/step-up", json: ["code": wrong]).status == 401)
            }
            let throttled = try await guardian.post("/v1/step-up", json: ["code": fixture.code(secret)])
            #expect(throttled.status == 429 && throttled.errorCode == "retry_later", "\(throttled.text)")
            let wait = try #require(throttled.header("Retry-After").flatMap { Int64($0) })
            #expect(try await fixture.account(guardianID).consecutiveFailures == free + 1)

            fixture.server.clock.advance(seconds: wait)
            #expect(try await guardian.post("/v1/step-up", json: ["code": fixture.code(secret)]).status == 200)
        }
    }

    @Test("a guardian without an app steps up by an SMS code to the verified phone; the gated phone change then proceeds")
    func smsStepUp() async throws {
        try await FactorFixture.run { fixture in
            let guardianID = try await fixture.guardian("parent.petrova")
            let guardian = try await fixture.client(guardianID)
            let change: [String: Any] = ["value": "+79165550102", "current_password": RecoveryFixture.password]
            let refused = try await guardian.post("/v1/me/phone", json: change)
            #expect(refused.status == 403 && refused.errorCode == "step_up_required")

            let sent = try await guardian.post("/v1/step-up/sms")
            #expect(sent.status == 202, "\(sent.text)")
            let challengeID = try #require(sent.string("challenge_id"))
            #expect(sent.json["resend_after"] is NSNumber && sent.json["expires_at"] is NSNumber)
            let code = try await fixture.world.smsCode(to: FactorFixture.phone)

            let wrong = try await guardian.post("/v1/step-up/sms/confirm",
                                                json: ["challenge_id": challengeID, "code": code == "000000" ? "111111" : "000000"])
            #expect(wrong.status == 401 && wrong.errorCode == "code_invalid")
            let proven = try await guardian.post("/v1/step-up/sms/confirm", json: ["challenge_id": challengeID, "code": code])
            #expect(proven.status == 200, "\(proven.text)")
            #expect(proven.json["amr"] as? [String] == ["pwd", "sms"])
            #expect(proven.string("acr") == "2")
            let started = try await guardian.post("/v1/me/phone", json: change)
            #expect(started.status == 202, "\(started.text)")
        }
    }

    @Test("SMS step-up: refused without a verified phone (409) and for an account that has an authenticator app (403)")
    func smsStepUpRefusals() async throws {
        try await FactorFixture.run { fixture in
            let noPhone = try await fixture.client(try await fixture.guardian("parent.nophone", phone: nil))
            let refused = try await noPhone.post("/v1/step-up/sms")
            #expect(refused.status == 409 && refused.errorCode == "phone_not_verified", "\(refused.text)")

            let withAppID = try await fixture.guardian("parent.app")
            _ = try await fixture.enrolTOTP(withAppID)
            let withApp = try await fixture.client(withAppID).post("/v1/step-up/sms")
            #expect(withApp.status == 403 && withApp.errorCode == "permission_denied")
            #expect(fixture.world.smsCount(to: FactorFixture.phone) == 0)
        }
    }
}
