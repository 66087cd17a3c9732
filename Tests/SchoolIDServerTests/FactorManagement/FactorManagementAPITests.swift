import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `GET /v1/me/second-factors`, SMS enrolment, removal and recovery-code regeneration.
@Suite struct FactorManagementAPITests {
    @Test("SMS enrolment answers with the risk notice in the request's language and the first recovery codes; GET lists it")
    func smsEnrolment() async throws {
        try await FactorFixture.run { fixture in
            let guardianID = try await fixture.guardian("parent.petrova")
            let guardian = try await fixture.client(guardianID)
            let before = try await guardian.get("/v1/me/second-factors")
            #expect(before.status == 200)
            #expect(before.objects("factors").isEmpty)
            #expect(before.json["sms_available"] as? Bool == true && before.json["required"] as? Bool == false)

            let enrolled = try await guardian.send("POST", "/v1/me/second-factors/sms", body: Array("{}".utf8),
                                                   contentType: "application/json",
                                                   extraHeaders: [("Accept-Language", "en-GB, ru;q=0.5")])
            #expect(enrolled.status == 200, "\(enrolled.text)")
            #expect(enrolled.string("notice") == NoticeText.smsFactorRisk.text(in: .english))
            #expect((enrolled.json["recovery_codes"] as? [String])?.count == RecoveryCode.count)
            #expect(try await fixture.account(guardianID).hasSecondFactor)

            let again = try await guardian.post("/v1/me/second-factors/sms")
            #expect(again.string("notice") == NoticeText.smsFactorRisk.text(in: .russian))
            #expect(again.json["recovery_codes"] == nil)  // the first set is still unused

            let after = try await guardian.get("/v1/me/second-factors")
            let factor = try #require(after.objects("factors").first)
            #expect(factor["kind"] as? String == "sms" && factor["confirmed"] as? Bool == true)
            #expect(factor.keys.contains("last_used_at"))
            #expect(after.json["recovery_codes_left"] as? Int == RecoveryCode.count)
        }
    }

    @Test("SMS enrolment needs a verified phone: 409 phone_not_verified")
    func smsNeedsPhone() async throws {
        try await FactorFixture.run { fixture in
            let guardian = try await fixture.client(try await fixture.guardian("parent.nophone", phone: nil))
            let refused = try await guardian.post("/v1/me/second-factors/sms")
            #expect(refused.status == 409 && refused.errorCode == "phone_not_verified", "\(refused.text)")
        }
    }

    @Test("with sms_factor_enabled off, SMS enrolment is 403 second_factor_disabled and GET reports it unavailable")
    func smsDisabled() async throws {
        try await FactorFixture.run(smsEnabled: false) { fixture in
            let guardian = try await fixture.client(try await fixture.guardian("parent.petrova"))
            let refused = try await guardian.post("/v1/me/second-factors/sms")
            #expect(refused.status == 403 && refused.errorCode == "second_factor_disabled", "\(refused.text)")
            let overview = try await guardian.get("/v1/me/second-factors")
            #expect(overview.json["sms_available"] as? Bool == false)
            #expect(overview.objects("factors").isEmpty)
        }
    }

    @Test("regenerating recovery codes needs step-up and invalidates the old set")
    func regeneration() async throws {
        try await FactorFixture.run { fixture in
            let guardianID = try await fixture.guardian("parent.petrova")
            let (secret, old) = try await fixture.enrolTOTP(guardianID)
            let guardian = try await fixture.client(guardianID)
            let refused = try await guardian.post("/v1/me/recovery-codes")
            #expect(refused.status == 403 && refused.errorCode == "step_up_required")

            #expect(try await guardian.post("/v1/step-up", json: ["code": fixture.code(secret)]).status == 200)
            let regenerated = try await guardian.post("/v1/me/recovery-codes")
            #expect(regenerated.status == 200, "\(regenerated.text)")
            let new = try #require(regenerated.json["recovery_codes"] as? [String])
            #expect(new.count == RecoveryCode.count && Set(new).isDisjoint(with: old))

            let stale = try await guardian.post("/v1/step-up", json: ["recovery_code": old[0]])
            #expect(stale.status == 401 && stale.errorCode == "code_invalid")
            #expect(try await guardian.post("/v1/step-up", json: ["recovery_code": new[0]]).status == 200)
            #expect(try await guardian.get("/v1/me/second-factors").json["recovery_codes_left"] as? Int == RecoveryCode.count - 1)
        }
    }

    @Test("staff cannot remove their only factor, even after step-up", arguments: [Role.teacher, .platformAdmin])
    func staffKeepLastFactor(_ role: Role) async throws {
        try await FactorFixture.run { fixture in
            let staffID = try await fixture.staff("staff.member", role: role)
            let (secret, _) = try await fixture.enrolTOTP(staffID)
            let staff = try await fixture.client(staffID)
            #expect(try await staff.get("/v1/me/second-factors").json["required"] as? Bool == true)
            #expect(try await staff.post("/v1/step-up", json: ["code": fixture.code(secret)]).status == 200)
            let refused = try await staff.send("DELETE", "/v1/me/second-factors/totp")
            #expect(refused.status == 409 && refused.errorCode == "second_factor_required_by_policy", "\(refused.text)")
            #expect(try await fixture.account(staffID).hasSecondFactor)
        }
    }

    @Test("a guardian removes their factor with step-up (not without); the account then has no second factor")
    func guardianRemoves() async throws {
        try await FactorFixture.run { fixture in
            let guardianID = try await fixture.guardian("parent.petrova")
            let (secret, _) = try await fixture.enrolTOTP(guardianID)
            let guardian = try await fixture.client(guardianID)
            let refused = try await guardian.send("DELETE", "/v1/me/second-factors/totp")
            #expect(refused.status == 403 && refused.errorCode == "step_up_required")

            #expect(try await guardian.post("/v1/step-up", json: ["code": fixture.code(secret)]).status == 200)
            let removed = try await guardian.send("DELETE", "/v1/me/second-factors/totp")
            #expect(removed.status == 204, "\(removed.text)")
            #expect(try await !fixture.account(guardianID).hasSecondFactor)
            let overview = try await guardian.get("/v1/me/second-factors")
            #expect(overview.objects("factors").isEmpty && overview.json["recovery_codes_left"] as? Int == 0)
            #expect(try await guardian.send("DELETE", "/v1/me/second-factors/totp").status == 404)
            #expect(try await guardian.send("DELETE", "/v1/me/second-factors/email").status == 404)
        }
    }
}
