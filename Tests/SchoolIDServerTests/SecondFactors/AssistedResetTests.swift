import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// The staff-assisted reset (issue 6): the only path that removes a second factor on
/// someone else's behalf, audited and announced to every verified contact.
@Suite struct AssistedResetTests {
    static let phone = "+79161234567"
    static let email = "anna@example.org"

    @Test("a platform admin's assisted reset gives a temporary password, removes the factor and recovery codes, revokes sessions and tells every contact")
    func resetRemovesFactors() async throws {
        try await RecoveryFixture.run { fixture in
            let guardianID = try await fixture.guardian(login: "petrova.anna", phone: Self.phone, email: Self.email)
            let loggedIn = try await fixture.login("petrova.anna", RecoveryFixture.password)
            let guardian = fixture.client.with(bearer: try #require(loggedIn.string("session_token")))
            _ = try await TOTPEnrolmentSteps.enrol(guardian, on: fixture.world.server)
            let smsBefore = fixture.world.smsCount(to: Self.phone)
            let admin = try await SchoolWorld.bootstrapAdmin(fixture.world.server)
            let path = "/v1/accounts/\(guardianID.rawValue)/assisted-reset"

            let own = try await admin.client.post("/v1/accounts/\(admin.accountID)/assisted-reset")
            #expect(own.status == 403 && own.errorCode == "permission_denied", "\(own.text)")
            let unknown = try await admin.client.post("/v1/accounts/acc_AAAAAAAAAAAAAAAAAAAAAA/assisted-reset")
            #expect(unknown.status == 404, "\(unknown.text)")
            let byGuardian = try await guardian.post("/v1/accounts/\(admin.accountID)/assisted-reset")
            #expect(byGuardian.status == 403, "\(byGuardian.text)")

            let reset = try await admin.client.post(path)
            try #require(reset.status == 200, "\(reset.text)")
            #expect(reset.string("account_id") == guardianID.rawValue && reset.string("login") == "petrova.anna")
            let temporary = try #require(reset.string("temporary_password"))

            #expect(try await guardian.get(Routes.me).status == 401, "sessions are revoked")
            #expect(try await fixture.login("petrova.anna", RecoveryFixture.password).status == 401)
            let sms = try await fixture.world.sms(to: Self.phone, after: smsBefore)
            #expect(sms.text == MessageTemplate.assistedResetNotice.sms(in: .russian))
            let mail = try await fixture.world.email(to: Self.email)
            let expected = MessageTemplate.assistedResetNotice.emailText(in: .russian)
            #expect(mail.subject == expected.components(separatedBy: "\n").first)

            // The holder changes the temporary password; no factor is asked for any more.
            let first = try await fixture.login("petrova.anna", temporary)
            #expect(first.string("status") == "password_change_required", "\(first.text)")
            let changed = try await fixture.client.post(Routes.passwordChange, json: [
                "change_ticket": try #require(first.string("change_ticket")), "new_password": RecoveryFixture.newPassword,
            ])
            #expect(changed.status == 200 && changed.string("status") == "logged_in", "\(changed.text)")
            let session = fixture.client.with(bearer: try #require(changed.string("session_token")))
            let factors = try await session.get(Routes.mySecondFactors)
            #expect(factors.objects("factors").isEmpty, "\(factors.text)")
            #expect(factors.json["recovery_codes_left"] as? Int == 0, "\(factors.text)")
            let again = try await fixture.login("petrova.anna", RecoveryFixture.newPassword)
            #expect(again.string("status") == "logged_in", "no second step any more: \(again.text)")

            let audit = try await admin.client.get("/v1/audit?limit=500&account_id=\(guardianID.rawValue)")
            let event = try #require(audit.objects("events").first { $0["action"] as? String == "account.assisted_reset" })
            #expect(event["actor_id"] as? String == admin.accountID)
            let detail = try #require(event["detail"] as? String)
            #expect(detail.contains("factors removed: totp") && detail.contains("10 recovery codes voided"), "\(detail)")
            #expect(detail.contains("2 notices queued"), "\(detail)")
            #expect(!detail.contains(temporary))
        }
    }

    @Test("with step-up enforced, an assisted reset needs a fresh second factor in the admin's session")
    func resetNeedsStepUp() async throws {
        try await StepUpAPITests.run { server, admin in
            let me = try await admin.get(Routes.me)
            let adminID = try #require(me.string("account_id"))
            let other = try await DirectoryService(environment: server.application.environment).addStaff(
                by: .commandLine, role: .platformAdmin, schoolID: nil, login: "admin2",
                profile: try AccountProfile(lastName: "Петров", firstName: "Пётр", patronymic: nil, birthDate: nil),
                context: .commandLine(requestID: "test"))
            #expect(adminID != other.0.id.rawValue)
            server.clock.advance(seconds: 301)
            let stale = try await admin.post("/v1/accounts/\(other.0.id.rawValue)/assisted-reset")
            #expect(stale.status == 403 && stale.errorCode == "step_up_required", "\(stale.text)")
            try await StepUpAPITests.proveSecondFactor(admin, on: server)
            let fresh = try await admin.post("/v1/accounts/\(other.0.id.rawValue)/assisted-reset")
            #expect(fresh.status == 200, "\(fresh.text)")
        }
    }
}
