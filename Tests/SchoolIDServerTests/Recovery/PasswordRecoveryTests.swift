import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// "I don't remember my password": `POST /v1/recovery/password` and `…/confirm`.
@Suite struct PasswordRecoveryTests {
    static let phone = "+79161234567"
    static let email = "anna@example.ru"

    @Test("phone only: the SMS code sets a new password, old sessions end, a notice goes out, the new password logs in")
    func phoneOnly() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: Self.email, emailVerified: false)
            let old = try await fixture.login("petrova.anna", RecoveryFixture.password)
            let oldToken = try #require(old.string("session_token"))
            let (flowID, _) = try await fixture.start("petrova.anna")
            let code = try await fixture.smsCode(Self.phone)
            let confirmed = try await fixture.confirm(flowID, sms: code)
            #expect(confirmed.status == 200 && confirmed.string("status") == "password_changed")
            #expect(try await fixture.client.with(bearer: oldToken).get("/v1/me").status == 401)
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.password).status == 401)
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.newPassword).status == 200)
            let notice = try await fixture.world.sms(to: Self.phone, after: 1)
            #expect(notice.text == MessageTemplate.passwordChangedNotice.sms(in: .russian))
            #expect(fixture.world.emailCount(to: Self.email) == 0)
            #expect(try await fixture.confirm(flowID, sms: code).errorCode == "recovery_flow_not_found")
        }
    }

    @Test("phone and email verified: both codes are needed; the SMS code alone is code_invalid, then both succeed")
    func bothCodes() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: Self.email)
            let (flowID, _) = try await fixture.start(Self.email)
            let smsCode = try await fixture.smsCode(Self.phone)
            let emailCode = try await fixture.emailCode(Self.email)
            let smsOnly = try await fixture.confirm(flowID, sms: smsCode)
            #expect(smsOnly.status == 400 && smsOnly.errorCode == "code_invalid")
            // The SMS code stays proven for this flow; the email code completes it.
            let both = try await fixture.confirm(flowID, sms: smsCode, email: emailCode)
            #expect(both.status == 200)
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.newPassword).status == 200)
            _ = try await fixture.world.sms(to: Self.phone, after: 1)
            let notice = try await fixture.world.email(to: Self.email, after: 1)
            #expect(notice.subject == MessageTemplate.passwordChangedNotice.email(in: .russian).subject)
        }
    }

    @Test("an unknown login, phone or email gets the same status and shape, and confirming fails with code_invalid",
          arguments: ["nobody.here", "+79997654321", "nobody@example.ru"])
    func unknownIdentifier(identifier: String) async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            let (_, known) = try await fixture.start("petrova.anna", from: "198.51.100.7")
            let (flowID, unknown) = try await fixture.start(identifier, from: "198.51.100.8")
            #expect(known.status == unknown.status)
            #expect(Set(known.json.keys) == Set(unknown.json.keys))
            #expect(known.json["expires_at"] as? Int == unknown.json["expires_at"] as? Int)
            #expect(known.json["resend_after"] as? Int == unknown.json["resend_after"] as? Int)
            let refused = try await fixture.confirm(flowID, sms: "123456", email: "123456")
            #expect(refused.status == 400 && refused.errorCode == "code_invalid")
            #expect(try await fixture.outboxStatuses() == [.sent, .dropped])
        }
    }

    @Test("five wrong codes exhaust the flow, for a real account and a decoy alike")
    func exhaustion() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            for identifier in ["petrova.anna", "+79997654321"] {
                let (flowID, _) = try await fixture.start(identifier)
                var codes: [String?] = []
                for _ in 1...5 { codes.append(try await fixture.confirm(flowID, sms: "000000").errorCode) }
                #expect(codes == ["code_invalid", "code_invalid", "code_invalid", "code_invalid", "code_exhausted"])
                #expect(try await fixture.confirm(flowID, sms: "000000").errorCode == "code_exhausted")
            }
            let real = try await fixture.smsCode(Self.phone)
            #expect(real.count == 6)
        }
    }

    @Test("an expired flow is recovery_flow_not_found")
    func expiredFlow() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            let (flowID, _) = try await fixture.start(Self.phone)
            let code = try await fixture.smsCode(Self.phone)
            fixture.world.server.clock.advance(seconds: 900)
            let response = try await fixture.confirm(flowID, sms: code)
            #expect(response.status == 404 && response.errorCode == "recovery_flow_not_found")
        }
    }

    @Test("recovery clears a lockout: the locked account logs in with the new password")
    func unlocksAccount() async throws {
        try await RecoveryFixture.run { fixture in
            let id = try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            let now = fixture.world.server.clock.now()
            _ = try await fixture.environment.storage.write { tx in
                try tx.accounts.update(id) { $0.consecutiveFailures = 50; $0.lockedAt = now }
            }
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.password).errorCode == "account_locked")
            let (flowID, _) = try await fixture.start("petrova.anna")
            #expect(try await fixture.confirm(flowID, sms: try await fixture.smsCode(Self.phone)).status == 200)
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.newPassword).status == 200)
            let account = try await fixture.environment.storage.read { tx in try tx.accounts.account(id) }
            #expect(account?.lockedAt == nil && account?.consecutiveFailures == 0)
        }
    }

    @Test("a password against the policy is reported only after the codes are right, then a better one completes")
    func policyAfterCodes() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            let (flowID, _) = try await fixture.start("petrova.anna")
            let wrong = try await fixture.confirm(flowID, sms: "000000", password: "petrova.anna-1234567")
            #expect(wrong.errorCode == "code_invalid")
            let code = try await fixture.smsCode(Self.phone)
            let weak = try await fixture.confirm(flowID, sms: code, password: "petrova.anna-1234567")
            #expect(weak.errorCode == "password_contains_login")
            #expect(try await fixture.confirm(flowID, sms: nil).status == 200)
        }
    }

    @Test("resend within the cooldown is 429; after it a new code arrives and the old one no longer works")
    func resend() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: nil)
            let (flowID, _) = try await fixture.start(Self.phone)
            let first = try await fixture.smsCode(Self.phone)
            let early = try await fixture.client.post("/v1/recovery/password/resend", json: ["flow_id": flowID])
            #expect(early.status == 429 && early.errorCode == "code_resend_too_soon")
            fixture.world.server.clock.advance(seconds: 60)
            let resent = try await fixture.client.post("/v1/recovery/password/resend", json: ["flow_id": flowID])
            #expect(resent.status == 202)
            let second = try await fixture.smsCode(Self.phone, after: 1)
            if first != second { #expect(try await fixture.confirm(flowID, sms: first).errorCode == "code_invalid") }
            #expect(try await fixture.confirm(flowID, sms: second).status == 200)
        }
    }
}
