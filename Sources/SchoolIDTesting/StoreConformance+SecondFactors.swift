import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A TOTP factor of `account` with sample bytes as its sealed secret.
    static func totpFactor(_ samples: StoreSamples, of account: Account, confirmed: Bool = true) -> SecondFactor {
        SecondFactor(accountID: account.id, kind: .totp, secret: samples.bytes(49), createdAt: StoreSamples.t0,
                     confirmedAt: confirmed ? StoreSamples.t0.adding(seconds: 30) : nil)
    }

    /// Ten recovery-code rows of `account` with distinct sample hashes.
    static func recoveryCodes(of account: Account, tag: String) -> [RecoveryCode] {
        (0..<RecoveryCode.count).map { RecoveryCode(accountID: account.id, slot: $0, codeHash: "$scrypt$\(tag)$\($0)") }
    }

    static let secondFactorCases: [Case] = [
        Case("second factors round-trip, TOTP first; saving again replaces; delete removes") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let pending = totpFactor(samples, of: owner, confirmed: false)
            let sms = SecondFactor(accountID: owner.id, kind: .sms, secret: nil, createdAt: StoreSamples.t0,
                                   confirmedAt: StoreSamples.t0)
            let confirmed = with(pending) { $0.confirmedAt = StoreSamples.t0.adding(seconds: 60); $0.lastUsedStep = 7 }
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.secondFactors.save(sms)
                try tx.secondFactors.save(pending)
            }
            #expect(try await storage.read { tx in try tx.secondFactors.factors(of: owner.id) } == [pending, sms])
            let (replaced, deleted, again) = try await storage.write { tx in
                try tx.secondFactors.save(confirmed)
                return (try tx.secondFactors.factor(of: owner.id, kind: .totp),
                        try tx.secondFactors.delete(of: owner.id, kind: .sms),
                        try tx.secondFactors.delete(of: owner.id, kind: .sms))
            }
            #expect(replaced == confirmed)
            #expect(deleted && !again)
            #expect(try await storage.read { tx in try tx.secondFactors.factors(of: owner.id) } == [confirmed])
        },
        Case("a second factor of an unknown account is notFound") { storage in
            let samples = StoreSamples()
            let stranger = samples.account(login: "stranger1", category: .adult)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.secondFactors.save(totpFactor(samples, of: stranger)) }
            }
        },
        Case("a TOTP step is recorded only when later than the last; unconfirmed factors record none") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let waiting = samples.account(login: "waiting1", category: .adult)
            let at = StoreSamples.t0.adding(seconds: 90)
            let results = try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.accounts.insert(waiting)
                try tx.secondFactors.save(totpFactor(samples, of: owner))
                try tx.secondFactors.save(totpFactor(samples, of: waiting, confirmed: false))
                return [try tx.secondFactors.markTOTPStep(of: owner.id, step: 10, at: at),
                        try tx.secondFactors.markTOTPStep(of: owner.id, step: 10, at: at),
                        try tx.secondFactors.markTOTPStep(of: owner.id, step: 9, at: at),
                        try tx.secondFactors.markTOTPStep(of: owner.id, step: 11, at: at),
                        try tx.secondFactors.markTOTPStep(of: waiting.id, step: 10, at: at)]
            }
            #expect(results == [true, false, false, true, false])
            let stored = try await storage.read { tx in try tx.secondFactors.factor(of: owner.id, kind: .totp) }
            #expect(stored?.lastUsedStep == 11 && stored?.lastUsedAt == at)
        },
        Case("one TOTP step raced from 20 units is recorded exactly once") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.secondFactors.save(totpFactor(samples, of: owner))
            }
            let results = try await race(storage) { tx in
                try tx.secondFactors.markTOTPStep(of: owner.id, step: 42, at: StoreSamples.t0)
            }
            #expect(results.filter { $0 }.count == 1)
        },
        Case("recovery codes round-trip by slot; replacing drops the old set; an empty set deletes") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let first = recoveryCodes(of: owner, tag: "a")
            let second = recoveryCodes(of: owner, tag: "b")
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.secondFactors.replaceRecoveryCodes(of: owner.id, with: first.reversed())
            }
            #expect(try await storage.read { tx in try tx.secondFactors.recoveryCodes(of: owner.id) } == first)
            let replaced = try await storage.write { tx in
                try tx.secondFactors.replaceRecoveryCodes(of: owner.id, with: second)
                return try tx.secondFactors.recoveryCodes(of: owner.id)
            }
            #expect(replaced == second)
            try await storage.write { tx in try tx.secondFactors.replaceRecoveryCodes(of: owner.id, with: []) }
            #expect(try await storage.read { tx in try tx.secondFactors.recoveryCodes(of: owner.id) }.isEmpty)
        },
        Case("recovery codes of an unknown account are notFound") { storage in
            let stranger = StoreSamples().account(login: "stranger1", category: .adult)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in
                    try tx.secondFactors.replaceRecoveryCodes(of: stranger.id, with: recoveryCodes(of: stranger, tag: "a"))
                }
            }
        },
        Case("a recovery code raced from 20 units is used exactly once; other slots stay usable") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.secondFactors.replaceRecoveryCodes(of: owner.id, with: recoveryCodes(of: owner, tag: "a"))
            }
            let at = StoreSamples.t0.adding(seconds: 5)
            let results = try await race(storage) { tx in try tx.secondFactors.markRecoveryCodeUsed(of: owner.id, slot: 3, at: at) }
            #expect(results.filter { $0 }.count == 1)
            let codes = try await storage.read { tx in try tx.secondFactors.recoveryCodes(of: owner.id) }
            #expect(codes.filter { !$0.isUsable }.map(\.slot) == [3])
            #expect(codes[3].usedAt == at)
        },
    ]
}
