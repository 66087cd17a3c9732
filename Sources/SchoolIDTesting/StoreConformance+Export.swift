import SchoolIDBase
import SchoolIDCore
import Testing

/// The reads an account export needs (issue 8, GDPR Art. 15): every row the stores
/// hold about one account, whatever its state, and nothing of another account.
extension StoreConformance {
    static let exportCases: [Case] = [
        Case("allSessions lists every session and ticket of the account, revoked and expired too, newest first") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let older = samples.session(of: directory.teacher, idle: 50)
            let ticket = with(samples.session(of: directory.teacher, purpose: .passwordChange)) {
                $0.createdAt = StoreSamples.t0.adding(seconds: 10)
                $0.lastSeenAt = $0.createdAt
            }
            let revoked = with(samples.session(of: directory.teacher)) {
                $0.createdAt = StoreSamples.t0.adding(seconds: 20)
                $0.lastSeenAt = $0.createdAt
                $0.revokedAt = StoreSamples.t0.adding(seconds: 30)
            }
            let other = samples.session(of: directory.student)
            try await storage.write { tx in
                for session in [older, ticket, revoked, other] { try tx.sessions.insert(session) }
            }
            let (all, none) = try await storage.read { tx in
                (try tx.sessions.allSessions(of: directory.teacher.id), try tx.sessions.allSessions(of: samples.account().id))
            }
            #expect(all == [revoked, ticket, older])
            #expect(none.isEmpty)
        },
        Case("invitations(ofGuardian:) lists what the guardian sent in every state and nothing another guardian sent") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let sent = invitation(samples, people)
            let revoked = invitation(samples, people)
            let byOther = with(invitation(samples, people)) { $0.guardianID = people.otherGuardian.id }
            let ended = try await storage.write { tx in
                for item in [sent, revoked, byOther] { try tx.trustedInvitations.insert(item, approvers: []) }
                return try tx.trustedInvitations.revoke(revoked.id, by: people.guardian.id,
                                                        at: StoreSamples.t0.adding(seconds: 5))
            }
            #expect(ended)
            let (mine, theirs, invitee) = try await storage.read { tx in
                (try tx.trustedInvitations.invitations(ofGuardian: people.guardian.id),
                 try tx.trustedInvitations.invitations(ofGuardian: people.otherGuardian.id),
                 try tx.trustedInvitations.invitations(ofGuardian: people.invitee.id))
            }
            #expect(Set(mine.map(\.id)) == [sent.id, revoked.id])
            #expect(mine.first { $0.id == revoked.id }?.state == .revoked)
            #expect(theirs == [byOther])
            #expect(invitee.isEmpty)
        },
        Case("codes(ofStudent:) lists the student's link codes, used and open, and none of another student") { storage in
            let samples = StoreSamples()
            let (student, other) = (samples.account(login: "s57-7201"), samples.account(login: "s57-7202"))
            let (used, open, foreign) = (linkCode(samples, of: student), linkCode(samples, of: student),
                                         linkCode(samples, of: other))
            let at = StoreSamples.t0.adding(seconds: 10)
            try await storage.write { tx in
                try tx.accounts.insert(student)
                try tx.accounts.insert(other)
                for code in [used, open, foreign] { try tx.guardianLinks.insertCode(code) }
                _ = try tx.guardianLinks.consumeCode(hmac: used.codeHMAC, at: at)
            }
            let (codes, theirs) = try await storage.read { tx in
                (try tx.guardianLinks.codes(ofStudent: student.id), try tx.guardianLinks.codes(ofStudent: other.id))
            }
            #expect(Set(codes) == [with(used) { $0.usedAt = at }, open])
            #expect(theirs == [foreign])
        },
    ]
}
