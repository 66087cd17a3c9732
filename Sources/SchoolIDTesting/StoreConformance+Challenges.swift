import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A challenge issued at ``StoreSamples/t0`` with 5 attempts and a 600 s lifetime.
    static func sampleChallenge(_ samples: StoreSamples, seed: UInt64, accountID: Account.ID? = nil,
                                purpose: Challenge.Purpose = .registration) -> Challenge {
        Challenge(id: .random(using: SeededRandomSource(seed: seed)), purpose: purpose, channel: .sms,
                  accountID: accountID, destinationIndex: samples.bytes(), codeHash: samples.bytes(), codeKeyVersion: 1,
                  createdAt: StoreSamples.t0, expiresAt: StoreSamples.t0.adding(seconds: 600), attemptsLeft: 5)
    }

    static let challengeCases: [Case] = [
        Case("sends by channel count challenges whose latest send is in the window, ranked newest first") { storage in
            let samples = StoreSamples()
            let t0 = StoreSamples.t0
            let rows: [(UInt64, Challenge.Channel, Int64)] = [(1, .sms, 0), (2, .sms, 10), (3, .email, 20), (4, .sms, 30)]
            try await storage.write { tx in
                for (seed, channel, offset) in rows {
                    try tx.challenges.insert(with(sampleChallenge(samples, seed: seed)) {
                        $0.channel = channel
                        $0.lastSentAt = t0.adding(seconds: offset)
                    })
                }
            }
            let counts = try await storage.read { tx in
                [try tx.challenges.sends(channel: .sms, since: t0), try tx.challenges.sends(channel: .sms, since: t0.adding(seconds: 11)),
                 try tx.challenges.sends(channel: .email, since: t0), try tx.challenges.sends(channel: .email, since: t0.adding(seconds: 21))]
            }
            #expect(counts == [3, 1, 1, 0])
            let ranks = try await storage.read { tx in
                [try tx.challenges.sendTime(channel: .sms, since: t0, rank: 1), try tx.challenges.sendTime(channel: .sms, since: t0, rank: 3),
                 try tx.challenges.sendTime(channel: .sms, since: t0, rank: 4), try tx.challenges.sendTime(channel: .sms, since: t0.adding(seconds: 5), rank: 2)]
            }
            #expect(ranks == [t0.adding(seconds: 30), t0, nil, t0.adding(seconds: 10)])
        },
        Case("a challenge round-trips every field; duplicate is alreadyExists, unknown account notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let plain = sampleChallenge(samples, seed: 1)
            let full = with(sampleChallenge(samples, seed: 2, accountID: directory.student.id, purpose: .emailChange)) {
                $0.channel = .email
                $0.codeKeyVersion = 3
                $0.attemptsLeft = 2
                $0.sendCount = 4
                $0.lastSentAt = StoreSamples.t0.adding(seconds: 90)
                $0.consumedAt = StoreSamples.t0.adding(seconds: 100)
            }
            try await storage.write { tx in
                try tx.challenges.insert(plain)
                try tx.challenges.insert(full)
            }
            let stored = try await storage.read { tx in [try tx.challenges.challenge(plain.id), try tx.challenges.challenge(full.id)] }
            #expect(stored == [plain, full])
            #expect(try await storage.read { tx in try tx.challenges.challenge(sampleChallenge(samples, seed: 3).id) } == nil)
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.challenges.insert(plain) } }
            let stranger = sampleChallenge(samples, seed: 4, accountID: samples.account().id)
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.challenges.insert(stranger) } }
        },
        Case("consume needs the current hash, an unconsumed, unexpired challenge with attempts left") { storage in
            let samples = StoreSamples()
            let challenge = sampleChallenge(samples, seed: 1)
            let burnt = with(sampleChallenge(samples, seed: 2)) { $0.attemptsLeft = 0 }
            let expiry = challenge.expiresAt
            try await storage.write { tx in
                try tx.challenges.insert(challenge)
                try tx.challenges.insert(burnt)
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let outcomes = try await storage.write { tx in
                [try tx.challenges.consume(challenge.id, codeHash: samples.bytes(), at: at),
                 try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: expiry),
                 try tx.challenges.consume(burnt.id, codeHash: burnt.codeHash, at: at),
                 try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: expiry.adding(seconds: -1)),
                 try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: at)]
            }
            #expect(outcomes.map { $0 != nil } == [false, false, false, true, false])
            #expect(outcomes[3]?.consumedAt == expiry.adding(seconds: -1))
            #expect(try await storage.read { tx in try tx.challenges.challenge(challenge.id)?.consumedAt } == expiry.adding(seconds: -1))
        },
        Case("a challenge consumed from 50 concurrent units is consumed exactly once") { storage in
            let challenge = sampleChallenge(StoreSamples(), seed: 1)
            try await storage.write { tx in try tx.challenges.insert(challenge) }
            let results = try await race(storage, attempts: 50) { tx in
                try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: StoreSamples.t0.adding(seconds: 1)) != nil
            }
            #expect(results.filter { $0 }.count == 1)
        },
        Case("wrong codes count attempts down to 0 and then stop; a consumed challenge spends none") { storage in
            let samples = StoreSamples()
            let challenge = sampleChallenge(samples, seed: 1)
            let consumed = with(sampleChallenge(samples, seed: 2)) { $0.consumedAt = StoreSamples.t0 }
            try await storage.write { tx in
                try tx.challenges.insert(challenge)
                try tx.challenges.insert(consumed)
            }
            let at = StoreSamples.t0.adding(seconds: 5)
            let left = try await storage.write { tx in try (0..<7).map { _ in try tx.challenges.recordWrongCode(challenge.id, at: at) } }
            #expect(left == [4, 3, 2, 1, 0, nil, nil])
            let (afterwards, other, unknown) = try await storage.write { tx in
                (try tx.challenges.challenge(challenge.id), try tx.challenges.recordWrongCode(consumed.id, at: at),
                 try tx.challenges.recordWrongCode(sampleChallenge(samples, seed: 3).id, at: at))
            }
            #expect(afterwards?.attemptsLeft == 0 && other == nil && unknown == nil)
            #expect(try await storage.write { tx in try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: at) } == nil)
        },
        Case("a resend replaces the code and expiry, counts the send and keeps the attempts; not once consumed") { storage in
            let samples = StoreSamples()
            let challenge = sampleChallenge(samples, seed: 1)
            try await storage.write { tx in
                try tx.challenges.insert(challenge)
                _ = try tx.challenges.recordWrongCode(challenge.id, at: StoreSamples.t0)
            }
            let (hash, at) = (samples.bytes(), StoreSamples.t0.adding(seconds: 70))
            let resent = try await storage.write { tx in
                try tx.challenges.resend(challenge.id, codeHash: hash, keyVersion: 2, expiresAt: at.adding(seconds: 600), at: at)
            }
            #expect(resent == with(challenge) {
                $0.codeHash = hash
                $0.codeKeyVersion = 2
                $0.expiresAt = at.adding(seconds: 600)
                $0.attemptsLeft = 4
                $0.sendCount = 2
                $0.lastSentAt = at
            })
            let old = try await storage.write { tx in try tx.challenges.consume(challenge.id, codeHash: challenge.codeHash, at: at) }
            #expect(old == nil)
            #expect(try await storage.write { tx in try tx.challenges.consume(challenge.id, codeHash: hash, at: at) } != nil)
            let again = try await storage.write { tx in
                try tx.challenges.resend(challenge.id, codeHash: samples.bytes(), keyVersion: 2, expiresAt: at.adding(seconds: 900), at: at)
            }
            #expect(again == nil)
        },
        Case("sends are counted per destination and per address from a time on, ranked newest first") { storage in
            let samples = StoreSamples()
            let (phone, other) = (samples.bytes(), samples.bytes())
            let t0 = StoreSamples.t0
            try await storage.write { tx in
                for (index, address, offset) in [(phone, "10.0.0.1", 0), (phone, "10.0.0.2", 10), (other, "10.0.0.1", 20),
                                                 (phone, "10.0.0.1", 30)] as [([UInt8], String, Int64)] {
                    try tx.challenges.recordSend(destinationIndex: index, clientAddress: address, at: t0.adding(seconds: offset))
                }
            }
            let counts = try await storage.read { tx in
                [try tx.challenges.sends(toDestination: phone, since: t0), try tx.challenges.sends(toDestination: phone, since: t0.adding(seconds: 10)),
                 try tx.challenges.sends(toDestination: other, since: t0), try tx.challenges.sends(fromAddress: "10.0.0.1", since: t0),
                 try tx.challenges.sends(fromAddress: "10.0.0.1", since: t0.adding(seconds: 21)), try tx.challenges.sends(fromAddress: "10.0.0.3", since: t0)]
            }
            #expect(counts == [3, 2, 1, 3, 1, 0])
            let ranks = try await storage.read { tx in
                [try tx.challenges.sendTime(toDestination: phone, since: t0, rank: 1), try tx.challenges.sendTime(toDestination: phone, since: t0, rank: 3),
                 try tx.challenges.sendTime(toDestination: phone, since: t0, rank: 4), try tx.challenges.sendTime(fromAddress: "10.0.0.1", since: t0, rank: 2),
                 try tx.challenges.sendTime(fromAddress: "10.0.0.1", since: t0.adding(seconds: 1), rank: 3)]
            }
            #expect(ranks == [t0.adding(seconds: 30), t0, nil, t0.adding(seconds: 20), nil])
        },
        Case("garbage collection deletes sends and challenges (consumed too) strictly before the cutoff") { storage in
            let samples = StoreSamples()
            let t0 = StoreSamples.t0
            let live = sampleChallenge(samples, seed: 1)
            let consumed = with(sampleChallenge(samples, seed: 2)) {
                $0.expiresAt = t0.adding(seconds: 300)
                $0.consumedAt = t0.adding(seconds: 5)
            }
            try await storage.write { tx in
                try tx.challenges.insert(live)
                try tx.challenges.insert(consumed)
                for offset in [0, 100, 200] as [Int64] {
                    try tx.challenges.recordSend(destinationIndex: live.destinationIndex, clientAddress: "10.0.0.1",
                                                 at: t0.adding(seconds: offset))
                }
            }
            let deleted = try await storage.write { tx in
                [try tx.challenges.deleteExpiredChallenges(before: t0.adding(seconds: 300)),
                 try tx.challenges.deleteExpiredChallenges(before: t0.adding(seconds: 301)),
                 try tx.challenges.deleteSends(before: t0.adding(seconds: 100)),
                 try tx.challenges.deleteSends(before: t0.adding(seconds: 101))]
            }
            #expect(deleted == [0, 1, 1, 1])
            let (kept, gone, sends) = try await storage.read { tx in
                (try tx.challenges.challenge(live.id), try tx.challenges.challenge(consumed.id),
                 try tx.challenges.sends(fromAddress: "10.0.0.1", since: t0))
            }
            #expect(kept == live && gone == nil && sends == 1)
        },
    ]
}
