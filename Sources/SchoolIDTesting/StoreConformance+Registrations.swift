import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A pending registration with sample bytes, created at ``StoreSamples/t0``, open for an hour.
    static func registration(_ samples: StoreSamples, decoy: Bool = false) -> PendingRegistration {
        let random = SeededRandomSource(seed: UInt64(samples.bytes(1)[0]) + 100)
        return PendingRegistration(id: .random(using: random), challengeID: .random(using: random),
                                   details: samples.bytes(64), passwordHash: "$scrypt$ln=4,r=8,p=1$c2FsdA$aGFzaA",
                                   phoneIndex: samples.bytes(32), decoy: decoy, createdAt: StoreSamples.t0,
                                   expiresAt: StoreSamples.t0.adding(seconds: 3600))
    }

    static let registrationCases: [Case] = [
        Case("registrations round-trip; a taken id is alreadyExists") { storage in
            let samples = StoreSamples()
            let pending = registration(samples, decoy: true)
            try await storage.write { tx in try tx.registrations.insert(pending) }
            #expect(try await storage.read { tx in try tx.registrations.registration(pending.id) } == pending)
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.registrations.insert(pending) }
            }
        },
        Case("the phone is verified once and a registration completes once, only after verification") { storage in
            let samples = StoreSamples()
            let pending = registration(samples)
            let account = samples.account(login: "guardian1", category: .adult)
            let verifiedAt = StoreSamples.t0.adding(seconds: 60)
            let keepUntil = StoreSamples.t0.adding(seconds: 7200)
            let (early, first, second, completed, again) = try await storage.write { tx in
                try tx.accounts.insert(account)
                try tx.registrations.insert(pending)
                let early = try tx.registrations.complete(pending.id, accountID: account.id, emailChallengeID: nil,
                                                          at: verifiedAt, keepUntil: keepUntil)
                let first = try tx.registrations.markPhoneVerified(pending.id, at: verifiedAt)
                let second = try tx.registrations.markPhoneVerified(pending.id, at: verifiedAt.adding(seconds: 1))
                let completed = try tx.registrations.complete(pending.id, accountID: account.id,
                                                              emailChallengeID: nil, at: verifiedAt, keepUntil: keepUntil)
                let again = try tx.registrations.complete(pending.id, accountID: account.id, emailChallengeID: nil,
                                                          at: verifiedAt, keepUntil: keepUntil)
                return (early, first, second, completed, again)
            }
            #expect(!early && first && !second && completed && !again)
            let stored = try #require(try await storage.read { tx in try tx.registrations.registration(pending.id) })
            #expect(stored.phoneVerifiedAt == verifiedAt && stored.completedAt == verifiedAt)
            #expect(stored.accountID == account.id && stored.expiresAt == keepUntil)
        },
        Case("completions raced from many units: exactly one wins") { storage in
            let samples = StoreSamples()
            let pending = registration(samples)
            let account = samples.account(login: "guardian2", category: .adult)
            try await storage.write { tx in
                try tx.accounts.insert(account)
                try tx.registrations.insert(pending)
                _ = try tx.registrations.markPhoneVerified(pending.id, at: StoreSamples.t0)
            }
            let wins = try await race(storage) { tx in
                try tx.registrations.complete(pending.id, accountID: account.id, emailChallengeID: nil,
                                              at: StoreSamples.t0, keepUntil: StoreSamples.t0)
            }
            #expect(wins.filter { $0 }.count == 1)
        },
        Case("expired registrations are deleted; ones still open stay (now moved ±1h)") { storage in
            let samples = StoreSamples()
            let pending = registration(samples)
            try await storage.write { tx in try tx.registrations.insert(pending) }
            let before = try await storage.write { tx in
                try tx.registrations.deleteExpired(before: pending.expiresAt.adding(seconds: -3600))
            }
            let after = try await storage.write { tx in
                try tx.registrations.deleteExpired(before: pending.expiresAt.adding(seconds: 3600))
            }
            #expect(before == 0 && after == 1)
            #expect(try await storage.read { tx in try tx.registrations.registration(pending.id) } == nil)
        },
    ]
}
