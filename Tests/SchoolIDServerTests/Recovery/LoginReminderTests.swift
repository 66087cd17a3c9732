import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// "I don't remember my login": `POST /v1/recovery/login`.
@Suite struct LoginReminderTests {
    @Test("a verified phone or email receives the login, in the account's language")
    func remindsByPhoneAndEmail() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: "anna@example.ru",
                                       locale: .english)
            let byPhone = try await fixture.client.post("/v1/recovery/login", json: ["contact": "8 916 123-45-67"])
            #expect(byPhone.status == 202 && byPhone.string("status") == "sent_if_known")
            let sms = try await fixture.world.sms(to: "+79161234567")
            #expect(sms.text == MessageTemplate.loginReminder(login: "petrova.anna").sms(in: .english))
            let byEmail = try await fixture.client.post("/v1/recovery/login", json: ["contact": "Anna@Example.ru"])
            #expect(byEmail.status == 202)
            let mail = try await fixture.world.email(to: "anna@example.ru")
            #expect(mail.body.contains("petrova.anna"))
        }
    }

    @Test("an unknown contact gets the identical answer; its reminder is a decoy the dispatcher drops")
    func unknownContactIsIndistinguishable() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            let known = try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79161234567"])
            let unknown = try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79997654321"])
            #expect(known.status == unknown.status)
            #expect(known.text == unknown.text)
            #expect(try await fixture.outboxStatuses() == [.sent, .dropped])
            #expect(fixture.world.smsCount(to: "+79997654321") == 0)
        }
    }

    @Test("reminders count against the code quotas: a second one within the cooldown is 429, known or not")
    func remindersAreThrottled() async throws {
        try await RecoveryFixture.run { fixture in
            try await fixture.guardian(login: "petrova.anna", phone: "+79161234567", email: nil)
            for contact in ["+79161234567", "+79997654321"] {
                #expect(try await fixture.client.post("/v1/recovery/login", json: ["contact": contact]).status == 202)
                let again = try await fixture.client.post("/v1/recovery/login", json: ["contact": contact])
                #expect(again.status == 429 && again.errorCode == "code_resend_too_soon")
                #expect(again.header("Retry-After") == "60")
            }
        }
    }

    @Test("a contact that is neither a phone nor an email is refused for its format")
    func malformedContact() async throws {
        try await RecoveryFixture.run { fixture in
            let response = try await fixture.client.post("/v1/recovery/login", json: ["contact": "not a phone"])
            #expect(response.status == 400 && response.errorCode == "phone_invalid_format")
        }
    }
}
