import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Invitation times on the server's manual clock (fixture invitations.json: 24 h to
/// accept, access 1 h after acceptance, until the end of the school year).
@Suite struct TrustedInvitationWindowTests {
    @Test("accepted at 23:59:59 after the invitation works; at 24:00:01 it has lapsed and is no longer shown")
    func acceptanceWindow() async throws {
        try await TrustedFixture.run { fixture in
            _ = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let first = try TrustedFixture.invitationID(try await fixture.invite(lastName: "сидоров", phone: "+79161110002"))
            fixture.server.clock.advance(seconds: 86_399)
            let accepted = try await fixture.login("ivan.sidorov").post("/v1/invitations/\(first)/accept")
            #expect(accepted.status == 200 && accepted.string("state") == "accepted", "\(accepted.text)")

            let second = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            fixture.server.clock.advance(seconds: 86_401)
            let invitee = try await fixture.login("ivan.sidorov")
            #expect(try await TrustedFixture.received(invitee).contains(second) == false)
            let lapsed = try await invitee.post("/v1/invitations/\(second)/accept")
            #expect(lapsed.status == 410 && lapsed.errorCode == "invitation_lapsed", "\(lapsed.text)")
        }
    }

    @Test("access starts only after the activation delay, with exactly the granted services, and a revoked grant disappears")
    func activationAndRevocation() async throws {
        try await TrustedFixture.run { fixture in
            let (_, first) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидорёв", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидорев", phone: "8 916 111-00-02",
                                                                              services: ["diary", "nutrition"]))
            #expect(try await TrustedFixture.received(first) == [id])
            let accepted = try await first.post("/v1/invitations/\(id)/accept")
            try #require(accepted.status == 200, "\(accepted.text)")
            #expect(try await TrustedFixture.access(first).isEmpty)
            fixture.server.clock.advance(seconds: 3_599)
            #expect(try await TrustedFixture.access(try await fixture.login("ivan.sidorov")).isEmpty)
            fixture.server.clock.advance(seconds: 1)
            let invitee = try await fixture.login("ivan.sidorov")
            #expect(try await TrustedFixture.access(invitee) == [fixture.child.id.rawValue: ["diary", "nutrition"]])
            let view = try await invitee.get("/v1/me/access")
            #expect((view.json["students"] as? [[String: Any]])?.first?["via"] as? String == "trusted")

            let guardian = try await fixture.login("anna.petrova")
            let revoked = try await guardian.post("/v1/invitations/\(id)/revoke")
            #expect(revoked.status == 204, "\(revoked.text)")
            #expect(try await TrustedFixture.access(invitee).isEmpty)
            let again = try await guardian.post("/v1/invitations/\(id)/revoke")
            #expect(again.status == 409 && again.errorCode == "invitation_not_pending", "\(again.text)")
            let actions = try await fixture.guardians.auditActions(about: fixture.child.id)
            #expect(actions.filter { $0.hasPrefix("trusted_invitation.") }
                == ["trusted_invitation.revoked", "trusted_invitation.accepted", "trusted_invitation.created"])
        }
    }

    @Test("the grant of a school in Asia/Vladivostok expires at 00:00 on 1 September there, stored as UTC")
    func grantExpiresAtSchoolYearEnd() async throws {
        try await TrustedFixture.run(timeZone: "Asia/Vladivostok") { fixture in
            let (_, invitee) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            let accepted = try await invitee.post("/v1/invitations/\(id)/accept")
            // The test clock starts 2026-09-21; 2027-09-01T00:00+10:00 is 2027-08-31T14:00:00Z.
            #expect(accepted.json["expires_at"] as? Int == 1_819_720_800, "\(accepted.text)")
        }
    }
}
