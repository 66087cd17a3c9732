import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct SessionManagementTests {
    @Test("lists the caller's sessions newest first, handles only, with the presented one marked current")
    func listsSessions() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a")
            world.server.clock.advance(seconds: 5)
            let second = try await person.loginAgain(world)
            let fromSecond = try await second.get("/v1/me/sessions")
            #expect(fromSecond.status == 200)
            let sessions = fromSecond.objects("sessions")
            #expect(sessions.count == 2)
            #expect(sessions.map { $0["current"] as? Bool } == [true, false])
            #expect(sessions.allSatisfy { ($0["id"] as? String)?.hasPrefix("ses_") == true })
            let created = sessions.compactMap { $0["created_at"] as? Int }
            #expect(created.count == 2 && created[0] == created[1] + 5)
            #expect(!fromSecond.text.contains(try #require(second.bearer)))
            let fromFirst = try await person.client.get("/v1/me/sessions").objects("sessions")
            #expect(fromFirst.map { $0["current"] as? Bool } == [false, true])
        }
    }

    @Test("revoking a session by its id ends it: its token is then refused")
    func revokesOne() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a")
            world.server.clock.advance(seconds: 5)
            let second = try await person.loginAgain(world)
            let older = try #require(try await second.get("/v1/me/sessions").objects("sessions").last?["id"] as? String)
            let revoked = try await second.send("DELETE", "/v1/me/sessions/\(older)")
            #expect(revoked.status == 204)
            #expect(try await person.client.get("/v1/me").status == 401)
            #expect(try await second.get("/v1/me").status == 200)
            #expect(try await second.get("/v1/me/sessions").objects("sessions").count == 1)
            let again = try await second.send("DELETE", "/v1/me/sessions/\(older)")
            #expect(again.status == 404 && again.errorCode == "session_not_found")
        }
    }

    @Test("revoke-others keeps only the presented session")
    func revokesOthers() async throws {
        try await DeliveryWorld.run { world in
            let person = try await SecurityPerson.make(in: world, login: "petrova.a")
            let second = try await person.loginAgain(world)
            let third = try await person.loginAgain(world)
            let response = try await third.post("/v1/me/sessions/revoke-others")
            #expect(response.status == 200)
            #expect(response.json["revoked"] as? Int == 2)
            #expect(try await person.client.get("/v1/me").status == 401)
            #expect(try await second.get("/v1/me").status == 401)
            let left = try await third.get("/v1/me/sessions").objects("sessions")
            #expect(left.count == 1 && left.first?["current"] as? Bool == true)
        }
    }

    @Test("another account's session id, or an unknown one, is session_not_found and revokes nothing")
    func othersSession() async throws {
        try await DeliveryWorld.run { world in
            let first = try await SecurityPerson.make(in: world, login: "petrova.a")
            let second = try await SecurityPerson.make(in: world, login: "ivanov.b")
            let foreign = try #require(try await second.client.get("/v1/me/sessions").objects("sessions").first?["id"] as? String)
            for id in [foreign, "ses_AAAAAAAAAAAAAAAAAAAAAA"] {
                let response = try await first.client.send("DELETE", "/v1/me/sessions/\(id)")
                #expect(response.status == 404 && response.errorCode == "session_not_found")
            }
            #expect(try await second.client.get("/v1/me").status == 200)
        }
    }
}
