import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// The people of an invitation: a school, a guardian, a student and an invitee.
    struct InvitationPeople: Sendable {
        let school: School
        let guardian: Account
        let student: Account
        let invitee: Account
        let otherGuardian: Account
    }

    /// Inserts ``InvitationPeople`` made from `samples`.
    static func invitationPeople(_ samples: StoreSamples, in storage: any Storage) async throws -> InvitationPeople {
        let people = InvitationPeople(school: samples.school(), guardian: samples.account(login: "parent1", category: .adult),
                                      student: samples.account(login: "s57-7201"),
                                      invitee: samples.account(login: "nanny1", category: .adult),
                                      otherGuardian: samples.account(login: "parent2", category: .adult))
        try await storage.write { tx in
            try tx.schools.insert(people.school)
            for account in [people.guardian, people.student, people.invitee, people.otherGuardian] {
                try tx.accounts.insert(account)
            }
        }
        return people
    }

    /// An `invited` invitation for the diary, open for 24 hours after ``StoreSamples/t0``.
    static func invitation(_ samples: StoreSamples, _ people: InvitationPeople,
                           requiresApproval: Bool = false) -> TrustedInvitation {
        TrustedInvitation(id: sampleID(samples), studentID: people.student.id, guardianID: people.guardian.id,
                          schoolID: people.school.id, services: [.diary, .nutrition], identifierKind: .phone,
                          invitee: samples.bytes(48), matchIndex: samples.bytes(32), codeHMAC: nil, codeKeyVersion: nil,
                          requiresApproval: requiresApproval, createdAt: StoreSamples.t0,
                          lapsesAt: StoreSamples.t0.adding(seconds: 86_400), endsBy: nil)
    }

    static let trustedInvitationCases: [Case] = [
        Case("trusted invitations round-trip and list by match index, by student and by invitee") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let phone = invitation(samples, people)
            let snils = with(invitation(samples, people)) {
                $0.identifierKind = .snils
                $0.codeHMAC = samples.bytes(32)
                $0.codeKeyVersion = 1
                $0.endsBy = StoreSamples.t0.adding(seconds: 30 * 86_400)
            }
            try await storage.write { tx in
                try tx.trustedInvitations.insert(phone, approvers: [])
                try tx.trustedInvitations.insert(snils, approvers: [])
            }
            let accepted = try await storage.write { tx in
                try tx.trustedInvitations.accept(phone.id, by: people.invitee.id, at: StoreSamples.t0.adding(seconds: 10),
                                                 activeFrom: StoreSamples.t0.adding(seconds: 3610),
                                                 expiresAt: StoreSamples.t0.adding(seconds: 90 * 86_400))
            }
            #expect(accepted)
            let (byID, byIndex, byStudent, byInvitee, unknown) = try await storage.read { tx in
                (try tx.trustedInvitations.invitation(snils.id),
                 try tx.trustedInvitations.invitations(matchIndex: phone.matchIndex),
                 try tx.trustedInvitations.invitations(ofStudent: people.student.id),
                 try tx.trustedInvitations.invitations(ofInvitee: people.invitee.id),
                 try tx.trustedInvitations.invitation(sampleID(samples)))
            }
            let acceptedPhone = with(phone) {
                $0.state = .accepted
                $0.inviteeID = people.invitee.id
                $0.acceptedAt = StoreSamples.t0.adding(seconds: 10)
                $0.activeFrom = StoreSamples.t0.adding(seconds: 3610)
                $0.expiresAt = StoreSamples.t0.adding(seconds: 90 * 86_400)
            }
            #expect(byID == snils)
            #expect(byIndex == [acceptedPhone])
            #expect(Set(byStudent) == [acceptedPhone, snils])
            #expect(byInvitee == [acceptedPhone])
            #expect(unknown == nil)
        },
        Case("an invitation with a taken id is alreadyExists; one for an unknown student is notFound") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let first = invitation(samples, people)
            try await storage.write { tx in try tx.trustedInvitations.insert(first, approvers: []) }
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.trustedInvitations.insert(first, approvers: []) }
            }
            let orphan = with(invitation(samples, people)) { $0.studentID = samples.account().id }
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.trustedInvitations.insert(orphan, approvers: []) }
            }
        },
        Case("accept happens only while invited and before lapses_at; decline never after it") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let (late, onTime, declined) = (invitation(samples, people), invitation(samples, people), invitation(samples, people))
            let lastSecond = StoreSamples.t0.adding(seconds: 86_399)
            let results = try await storage.write { tx in
                for item in [late, onTime, declined] { try tx.trustedInvitations.insert(item, approvers: []) }
                let invitations = tx.trustedInvitations
                let invitee = people.invitee.id
                return [try invitations.accept(late.id, by: invitee, at: late.lapsesAt, activeFrom: late.lapsesAt,
                                               expiresAt: late.lapsesAt.adding(seconds: 86_400)),
                        try invitations.decline(late.id, by: invitee, at: late.lapsesAt),
                        try invitations.accept(onTime.id, by: invitee, at: lastSecond, activeFrom: lastSecond,
                                               expiresAt: lastSecond.adding(seconds: 86_400)),
                        try invitations.decline(onTime.id, by: invitee, at: lastSecond),
                        try invitations.decline(declined.id, by: invitee, at: StoreSamples.t0),
                        try invitations.accept(declined.id, by: invitee, at: StoreSamples.t0, activeFrom: StoreSamples.t0,
                                               expiresAt: lastSecond)]
            }
            #expect(results == [false, false, true, false, true, false])
            let states = try await storage.read { tx in
                try [late, onTime, declined].map { try tx.trustedInvitations.invitation($0.id)?.state }
            }
            #expect(states == [.invited, .accepted, .declined])
        },
        Case("revoke ends an open or accepted invitation once, and never a lapsed or expired one") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let (open, granted, lapsed) = (invitation(samples, people), invitation(samples, people), invitation(samples, people))
            let at = StoreSamples.t0.adding(seconds: 100)
            let results = try await storage.write { tx in
                let invitations = tx.trustedInvitations
                for item in [open, granted, lapsed] { try invitations.insert(item, approvers: []) }
                _ = try invitations.accept(granted.id, by: people.invitee.id, at: StoreSamples.t0, activeFrom: StoreSamples.t0,
                                           expiresAt: StoreSamples.t0.adding(seconds: 1000))
                return [try invitations.revoke(open.id, by: people.guardian.id, at: at),
                        try invitations.revoke(open.id, by: people.guardian.id, at: at),
                        try invitations.revoke(granted.id, by: people.otherGuardian.id, at: at),
                        try invitations.revoke(lapsed.id, by: people.guardian.id, at: lapsed.lapsesAt)]
            }
            #expect(results == [true, false, true, false])
            let revoked = try await storage.read { tx in try tx.trustedInvitations.invitation(granted.id) }
            #expect(revoked?.state == .revoked && revoked?.endedAt == at && revoked?.endedBy == people.otherGuardian.id)
        },
        Case("approvals are listed per invitation and each is recorded once") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let item = invitation(samples, people, requiresApproval: true)
            let at = StoreSamples.t0.adding(seconds: 30)
            let results = try await storage.write { tx in
                try tx.trustedInvitations.insert(item, approvers: [people.otherGuardian.id])
                return [try tx.trustedInvitations.approve(item.id, by: people.otherGuardian.id, at: at),
                        try tx.trustedInvitations.approve(item.id, by: people.otherGuardian.id, at: at),
                        try tx.trustedInvitations.approve(item.id, by: people.invitee.id, at: at)]
            }
            #expect(results == [true, false, false])
            let approvals = try await storage.read { tx in try tx.trustedInvitations.approvals(of: item.id) }
            #expect(approvals == [TrustedApproval(invitationID: item.id, guardianID: people.otherGuardian.id, approvedAt: at)])
        },
        Case("one invitation accepted from 20 units in parallel makes exactly one transition") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let item = invitation(samples, people)
            try await storage.write { tx in try tx.trustedInvitations.insert(item, approvers: []) }
            let at = StoreSamples.t0.adding(seconds: 60)
            let results = try await race(storage) { tx in
                try tx.trustedInvitations.accept(item.id, by: people.invitee.id, at: at, activeFrom: at,
                                                 expiresAt: at.adding(seconds: 86_400))
            }
            #expect(results.filter { $0 }.count == 1)
            let stored = try await storage.read { tx in try tx.trustedInvitations.invitation(item.id) }
            #expect(stored?.state == .accepted && stored?.acceptedAt == at)
        },
    ]
}
