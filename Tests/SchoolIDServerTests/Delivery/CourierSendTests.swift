import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// `Courier.send` through a real server's dispatcher to the fake gateway and SMTP server.
@Suite struct CourierSendTests {
    @Test("a template goes as SMS text to a phone and as subject and body to an email, in the asked language")
    func sendsByDestination() async throws {
        try await DeliveryWorld.run { world in
            let environment = world.server.application.environment
            let phone = try PhoneNumber(parsing: "+79161234567"), email = try Email(parsing: "parent@example.ru")
            let now = world.server.clock.now()
            try await environment.storage.write { tx in
                for destination in [OTPDestination.phone(phone), .email(email)] {
                    try Courier.send(.registrationCode(code: "482915"), to: destination, language: .english, now: now,
                                     keys: environment.dataKeys, random: environment.random, in: tx)
                }
            }
            let sms = try await world.sms(to: phone.rawValue)
            #expect(sms.text == MessageTemplate.registrationCode(code: "482915").sms(in: .english))
            #expect(DeliveryWorld.code(in: sms.text) == "482915")
            let mail = try await world.email(to: email.rawValue)
            let (subject, body) = MessageTemplate.registrationCode(code: "482915").email(in: .english)
            #expect(mail.subject == subject)
            #expect(mail.body.trimmingCharacters(in: .newlines) == body)
        }
    }
}
