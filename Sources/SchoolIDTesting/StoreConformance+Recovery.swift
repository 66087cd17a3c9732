import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A recovery flow opened at ``StoreSamples/t0`` for 900 s.
    static func sampleFlow(seed: UInt64, accountID: Account.ID?, sms: Challenge.ID?, email: Challenge.ID? = nil)
        -> RecoveryFlow {
        RecoveryFlow(id: .random(using: SeededRandomSource(seed: seed)), accountID: accountID, smsChallengeID: sms,
                     emailChallengeID: email, createdAt: StoreSamples.t0, expiresAt: StoreSamples.t0.adding(seconds: 900))
    }

    static let recoveryCases: [Case] = [
        Case("recovery flows round-trip, decoys (no account) included; a duplicate id is alreadyExists") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let sms = sampleChallenge(samples, seed: 1, accountID: owner.id, purpose: .passwordRecovery)
            let email = with(sampleChallenge(samples, seed: 2, accountID: owner.id, purpose: .passwordRecovery)) {
                $0.channel = .email
            }
            let real = sampleFlow(seed: 10, accountID: owner.id, sms: sms.id, email: email.id)
            let decoy = sampleFlow(seed: 11, accountID: nil, sms: sms.id)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.challenges.insert(sms)
                try tx.challenges.insert(email)
                try tx.recoveryFlows.insert(real)
                try tx.recoveryFlows.insert(decoy)
            }
            let (readReal, readDecoy, unknown) = try await storage.read { tx in
                (try tx.recoveryFlows.flow(real.id), try tx.recoveryFlows.flow(decoy.id),
                 try tx.recoveryFlows.flow(sampleFlow(seed: 12, accountID: nil, sms: sms.id).id))
            }
            #expect(readReal == real && readDecoy == decoy && unknown == nil)
            #expect(readDecoy?.isDecoy == true && readReal?.challengeIDs == [sms.id, email.id])
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.recoveryFlows.insert(real) }
            }
        },
        Case("a recovery flow of an unknown account is notFound") { storage in
            let stranger = StoreSamples().account(login: "stranger1", category: .adult)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in
                    try tx.recoveryFlows.insert(sampleFlow(seed: 1, accountID: stranger.id, sms: nil,
                                                           email: .random(using: SeededRandomSource(seed: 2))))
                }
            }
        },
        Case("completing a flow is single-use and refused once expired; collection deletes expired flows") { storage in
            let flow = sampleFlow(seed: 1, accountID: nil, sms: .random(using: SeededRandomSource(seed: 2)))
            let late = sampleFlow(seed: 3, accountID: nil, sms: .random(using: SeededRandomSource(seed: 4)))
            let t0 = StoreSamples.t0
            let (first, second, expired) = try await storage.write { tx in
                try tx.recoveryFlows.insert(flow)
                try tx.recoveryFlows.insert(late)
                return (try tx.recoveryFlows.complete(flow.id, at: t0.adding(seconds: 10)),
                        try tx.recoveryFlows.complete(flow.id, at: t0.adding(seconds: 11)),
                        try tx.recoveryFlows.complete(late.id, at: t0.adding(seconds: 900)))
            }
            #expect(first && !second && !expired)
            #expect(try await storage.read { tx in try tx.recoveryFlows.flow(flow.id)?.completedAt }
                    == t0.adding(seconds: 10))
            let (kept, deleted) = try await storage.write { tx in
                (try tx.recoveryFlows.deleteExpired(before: t0.adding(seconds: 900)),
                 try tx.recoveryFlows.deleteExpired(before: t0.adding(seconds: 901)))
            }
            #expect(kept == 0 && deleted == 2)
        },
    ]
}
