import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `Actor.roles` holds `trusted_person` exactly while a trusted grant is active, and
/// `GET /v1/me` shows it (issue 7).
@Suite struct TrustedPersonRoleTests {
    /// The `roles` of `GET /v1/me`.
    static func roles(_ client: APIClient) async throws -> [String] {
        let me = try await client.get("/v1/me")
        try #require(me.status == 200, "\(me.text)")
        return try #require(me.json["roles"] as? [String], "\(me.text)")
    }

    @Test("trusted_person appears once the grant is active, not while invited or within the activation delay, and goes on revocation")
    func roleFollowsTheGrant() async throws {
        try await TrustedFixture.run { fixture in
            let (_, invitee) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            #expect(try await Self.roles(invitee) == [])
            try #require(try await invitee.post("/v1/invitations/\(id)/accept").status == 200)
            fixture.server.clock.advance(seconds: 3_599)
            #expect(try await Self.roles(try await fixture.login("ivan.sidorov")) == [])
            fixture.server.clock.advance(seconds: 1)
            let trusted = try await fixture.login("ivan.sidorov")
            #expect(try await Self.roles(trusted) == ["trusted_person"])
            let guardian = try await fixture.login("anna.petrova")
            #expect(try await Self.roles(guardian) == ["guardian"])

            #expect(try await guardian.post("/v1/invitations/\(id)/revoke").status == 204)
            #expect(try await Self.roles(trusted) == [])
        }
    }

    @Test("a guardian of one child who is trusted for another holds both roles")
    func guardianAndTrusted() async throws {
        try await TrustedFixture.run { fixture in
            let (_, person) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let own = try await fixture.guardians.student(login: "g57-7302", in: fixture.schoolClass)
            let claimed = try await person.post("/v1/me/children/claim", json: [
                "login": own.login, "password": own.password, "relation": "father"])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            try #require(try await person.post("/v1/invitations/\(id)/accept").status == 200)
            fixture.server.clock.advance(seconds: 3_600)
            let both = try await fixture.login("ivan.sidorov")
            #expect(try await Self.roles(both) == ["guardian", "trusted_person"])
        }
    }
}
