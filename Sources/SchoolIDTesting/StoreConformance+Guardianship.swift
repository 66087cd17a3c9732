import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// An active link of `guardian` to `student` created at ``StoreSamples/t0``.
    static func guardianLink(_ samples: StoreSamples, _ guardian: Account, _ student: Account,
                             state: GuardianLink.State = .active) -> GuardianLink {
        GuardianLink(id: sampleID(samples),
                     guardianID: guardian.id, studentID: student.id, relation: .mother,
                     origin: state == .pending ? .staffProposal : .credentials, state: state,
                     createdAt: StoreSamples.t0, confirmedAt: state == .active ? StoreSamples.t0 : nil)
    }

    /// A link code of `student` valid for an hour after ``StoreSamples/t0``.
    static func linkCode(_ samples: StoreSamples, of student: Account) -> LinkCode {
        LinkCode(id: sampleID(samples), studentID: student.id,
                 codeHMAC: samples.bytes(32), codeKeyVersion: 1, issuedBy: nil, createdAt: StoreSamples.t0,
                 expiresAt: StoreSamples.t0.adding(seconds: 3600))
    }

    /// A fresh identifier of any kind from the samples' random bytes.
    static func sampleID<K: IdentifierKind>(_ samples: StoreSamples) -> Identifier<K> {
        Identifier(rawValue: "\(K.prefix)_\(Base64URL.encode(samples.bytes(16)))")!
    }

    static let guardianLinkCases: [Case] = [
        Case("guardian links round-trip and list by guardian and by student") { storage in
            let samples = StoreSamples()
            let guardian = samples.account(login: "parent1", category: .adult)
            let (first, second) = (samples.account(login: "s57-7201"), samples.account(login: "s57-7202"))
            let a = guardianLink(samples, guardian, first)
            let b = with(guardianLink(samples, guardian, second, state: .pending)) { $0.relation = .legalRepresentative }
            try await storage.write { tx in
                for account in [guardian, first, second] { try tx.accounts.insert(account) }
                try tx.guardianLinks.insert(a)
                try tx.guardianLinks.insert(b)
            }
            let (byID, ofGuardian, ofStudent) = try await storage.read { tx in
                (try tx.guardianLinks.link(b.id), try tx.guardianLinks.links(ofGuardian: guardian.id),
                 try tx.guardianLinks.links(ofStudent: first.id))
            }
            #expect(byID == b)
            #expect(Set(ofGuardian) == [a, b])
            #expect(ofStudent == [a])
        },
        Case("a second open link of one pair is alreadyExists; after it ends a new one is allowed") { storage in
            let samples = StoreSamples()
            let (guardian, student) = (samples.account(login: "parent1", category: .adult), samples.account(login: "s57-7201"))
            let first = guardianLink(samples, guardian, student)
            let second = guardianLink(samples, guardian, student, state: .pending)
            try await storage.write { tx in
                try tx.accounts.insert(guardian)
                try tx.accounts.insert(student)
                try tx.guardianLinks.insert(first)
            }
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.guardianLinks.insert(second) }
            }
            let ended = try await storage.write { tx in
                let ended = try tx.guardianLinks.transition(first.id, from: .active, to: .ended,
                                                            at: StoreSamples.t0.adding(seconds: 5), by: guardian.id)
                try tx.guardianLinks.insert(second)
                return ended
            }
            #expect(ended)
            let stored = try await storage.read { tx in try tx.guardianLinks.link(first.id) }
            #expect(stored?.state == .ended && stored?.endedAt == StoreSamples.t0.adding(seconds: 5)
                && stored?.endedBy == guardian.id)
        },
        Case("a link to an unknown account is notFound") { storage in
            let samples = StoreSamples()
            let link = guardianLink(samples, samples.account(category: .adult), samples.account(login: "s57-7201"))
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.guardianLinks.insert(link) }
            }
        },
        Case("a transition happens only from the expected state and records when") { storage in
            let samples = StoreSamples()
            let (guardian, student) = (samples.account(login: "parent1", category: .adult), samples.account(login: "s57-7201"))
            let link = guardianLink(samples, guardian, student, state: .pending)
            let at = StoreSamples.t0.adding(seconds: 60)
            let results = try await storage.write { tx in
                try tx.accounts.insert(guardian)
                try tx.accounts.insert(student)
                try tx.guardianLinks.insert(link)
                return [try tx.guardianLinks.transition(link.id, from: .active, to: .ended, at: at, by: nil),
                        try tx.guardianLinks.transition(link.id, from: .pending, to: .active, at: at, by: guardian.id),
                        try tx.guardianLinks.transition(link.id, from: .pending, to: .active, at: at, by: guardian.id)]
            }
            #expect(results == [false, true, false])
            let stored = try await storage.read { tx in try tx.guardianLinks.link(link.id) }
            #expect(stored?.state == .active && stored?.confirmedAt == at && stored?.endedAt == nil)
        },
        Case("one confirmation raced from 20 units makes exactly one transition") { storage in
            let samples = StoreSamples()
            let (guardian, student) = (samples.account(login: "parent1", category: .adult), samples.account(login: "s57-7201"))
            let link = guardianLink(samples, guardian, student, state: .pending)
            try await storage.write { tx in
                try tx.accounts.insert(guardian)
                try tx.accounts.insert(student)
                try tx.guardianLinks.insert(link)
            }
            let results = try await race(storage) { tx in
                try tx.guardianLinks.transition(link.id, from: .pending, to: .active, at: StoreSamples.t0, by: guardian.id)
            }
            #expect(results.filter { $0 }.count == 1)
        },
        Case("a link code is consumed once, never after expiry, and stays as a tombstone") { storage in
            let samples = StoreSamples()
            let student = samples.account(login: "s57-7201")
            let (fresh, late) = (linkCode(samples, of: student), linkCode(samples, of: student))
            let used = StoreSamples.t0.adding(seconds: 10)
            let (first, again, expired, unknown) = try await storage.write { tx in
                try tx.accounts.insert(student)
                try tx.guardianLinks.insertCode(fresh)
                try tx.guardianLinks.insertCode(late)
                return (try tx.guardianLinks.consumeCode(hmac: fresh.codeHMAC, at: used),
                        try tx.guardianLinks.consumeCode(hmac: fresh.codeHMAC, at: used),
                        try tx.guardianLinks.consumeCode(hmac: late.codeHMAC, at: late.expiresAt),
                        try tx.guardianLinks.consumeCode(hmac: samples.bytes(32), at: used))
            }
            #expect(first == with(fresh) { $0.usedAt = used })
            #expect(again == nil && expired == nil && unknown == nil)
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.guardianLinks.insertCode(with(late) { $0.id = fresh.id }) }
            }
        },
        Case("one link code raced from 20 units is consumed exactly once") { storage in
            let samples = StoreSamples()
            let student = samples.account(login: "s57-7201")
            let code = linkCode(samples, of: student)
            try await storage.write { tx in
                try tx.accounts.insert(student)
                try tx.guardianLinks.insertCode(code)
            }
            let results = try await race(storage) { tx in
                try tx.guardianLinks.consumeCode(hmac: code.codeHMAC, at: StoreSamples.t0) != nil
            }
            #expect(results.filter { $0 }.count == 1)
        },
    ]
}
