import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Guardian self-registration end to end: a real server, the fake SMS gateway and the
/// fake SMTP server on loopback.
@Suite struct RegistrationFlowTests {
    @Test("registration → SMS code → confirm → login with the new login and password; the email code verifies the email")
    func fullFlow() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234567", email: "parent@example.ru",
                                                            login: "maria.ivanova")
            let confirmed = try await client.confirm(id, code: code)
            #expect(confirmed.status == 201)
            #expect(confirmed.string("status") == "registered" && confirmed.string("login") == "maria.ivanova")
            #expect(confirmed.setCookie("schoolid_session") != nil)
            let token = try #require(confirmed.string("session_token"))
            let login = try await client.api.post("/v1/login", json: ["login": "maria.ivanova",
                                                                      "password": RegistrationClient.password])
            #expect(login.status == 200 && login.string("status") == "logged_in")

            let mail = try await world.email(to: "parent@example.ru")
            let emailCode = try #require(DeliveryWorld.code(in: mail.body))
            let verified = try await client.api.with(bearer: token)
                .post("/v1/registrations/\(id)/email/confirm", json: ["code": emailCode])
            #expect(verified.status == 200 && verified.string("status") == "email_verified")
            let accountID = try Account.ID(parsing: try #require(confirmed.string("account_id")))
            let contacts = try await world.server.application.storage.read { tx in try tx.contacts.contacts(of: accountID) }
            #expect(contacts.map(\.kind) == [.phone, .email])
            #expect(contacts.allSatisfy { $0.verifiedAt != nil })
        }
    }

    @Test("without a login one is generated; without an email there is no email code to confirm")
    func generatedLogin() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234500")
            let confirmed = try await client.confirm(id, code: code)
            #expect(confirmed.status == 201)
            let login = try #require(confirmed.string("login"))
            #expect(login.count == 8 && login.hasPrefix("p") && login.dropFirst().allSatisfy(\.isNumber))
            let emailConfirm = try await client.api.with(bearer: confirmed.string("session_token"))
                .post("/v1/registrations/\(id)/email/confirm", json: ["code": "123456"])
            #expect(emailConfirm.status == 404 && emailConfirm.errorCode == "registration_not_found")
        }
    }

    @Test("five wrong codes exhaust the challenge; then even the right code is refused")
    func wrongCodesExhaust() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234568")
            let wrong = code == "000000" ? "111111" : "000000"
            var codes: [String?] = []
            for _ in 0..<5 { codes.append(try await client.confirm(id, code: wrong).errorCode) }
            #expect(codes == ["code_invalid", "code_invalid", "code_invalid", "code_invalid", "code_exhausted"])
            let right = try await client.confirm(id, code: code)
            #expect(right.status == 410 && right.errorCode == "code_exhausted")
            #expect(try await client.count("accounts") == 0)
        }
    }

    @Test("an expired code is refused (clock moved past the code's lifetime)")
    func expiredCode() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234569")
            world.server.clock.advance(seconds: 601)
            let refused = try await client.confirm(id, code: code)
            #expect(refused.status == 410 && refused.errorCode == "code_expired")
        }
    }

    @Test("a resend before the cooldown is 429 code_resend_too_soon with Retry-After; after it a new code works")
    func resendCooldown() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let phone = "+79161234570"
            let (id, _) = try await client.startWithCode(phone: phone)
            world.server.clock.advance(seconds: 20)
            let early = try await client.api.post("/v1/registrations/\(id)/resend")
            #expect(early.status == 429 && early.errorCode == "code_resend_too_soon")
            #expect(early.header("Retry-After") == "40")
            world.server.clock.advance(seconds: 40)
            let resent = try await client.api.post("/v1/registrations/\(id)/resend")
            #expect(resent.status == 200 && resent.string("registration_id") == id)
            let sms = try await world.sms(to: phone, after: 1)
            let code = try #require(DeliveryWorld.code(in: sms.text))
            let confirmed = try await client.confirm(id, code: code)
            #expect(confirmed.status == 201)
        }
    }

    @Test("a +7 7xx (Kazakhstan) number is refused with phone_not_allowed and nothing is written")
    func phoneNotAllowed() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let refused = try await client.start(phone: "+77011234567")
            #expect(refused.status == 400 && refused.errorCode == "phone_not_allowed")
            for table in ["registrations", "challenges", "outbox", "otp_sends"] {
                #expect(try await client.count(table) == 0, "\(table)")
            }
        }
    }

    @Test("a registration past pending_seconds is registration_not_found")
    func registrationExpires() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234571")
            world.server.clock.advance(seconds: 3600)
            let gone = try await client.confirm(id, code: code)
            #expect(gone.status == 404 && gone.errorCode == "registration_not_found")
            let resend = try await client.api.post("/v1/registrations/\(id)/resend")
            #expect(resend.errorCode == "registration_not_found")
        }
    }
}
