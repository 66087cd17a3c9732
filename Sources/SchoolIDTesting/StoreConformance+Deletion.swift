import SchoolIDBase
import SchoolIDCore
import Testing

/// The store methods account deletion (issue 8) uses: each removes the account's rows
/// (or those with its indexes) and leaves other accounts' rows alone.
extension StoreConformance {
    static let deletionCases: [Case] = [
        Case("a tombstone has no login, an empty profile and cleared counters; an adult's login is free again, a student's stays reserved") { storage in
            let samples = StoreSamples()
            let adult = with(samples.account(login: "maria.k", category: .adult)) {
                $0.consecutiveFailures = 3
                $0.lockedAt = StoreSamples.t0
                $0.hasSecondFactor = true
            }
            let student = samples.account(login: "s57-7201")
            try await storage.write { tx in
                try tx.accounts.insert(adult)
                try tx.accounts.insert(student)
            }
            let later = StoreSamples.t0.adding(seconds: 60)
            let (tombstone, _) = try await storage.write { tx in
                (try tx.accounts.tombstone(adult.id, releasingLogin: true, at: later),
                 try tx.accounts.tombstone(student.id, releasingLogin: false, at: later))
            }
            #expect(tombstone.status == .deleted && tombstone.login == nil && tombstone.profile.isEmpty)
            #expect(tombstone.consecutiveFailures == 0 && tombstone.lockedAt == nil && !tombstone.hasSecondFactor)
            #expect(tombstone.updatedAt == later && tombstone.createdAt == adult.createdAt)
            let (byLogin, adultTaken, studentTaken, stored) = try await storage.read { tx in
                (try tx.accounts.account(login: adult.login!), try tx.accounts.isLoginTaken(adult.login!),
                 try tx.accounts.isLoginTaken(student.login!), try tx.accounts.account(student.id))
            }
            #expect(byLogin == nil && !adultTaken && studentTaken)
            #expect(stored?.status == .deleted && stored?.login == nil)
            // The released login may be chosen again.
            let reused = samples.account(login: "maria.k", category: .adult)
            try await storage.write { tx in try tx.accounts.insert(reused) }
            #expect(try await storage.read { tx in try tx.accounts.account(login: reused.login!) }?.id == reused.id)
            let missing = samples.account(login: "nobody1", category: .adult)
            let error = try await storage.write { tx in
                storeError { _ = try tx.accounts.tombstone(missing.id, releasingLogin: true, at: later) }
            }
            #expect(error == .notFound)
        },
        Case("ending memberships ends only the account's active ones") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let other = samples.account(login: "other.one", category: .adult)
            let later = StoreSamples.t0.adding(seconds: 60)
            let ended = try await storage.write { tx in
                try tx.accounts.insert(other)
                try tx.accounts.insert(StaffMembership(accountID: directory.teacher.id, role: .teacher,
                                                       schoolID: directory.school.id, createdAt: StoreSamples.t0))
                try tx.accounts.insert(StaffMembership(accountID: directory.teacher.id, role: .schoolAdmin,
                                                       schoolID: directory.school.id, createdAt: StoreSamples.t0))
                try tx.accounts.insert(StaffMembership(accountID: other.id, role: .teacher,
                                                       schoolID: directory.school.id, createdAt: StoreSamples.t0))
                return try tx.accounts.endMemberships(of: directory.teacher.id, at: later)
            }
            #expect(ended == 2)
            let (mine, theirs) = try await storage.read { tx in
                (try tx.accounts.memberships(of: directory.teacher.id), try tx.accounts.memberships(of: other.id))
            }
            #expect(mine.count == 2 && mine.allSatisfy { $0.endedAt == later })
            #expect(theirs.count == 1 && theirs[0].endedAt == nil)
        },
        Case("deleting an account's password, factors, recovery codes, contact changes and recovery flows spares other accounts") { storage in
            let samples = StoreSamples()
            let gone = samples.account(login: "gone1", category: .adult)
            let kept = samples.account(login: "kept1", category: .adult)
            try await storage.write { tx in
                for (account, seed) in [(gone, UInt64(1)), (kept, 2)] {
                    try tx.accounts.insert(account)
                    try tx.credentials.setPassword(PasswordCredential(accountID: account.id, hash: "$scrypt$x",
                                                                      kind: .permanent, issuedAt: StoreSamples.t0))
                    try tx.secondFactors.save(totpFactor(samples, of: account))
                    try tx.secondFactors.replaceRecoveryCodes(of: account.id, with: recoveryCodes(of: account, tag: "\(seed)"))
                    try tx.contactChanges.insert(contactChange(samples, of: account, seed: seed))
                    let challenge = sampleChallenge(samples, seed: seed + 10, accountID: account.id, purpose: .passwordRecovery)
                    try tx.challenges.insert(challenge)
                    try tx.recoveryFlows.insert(sampleFlow(seed: seed + 20, accountID: account.id, sms: challenge.id))
                }
            }
            let counts = try await storage.write { tx in
                [try tx.credentials.deletePassword(of: gone.id) ? 1 : 0, try tx.secondFactors.deleteAll(of: gone.id),
                 try tx.contactChanges.deleteAll(of: gone.id), try tx.recoveryFlows.deleteAll(of: gone.id),
                 try tx.challenges.deleteChallenges(of: gone.id, destinations: []),
                 try tx.credentials.deletePassword(of: gone.id) ? 1 : 0]
            }
            #expect(counts == [1, 1 + recoveryCodes(of: gone, tag: "1").count, 1, 1, 1, 0])
            let (gonePassword, goneFactors, keptPassword, keptFactors, keptCodes) = try await storage.read { tx in
                (try tx.credentials.password(of: gone.id), try tx.secondFactors.factors(of: gone.id),
                 try tx.credentials.password(of: kept.id), try tx.secondFactors.factors(of: kept.id),
                 try tx.secondFactors.recoveryCodes(of: kept.id))
            }
            #expect(gonePassword == nil && goneFactors.isEmpty)
            #expect(keptPassword != nil && keptFactors.count == 1 && !keptCodes.isEmpty)
        },
        Case("challenges and code sends to the given destination indexes go, others stay") { storage in
            let samples = StoreSamples()
            let target = sampleChallenge(samples, seed: 1)
            let other = sampleChallenge(samples, seed: 2)
            try await storage.write { tx in
                try tx.challenges.insert(target)
                try tx.challenges.insert(other)
                try tx.challenges.recordSend(destinationIndex: target.destinationIndex, clientAddress: "a", at: StoreSamples.t0)
                try tx.challenges.recordSend(destinationIndex: target.destinationIndex, clientAddress: "b", at: StoreSamples.t0)
                try tx.challenges.recordSend(destinationIndex: other.destinationIndex, clientAddress: "a", at: StoreSamples.t0)
            }
            let samplesAccount = samples.account(category: .adult)
            let (challenges, sends) = try await storage.write { tx in
                (try tx.challenges.deleteChallenges(of: samplesAccount.id, destinations: [target.destinationIndex]),
                 try tx.challenges.deleteSends(toDestinations: [target.destinationIndex, samples.bytes()]))
            }
            #expect(challenges == 1 && sends == 2)
            let (gone, kept, keptSends) = try await storage.read { tx in
                (try tx.challenges.challenge(target.id), try tx.challenges.challenge(other.id),
                 try tx.challenges.sends(toDestination: other.destinationIndex, since: StoreSamples.t0))
            }
            #expect(gone == nil && kept == other && keptSends == 1)
        },
        Case("registrations of the account or with its phone index go; others stay") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let completed = registration(samples)
            let samePhone = registration(samples)
            let other = registration(samples)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                for pending in [completed, samePhone, other] { try tx.registrations.insert(pending) }
                _ = try tx.registrations.markPhoneVerified(completed.id, at: StoreSamples.t0)
                _ = try tx.registrations.complete(completed.id, accountID: owner.id, emailChallengeID: nil,
                                                  at: StoreSamples.t0, keepUntil: StoreSamples.t0.adding(seconds: 600))
            }
            let deleted = try await storage.write { tx in
                try tx.registrations.deleteAll(of: owner.id, phoneIndexes: [samePhone.phoneIndex])
            }
            #expect(deleted == 2)
            let left = try await storage.read { tx in
                [completed.id, samePhone.id, other.id].map { try? tx.registrations.registration($0) }
            }
            #expect(left[0] == nil && left[1] == nil && left[2] != nil)
        },
        Case("link codes of the student or issued by the account go; others stay") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let otherStudent = samples.account(login: "s57-7202")
            let issued = with(linkCode(samples, of: otherStudent)) { $0.issuedBy = directory.teacher.id }
            let own = linkCode(samples, of: directory.student)
            let unrelated = linkCode(samples, of: otherStudent)
            try await storage.write { tx in
                try tx.accounts.insert(otherStudent)
                for code in [issued, own, unrelated] { try tx.guardianLinks.insertCode(code) }
            }
            let counts = try await storage.write { tx in
                [try tx.guardianLinks.deleteCodes(involving: directory.student.id),
                 try tx.guardianLinks.deleteCodes(involving: directory.teacher.id)]
            }
            #expect(counts == [1, 1])
            let left = try await storage.write { tx in
                try tx.guardianLinks.consumeCode(hmac: unrelated.codeHMAC, at: StoreSamples.t0)
            }
            #expect(left?.id == unrelated.id)
        },
        Case("invitations made, received, for the student or matching an index go with their approvals; the account's approvals of others go") { storage in
            let samples = StoreSamples()
            let people = try await invitationPeople(samples, in: storage)
            let made = invitation(samples, people)
            let matching = with(invitation(samples, people)) { $0.guardianID = people.otherGuardian.id }
            let approvedByGone = with(invitation(samples, people, requiresApproval: true)) {
                $0.guardianID = people.otherGuardian.id
            }
            try await storage.write { tx in
                try tx.trustedInvitations.insert(made, approvers: [])
                try tx.trustedInvitations.insert(matching, approvers: [])
                try tx.trustedInvitations.insert(approvedByGone, approvers: [people.invitee.id, people.otherGuardian.id])
            }
            let deleted = try await storage.write { tx in
                try tx.trustedInvitations.deleteAll(involving: people.guardian.id, matchIndexes: [matching.matchIndex])
            }
            #expect(deleted == 2)
            let afterGuardian = try await storage.read { tx in
                (try tx.trustedInvitations.invitation(made.id), try tx.trustedInvitations.invitation(matching.id),
                 try tx.trustedInvitations.approvals(of: approvedByGone.id).map(\.guardianID))
            }
            #expect(afterGuardian.0 == nil && afterGuardian.1 == nil)
            #expect(Set(afterGuardian.2) == [people.invitee.id, people.otherGuardian.id])
            let again = try await storage.write { tx in
                try tx.trustedInvitations.deleteAll(involving: people.invitee.id, matchIndexes: [])
            }
            #expect(again == 0)
            let approvals = try await storage.read { tx in try tx.trustedInvitations.approvals(of: approvedByGone.id) }
            #expect(approvals.map(\.guardianID) == [people.otherGuardian.id])
            let forStudent = try await storage.write { tx in
                try tx.trustedInvitations.deleteAll(involving: people.student.id, matchIndexes: [])
            }
            #expect(forStudent == 1)
        },
        Case("the outbox scan pages through every message in id order; delete removes one") { storage in
            let samples = StoreSamples()
            let messages = (0..<5).map { outboxMessage(samples, created: Int64($0)) }
            try await storage.write { tx in for message in messages { try tx.outbox.insert(message) } }
            var seen: [OutboxMessage] = []
            var after: OutboxMessage.ID?
            while true {
                let page = try await storage.read { [after] tx in try tx.outbox.messages(after: after, limit: 2) }
                seen += page
                guard let last = page.last else { break }
                after = last.id
            }
            #expect(seen == messages.sorted { $0.id.rawValue < $1.id.rawValue })
            let (deleted, again) = try await storage.write { tx in
                (try tx.outbox.delete(messages[2].id), try tx.outbox.delete(messages[2].id))
            }
            #expect(deleted && !again)
            #expect(try await storage.read { tx in try tx.outbox.messages(after: nil, limit: 10) }.count == 4)
        },
        Case("unpurged batches of a class are listed; purged ones and other classes are not") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let otherClass = samples.schoolClass(of: directory.school, letter: "В")
            let running = samples.batch(of: directory.schoolClass, by: directory.teacher)
            let finished = samples.finishedBatch(of: directory.schoolClass, by: directory.teacher)
            let purged = with(samples.finishedBatch(of: directory.schoolClass, by: directory.teacher)) {
                $0.sealedResult = nil
                $0.sealedRoster = nil
            }
            let elsewhere = samples.finishedBatch(of: otherClass, by: directory.teacher)
            try await storage.write { tx in
                try tx.classes.insert(otherClass)
                for batch in [running, finished, purged, elsewhere] { try tx.batches.insert(batch) }
            }
            let listed = try await storage.read { tx in try tx.batches.unpurgedBatches(ofClass: directory.schoolClass.id) }
            #expect(Set(listed) == [running.id, finished.id])
        },
        Case("scrub runs after a committed deletion and leaves the data readable") { storage in
            let samples = StoreSamples()
            let account = samples.account(login: "scrub1", category: .adult)
            try await storage.write { tx in try tx.accounts.insert(account) }
            try await storage.write { tx in _ = try tx.accounts.tombstone(account.id, releasingLogin: true, at: StoreSamples.t0) }
            try await storage.scrub()
            #expect(try await storage.read { tx in try tx.accounts.account(account.id) }?.status == .deleted)
        },
    ]
}
