import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Family data at rest (issue 7): guardian links by credentials and by link code, an
/// unused link code, trusted-person invitations by last name plus phone and plus SNILS,
/// accepted, revoked and waiting ones. Neither the invitee's last name (any case, ё or
/// е), phone (E.164, `8…`, digits only), SNILS (with or without separators) nor any
/// link or acceptance code appears in the database, its WAL, a backup or any file
/// under `data/`.
extension RawFileTests {
    static let inviteeLastName = "Ёлкина"
    static let inviteePhone = "+79161110077"
    static let waitingPhone = "+79161110078"
    static let inviteeSNILS = "112-233-445 95"

    @Test("no invitee name, phone or SNILS and no link or acceptance code in the database, WAL, backup or data/")
    func familyDataNotInClear() async throws {
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let people = GuardianFixture(server: world.server)
            let schoolClass = try await people.schoolClass()
            let child = try await people.student(login: "g57-7301", in: schoolClass)
            let (motherID, mother) = try await people.adult(login: "anna.petrova", phone: "+79161110001")
            let (_, father) = try await people.adult(login: "pavel.petrov", phone: "+79161110002")
            let claimed = try await mother.post("/v1/me/children/claim", json: [
                "login": child.login, "password": child.password, "relation": "mother"])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")

            let admin = try await SchoolWorld.bootstrapAdmin(world.server).client
            var codes: [String] = []
            for _ in 0..<2 {
                let issued = try await admin.post("/v1/students/\(child.id.rawValue)/link-codes")
                try #require(issued.status == 201, "\(issued.text)")
                codes.append(try #require(issued.string("code")))
            }
            let byCode = try await father.post("/v1/me/children/claim", json: ["link_code": codes[0], "relation": "father"])
            try #require(byCode.status == 201 || byCode.status == 200, "\(byCode.text)")

            let family = TrustedFixture(server: world.server, guardians: people, schoolClass: schoolClass, child: child,
                                        guardian: mother, guardianID: motherID)
            codes += try await Self.inviteAndRespond(family)
            let storage = world.server.application.storage
            let later = world.server.clock.now().adding(seconds: 86_400)
            while try await !storage.read({ tx in try tx.outbox.due(at: later, limit: 1) }).isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            let files = try await RawFileTests.rawFiles(of: world.server, backup: "family-backup.sqlite")
            try RawFileTests.expectAbsent(Self.familySecrets(codes: codes), from: files)
        }
    }

    /// Invites the invitee by last name plus phone and plus SNILS (their account has the
    /// phone verified and the SNILS declared, so the SNILS match needs the acceptance
    /// code), a third time to be revoked, and a stranger who never registers; accepts two.
    /// - Returns: the acceptance codes shown to the guardian.
    static func inviteAndRespond(_ family: TrustedFixture) async throws -> [String] {
        let (_, invitee) = try await family.person(login: "olga.elkina", lastName: inviteeLastName, phone: inviteePhone,
                                                   snils: inviteeSNILS, snilsVerified: false)
        let byPhone = try await family.invite(lastName: inviteeLastName.uppercased(), phone: "8 916 111-00-77")
        let bySNILS = try await family.invite(lastName: "елкина", snils: inviteeSNILS.filter(\.isNumber),
                                              services: ["diary", "nutrition"])
        let revoked = try await family.invite(lastName: inviteeLastName, phone: inviteePhone, services: ["attendance"])
        let waiting = try await family.invite(lastName: inviteeLastName, phone: waitingPhone)
        for response in [byPhone, bySNILS, revoked, waiting] { try #require(response.status == 201, "\(response.text)") }
        let code = try #require(bySNILS.string("acceptance_code"))

        let accepted = try await invitee.post("/v1/invitations/\(try TrustedFixture.invitationID(byPhone))/accept")
        #expect(accepted.status == 200, "\(accepted.text)")
        let withCode = try await invitee.post("/v1/invitations/\(try TrustedFixture.invitationID(bySNILS))/accept",
                                              json: ["acceptance_code": code])
        #expect(withCode.status == 200, "\(withCode.text)")
        let guardian = try await family.login("anna.petrova")
        let revoke = try await guardian.post("/v1/invitations/\(try TrustedFixture.invitationID(revoked))/revoke")
        #expect(revoke.status == 204, "\(revoke.text)")
        return [code]
    }

    /// Every written form of the invitee's data and of the codes.
    static func familySecrets(codes: [String]) -> [String] {
        let names = [inviteeLastName, "Елкина"].flatMap { [$0, $0.lowercased(), $0.uppercased()] }
        let phones = [inviteePhone, waitingPhone].flatMap { phone -> [String] in
            let digits = phone.filter(\.isNumber)
            return [phone, digits, "8" + digits.dropFirst(), String(digits.dropFirst())]
        }
        let digits = inviteeSNILS.filter(\.isNumber)
        let snils = [inviteeSNILS, digits, inviteeSNILS.replacingOccurrences(of: "-", with: " "), String(digits.prefix(9)),
                     String(inviteeSNILS.prefix(11))]
        let codeForms = codes.flatMap { code -> [String] in
            let bare = code.filter { $0 != "-" && $0 != " " }
            return [code, bare, bare.lowercased(), code.lowercased()]
        }
        return names + phones + snils + codeForms
    }
}
