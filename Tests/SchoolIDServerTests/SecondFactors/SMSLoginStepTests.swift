import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// SMS as a login factor (a restricted authenticator, only when policy allows it).
@Suite struct SMSLoginStepTests {
    @Test("a guardian with an SMS factor logs in with a code sent to the verified phone: amr pwd+sms; a wrong code is 401")
    func smsSecondStep() async throws {
        try await RecoveryFixture.run { fixture in
            let phone = MultiFactorRecoveryTests.phone
            let id = try await fixture.guardian(login: "petrova.anna", phone: phone, email: nil)
            let environment = fixture.environment
            let actor = try await environment.storage.read { tx in
                try Actor.load(id, session: nil, accounts: tx.accounts, classes: tx.classes)
            }
            _ = try await SecondFactorService(environment: environment).enrolSMS(actor: actor, context: .commandLine(requestID: "t"))

            let login = try await fixture.login("petrova.anna", RecoveryFixture.password)
            #expect(login.string("status") == "second_factor_required", "\(login.text)")
            #expect(login.json["methods"] as? [String] == ["sms", "recovery_code"], "SMS enrolment hands out recovery codes")
            let ticket = try #require(login.string("second_factor_ticket"))
            let sent = try await fixture.client.post(Routes.loginSecondFactorSMS, json: ["second_factor_ticket": ticket])
            #expect(sent.status == 202, "\(sent.text)")
            let challengeID = try #require(sent.string("challenge_id"))
            let code = try await fixture.smsCode(phone)
            let body = { (code: String) -> [String: Any] in
                ["second_factor_ticket": ticket, "challenge_id": challengeID, "sms_code": code]
            }
            let wrong = try await fixture.client.post(Routes.loginSecondFactor, json: body(code == "000000" ? "111111" : "000000"))
            #expect(wrong.status == 401 && wrong.errorCode == "invalid_credentials")
            let done = try await fixture.client.post(Routes.loginSecondFactor, json: body(code))
            #expect(done.status == 200 && done.json["amr"] == nil, "\(done.text)")
            let token: String = try #require(done.string("session_token"))
            let me = try await fixture.client.with(bearer: token).get(Routes.me)
            #expect(me.json["amr"] as? [String] == ["pwd", "sms"] && me.string("acr") == "2")
        }
    }
}
