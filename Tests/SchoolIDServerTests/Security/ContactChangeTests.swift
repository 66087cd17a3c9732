import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct ContactChangeTests {
    static let oldPhone = "+79160000001"
    static let newPhone = "+79160000002"

    /// A receipt without its random challenge id: what must be identical across paths.
    static func shape(_ response: APIResponse) -> [String: Int] {
        var shape = ["status": response.status]
        for (key, value) in response.json where key != "challenge_id" { shape[key] = value as? Int ?? -1 }
        return shape
    }

    @Test("a wrong current password is invalid_credentials and sends nothing")
    func wrongPassword() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            let response = try await person.startChange("phone", to: Self.newPhone, password: "not-the-password-1")
            #expect(response.status == 401 && response.errorCode == "invalid_credentials")
            _ = try await world.server.application.dispatcher.runOnce()
            #expect(world.smsCount(to: Self.newPhone) == 0)
        }
    }

    @Test("a phone change sends a code to the new number; confirming makes it the verified phone and notifies the old one")
    func changesPhone() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            let started = try await person.startChange("phone", to: Self.newPhone)
            #expect(started.status == 202)
            let challengeID = try #require(started.string("challenge_id"))
            let code = try await world.smsCode(to: Self.newPhone)
            let confirmed = try await person.confirm(challengeID, code: code)
            #expect(confirmed.status == 200)
            #expect(confirmed.string("kind") == "phone" && confirmed.json["verified"] as? Bool == true)
            let contacts = try await person.client.get("/v1/me/contacts")
            let phone = try #require(contacts.json["phone"] as? [String: Any])
            #expect(phone["value_masked"] as? String == "+7 9** ***-00-02")
            #expect(phone["verified"] as? Bool == true)
            #expect(contacts.json["email"] == nil)
            let notice = try await world.sms(to: Self.oldPhone)
            #expect(notice.text.contains("изменён") && DeliveryWorld.code(in: notice.text) == nil)
            #expect(!contacts.text.contains(Self.newPhone))
            #expect(try await person.confirm(challengeID, code: code).errorCode == "code_invalid")
        }
    }

    @Test("a number another account has verified gets the same answer and a notice; the change cannot be confirmed")
    func takenNumber() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            _ = try await SecurityPerson.make(in: world, login: "ivanov.b", phone: Self.newPhone)
            let free = try await person.startChange("phone", to: "+79160000003")
            let taken = try await person.startChange("phone", to: Self.newPhone)
            #expect(taken.status == 202)
            #expect(Self.shape(taken) == Self.shape(free))
            let notice = try await world.sms(to: Self.newPhone)
            #expect(notice.text.contains("уже зарегистрирован") && DeliveryWorld.code(in: notice.text) == nil)
            let challengeID = try #require(taken.string("challenge_id"))
            let refused = try await person.confirm(challengeID, code: "123456")
            #expect(refused.status == 400 && refused.errorCode == "code_invalid")
            let phone = try #require(try await person.client.get("/v1/me/contacts").json["phone"] as? [String: Any])
            #expect(phone["value_masked"] as? String == "+7 9** ***-00-01")
        }
    }

    @Test("an email change sends its code by email and sets the verified email")
    func changesEmail() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            let started = try await person.startChange("email", to: "petrova@example.ru")
            #expect(started.status == 202)
            let code = try await world.emailCode(to: "petrova@example.ru")
            let confirmed = try await person.confirm(try #require(started.string("challenge_id")), code: code)
            #expect(confirmed.status == 200 && confirmed.string("kind") == "email")
            let email = try #require(try await person.client.get("/v1/me/contacts").json["email"] as? [String: Any])
            #expect(email["value_masked"] as? String == "p***@example.ru")
            #expect(email["verified"] as? Bool == true)
        }
    }

    @Test("the account's own verified value is contact_unchanged")
    func unchanged() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone,
                                                       email: "petrova@example.ru")
            for (kind, value) in [("phone", Self.oldPhone), ("email", "Petrova@Example.ru")] {
                let response = try await person.startChange(kind, to: value)
                #expect(response.status == 409 && response.errorCode == "contact_unchanged")
            }
        }
    }

    @Test("five wrong codes exhaust the change; the right code is then refused")
    func exhausted() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            let challengeID = try #require(try await person.startChange("phone", to: Self.newPhone).string("challenge_id"))
            let code = try await world.smsCode(to: Self.newPhone)
            let wrong = String(code.dropLast()) + (code.last == "0" ? "1" : "0")
            var errors: [String?] = []
            for _ in 0..<5 { errors.append(try await person.confirm(challengeID, code: wrong).errorCode) }
            #expect(errors == Array(repeating: "code_invalid", count: 4) + ["code_exhausted"])
            let late = try await person.confirm(challengeID, code: code)
            #expect(late.status == 410 && late.errorCode == "code_exhausted")
        }
    }

    @Test("a code from one account's change cannot confirm it for another account, and spends none of its attempts")
    func otherAccount() async throws {
        try await DeliveryWorld.run { world in
            let owner = try await SecurityPerson.make(in: world, login: "petrova.a", phone: Self.oldPhone)
            let intruder = try await SecurityPerson.make(in: world, login: "ivanov.b", phone: "+79160000009")
            let challengeID = try #require(try await owner.startChange("phone", to: Self.newPhone).string("challenge_id"))
            let code = try await world.smsCode(to: Self.newPhone)
            for _ in 0..<6 {
                let refused = try await owner.confirm(challengeID, code: code, by: intruder.client)
                #expect(refused.status == 400 && refused.errorCode == "code_invalid")
            }
            let confirmed = try await owner.confirm(challengeID, code: code)
            #expect(confirmed.status == 200)
            let intruderPhone = try #require(try await intruder.client.get("/v1/me/contacts").json["phone"] as? [String: Any])
            #expect(intruderPhone["value_masked"] as? String == "+7 9** ***-00-09")
        }
    }
}
