import Foundation
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting
import Testing

/// What registration discloses about existing accounts (only login availability, after
/// the phone is proven), and single use of the code under concurrency.
@Suite struct RegistrationAntiEnumerationTests {
    @Test("a phone that belongs to an account gets the same answer; its owner gets a notice, nobody a code")
    func existingPhone() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let owner = "+79161230001", fresh = "+79161230002"
            #expect(try await client.register(phone: owner, login: "owner.one").status == 201)
            world.server.clock.advance(seconds: 61)
            let existing = try await client.start(phone: owner)
            let unknown = try await client.start(phone: fresh)
            #expect(existing.status == 201 && unknown.status == 201)
            #expect(Set(existing.json.keys) == Set(unknown.json.keys))
            #expect(existing.json["expires_at"] as? Int == unknown.json["expires_at"] as? Int)
            #expect(existing.json["resend_after"] as? Int == unknown.json["resend_after"] as? Int)
            #expect(existing.string("registration_id") != unknown.string("registration_id"))
            #expect(existing.header("Content-Length") == unknown.header("Content-Length"))

            let notice = try await world.sms(to: owner, after: 1)
            #expect(notice.text == MessageTemplate.contactAlreadyRegistered.sms(in: .russian))
            #expect(DeliveryWorld.code(in: notice.text) == nil)
            let id = try #require(existing.string("registration_id"))
            let refused = try await client.confirm(id, code: "123456")
            #expect(refused.errorCode == "code_invalid")
            #expect(try await client.count("accounts") == 1)
        }
    }

    @Test("an email that belongs to an account is not used and its owner is notified by email")
    func existingEmail() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let first = try await client.register(phone: "+79161230011", email: "taken@example.ru", login: "first.one")
            let code = try #require(DeliveryWorld.code(in: try await world.email(to: "taken@example.ru").body))
            let verified = try await client.api.with(bearer: first.string("session_token"))
                .post("/v1/registrations/\(try await registrationID(of: first, client))/email/confirm", json: ["code": code])
            #expect(verified.status == 200)
            let second = try await client.register(phone: "+79161230012", email: "taken@example.ru", login: "second.one")
            #expect(second.status == 201)
            let notice = try await world.email(to: "taken@example.ru", after: 1)
            #expect(notice.subject == MessageTemplate.contactAlreadyRegistered.email(in: .russian).subject)
            let accountID = try Account.ID(parsing: try #require(second.string("account_id")))
            let contacts = try await world.server.application.storage.read { tx in try tx.contacts.contacts(of: accountID) }
            #expect(contacts.map(\.kind) == [.phone])
        }
    }

    @Test("a taken login answers login_taken after the code; another login then completes without a code")
    func loginTaken() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            #expect(try await client.register(phone: "+79161230021", login: "popular.name").status == 201)
            let (id, code) = try await client.startWithCode(phone: "+79161230022", login: "popular.name")
            let taken = try await client.confirm(id, code: code)
            #expect(taken.status == 409 && taken.errorCode == "login_taken")
            let done = try await client.confirm(id, code: nil, login: "other.name")
            #expect(done.status == 201 && done.string("login") == "other.name")
            let replay = try await client.confirm(id, code: nil, login: "third.name")
            #expect(replay.errorCode == "code_invalid")
        }
    }

    @Test("50 parallel confirmations of one code: exactly one succeeds, the rest code_invalid, one account")
    func parallelConfirmations() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161230031", login: "racer.one")
            let results = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.confirm(id, code: code)
                        return (response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.0 == 201 }.count == 1)
            #expect(results.filter { $0.1 == "code_invalid" }.count == 49)
            #expect(try await client.count("accounts") == 1)
        }
    }

    /// The registration id is not in the confirm body; the test reads it back from the store.
    private func registrationID(of confirmed: APIResponse, _ client: RegistrationClient) async throws -> String {
        let accountID = try #require(confirmed.string("account_id"))
        return try await client.world.server.application.storage.read { tx in
            let connection = (tx as! SQLiteReadTransaction).connection
            return try connection.queryFirst("SELECT id FROM registrations WHERE account_id = ?", [accountID])!.get(0)
        }
    }
}
