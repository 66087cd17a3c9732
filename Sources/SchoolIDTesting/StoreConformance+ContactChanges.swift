import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A pending change of `account` with sample bytes, expiring at ``StoreSamples/t0`` + `ttl`.
    static func contactChange(_ samples: StoreSamples, of account: Account, kind: AccountContact.Kind = .phone,
                              decoy: Bool = false, ttl: Int64 = 600, seed: UInt64 = 1) -> ContactChange {
        ContactChange(challengeID: .random(using: SeededRandomSource(seed: seed)), accountID: account.id, kind: kind,
                      value: samples.bytes(40), valueIndex: samples.bytes(32), decoy: decoy, createdAt: StoreSamples.t0,
                      expiresAt: StoreSamples.t0.adding(seconds: ttl))
    }

    static let contactChangeCases: [Case] = [
        Case("a contact change round-trips every field; duplicates are alreadyExists, unknown accounts notFound") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let change = contactChange(samples, of: owner, kind: .email, decoy: true)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.contactChanges.insert(change)
            }
            let (stored, missing) = try await storage.read { tx in
                (try tx.contactChanges.change(change.challengeID),
                 try tx.contactChanges.change(.random(using: SeededRandomSource(seed: 99))))
            }
            #expect(stored == change)
            #expect(missing == nil)
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.contactChanges.insert(change) }
            }
            let stranger = contactChange(samples, of: samples.account(), seed: 2)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.contactChanges.insert(stranger) }
            }
        },
        Case("a contact change is extended, deleted once, and collected only after its expiry") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let short = contactChange(samples, of: owner, ttl: 100)
            let extended = contactChange(samples, of: owner, ttl: 100, seed: 2)
            let confirmed = contactChange(samples, of: owner, seed: 3)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                for change in [short, extended, confirmed] { try tx.contactChanges.insert(change) }
                try tx.contactChanges.extend(extended.challengeID, to: StoreSamples.t0.adding(seconds: 700))
            }
            let deletions = try await storage.write { tx in
                [try tx.contactChanges.delete(confirmed.challengeID), try tx.contactChanges.delete(confirmed.challengeID)]
            }
            #expect(deletions == [true, false])
            let expiry = StoreSamples.t0.adding(seconds: 100)
            #expect(try await storage.write { tx in try tx.contactChanges.deleteExpired(before: expiry) } == 0)
            #expect(try await storage.write { tx in try tx.contactChanges.deleteExpired(before: expiry.adding(seconds: 1)) } == 1)
            let remaining = try await storage.read { tx in
                try [short, extended].map { try tx.contactChanges.change($0.challengeID)?.expiresAt }
            }
            #expect(remaining == [nil, StoreSamples.t0.adding(seconds: 700)])
        },
    ]
}
