import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Who may invite, who sees and who may accept an invitation.
@Suite struct TrustedInvitationRulesTests {
    static let snils = "112-233-445 95"
    static let otherSNILS = "123-456-789 64"

    @Test("an invitee with a mismatching last name or SNILS never sees the invitation and cannot accept it")
    func mismatchSeesNothing() async throws {
        try await TrustedFixture.run { fixture in
            let (_, wrongName) = try await fixture.person(login: "ivan.smirnov", lastName: "Смирнов", phone: "+79161110002")
            let (_, wrongSNILS) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров",
                                                           snils: Self.otherSNILS)
            let byPhone = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            let bySNILS = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", snils: Self.snils))
            #expect(try await TrustedFixture.received(wrongName).isEmpty)
            #expect(try await TrustedFixture.received(wrongSNILS).isEmpty)
            for (client, id) in [(wrongName, byPhone), (wrongSNILS, bySNILS), (wrongSNILS, byPhone)] {
                let refused = try await client.post("/v1/invitations/\(id)/accept")
                #expect(refused.status == 404 && refused.errorCode == "invitation_not_found", "\(refused.text)")
            }
        }
    }

    @Test("a verified-SNILS match accepts without a code; a declared-SNILS match cannot accept without the acceptance code")
    func declaredSNILSNeedsCode() async throws {
        try await TrustedFixture.run { fixture in
            let (_, declared) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", snils: Self.snils,
                                                         snilsVerified: false)
            let created = try await fixture.invite(lastName: "СИДОРОВ", snils: "11223344595")
            let id = try TrustedFixture.invitationID(created)
            let code = try #require(created.string("acceptance_code"))
            let listed = try await declared.get("/v1/me/invitations/received")
            let item = try #require((listed.json["invitations"] as? [[String: Any]])?.first, "\(listed.text)")
            #expect(item["acceptance_code_required"] as? Bool == true && item["student_name"] == nil)

            let missing = try await declared.post("/v1/invitations/\(id)/accept")
            #expect(missing.status == 403 && missing.errorCode == "acceptance_code_invalid", "\(missing.text)")
            let wrong = try await declared.post("/v1/invitations/\(id)/accept", json: ["acceptance_code": "ACDEF-GHJKM"])
            #expect(wrong.status == 403 && wrong.errorCode == "acceptance_code_invalid", "\(wrong.text)")
            let right = try await declared.post("/v1/invitations/\(id)/accept", json: ["acceptance_code": code.lowercased()])
            #expect(right.status == 200 && right.string("state") == "accepted", "\(right.text)")

            let (_, verified) = try await fixture.person(login: "petr.kuznetsov", lastName: "Кузнецов",
                                                         snils: Self.otherSNILS)
            let second = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Кузнецов", snils: Self.otherSNILS))
            let direct = try await verified.post("/v1/invitations/\(second)/accept")
            #expect(direct.status == 200, "\(direct.text)")
        }
    }

    @Test("a guardian invites only for their own linked child, and a trusted person cannot invite: 403")
    func onlyGuardiansOfTheChild() async throws {
        try await TrustedFixture.run { fixture in
            let other = try await fixture.guardians.student(login: "g57-7302", in: fixture.schoolClass)
            let refused = try await fixture.invite(lastName: "Сидоров", phone: "+79161110002", child: other.id)
            #expect(refused.status == 403 && refused.errorCode == "permission_denied", "\(refused.text)")

            let (_, invitee) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            try #require(try await invitee.post("/v1/invitations/\(id)/accept").status == 200)
            fixture.server.clock.advance(seconds: 3_600)
            let trusted = try await fixture.login("ivan.sidorov")
            #expect(try await TrustedFixture.access(trusted).keys.contains(fixture.child.id.rawValue))
            let delegated = try await fixture.invite(lastName: "Смирнов", phone: "+79161110003", by: trusted)
            #expect(delegated.status == 403 && delegated.errorCode == "permission_denied", "\(delegated.text)")
        }
    }

    @Test("a student account can neither invite nor accept: 403")
    func studentsRefused() async throws {
        try await TrustedFixture.run { fixture in
            let sibling = try await fixture.guardians.student(login: "g57-7303", in: fixture.schoolClass, phone: "+79161110002")
            let (student, _) = try await SchoolWorld.firstLogin(APIClient(fixture.server), login: sibling.login,
                                                               password: sibling.password,
                                                               newPassword: "green-Kettle-river-81")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Петров", phone: "+79161110002"))
            #expect(try await TrustedFixture.received(student).isEmpty)
            let accept = try await student.post("/v1/invitations/\(id)/accept")
            #expect(accept.status == 403 && accept.errorCode == "permission_denied", "\(accept.text)")
            let invite = try await fixture.invite(lastName: "Сидоров", phone: "+79161110004", by: student)
            #expect(invite.status == 403 && invite.errorCode == "permission_denied", "\(invite.text)")
        }
    }

    @Test("a parallel double-accept makes one transition")
    func parallelAccept() async throws {
        try await TrustedFixture.run { fixture in
            let (_, invitee) = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            async let first = invitee.post("/v1/invitations/\(id)/accept")
            async let second = invitee.post("/v1/invitations/\(id)/accept")
            let statuses = try await [first.status, second.status].sorted()
            #expect(statuses == [200, 409], "\(statuses)")
            let actions = try await fixture.guardians.auditActions(about: fixture.child.id)
            #expect(actions.filter { $0 == "trusted_invitation.accepted" }.count == 1)
        }
    }

    @Test("invalid SNILS, phone or invitee answer 400 with their codes and fields", arguments: [
        (["last_name": "Сидоров", "snils": "123-456-789 65", "services": ["diary"]], "snils_invalid", "snils"),
        (["last_name": "Сидоров", "phone": "+7916", "services": ["diary"]], "phone_invalid", "phone"),
        (["last_name": "Сидоров", "phone": "phone", "services": ["diary"]], "phone_invalid", "phone"),
        (["last_name": "Сидоров", "services": ["diary"]], "invitee_invalid", nil),
        (["last_name": " ", "phone": "+79161110002", "services": ["diary"]], "name_invalid", "last_name"),
        (["last_name": "Сидоров", "phone": "+79161110002", "services": ["grades"]], "bad_request", "services"),
    ] as [([String: any Sendable], String, String?)])
    func invalidInput(body: [String: any Sendable], code: String, field: String?) async throws {
        try await TrustedFixture.run { fixture in
            let response = try await fixture.guardian.post("/v1/me/children/\(fixture.child.id.rawValue)/invitations",
                                                           json: body)
            #expect(response.status == 400 && response.errorCode?.hasPrefix(code) == true, "\(response.text)")
            #expect(response.string("field") == field)
        }
    }
}
