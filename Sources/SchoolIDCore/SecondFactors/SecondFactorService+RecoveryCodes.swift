import SchoolIDBase

extension SecondFactorService {
    /// Replaces the actor's recovery codes with a new set; the old codes stop working.
    /// - Throws: `DomainError(.stepUpRequired)` without a recent second factor in the
    ///   session (``StepUp``); `DomainError(.permissionDenied)` when the account has no
    ///   confirmed second factor; a hashing or store error.
    /// - Returns: the new codes, `xxxxx-xxxxx`, to show once.
    public func regenerateRecoveryCodes(actor: Actor, context: RequestContext) async throws -> [String] {
        try StepUp.require(actor, policy: environment.policies.secondFactor, now: environment.clock.now())
        let accountID = actor.account.id
        let (codes, hashed) = try await newRecoveryCodes(for: accountID)
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            guard try tx.secondFactors.factors(of: accountID).contains(where: \.isConfirmed) else {
                throw DomainError(.permissionDenied, detail: "no second factor enrolled")
            }
            try tx.secondFactors.replaceRecoveryCodes(of: accountID, with: hashed)
            try Self.audit(.recoveryCodesRegenerated, accountID, context: context, now: now,
                           detail: "\(hashed.count) recovery codes issued", in: tx)
        }
        return codes
    }

    /// Uses one of the account's recovery codes in place of its second factor.
    ///
    /// Verification is scrypt, so it runs against a snapshot of the unused codes before
    /// the write unit; the unit then marks the matching code used only if it still is
    /// unused, so of concurrent uses of one code exactly one succeeds.
    /// - Parameters:
    ///   - accountID: whose code it is.
    ///   - code: what the person typed (case, spaces and the hyphen are ignored).
    /// - Throws: a hashing or store error.
    /// - Returns: whether the code was one of the account's unused codes.
    public func useRecoveryCode(accountID: Account.ID, code: String, context: RequestContext) async throws -> Bool {
        let unused = try await environment.storage.read { tx in
            guard try tx.secondFactors.factors(of: accountID).contains(where: \.isConfirmed) else { return [RecoveryCode]() }
            return try tx.secondFactors.recoveryCodes(of: accountID).filter(\.isUsable)
        }
        var slot: Int?
        if let normalized = RecoveryCode.normalized(code) {
            let password = try Password(normalized, maximumLength: RecoveryCode.length)
            for candidate in unused {
                if try await environment.hasher.verify(password, against: candidate.codeHash, priority: .interactive) {
                    slot = candidate.slot
                    break
                }
            }
        }
        let now = environment.clock.now()
        return try await environment.storage.write { [slot] tx in
            if let slot, try tx.secondFactors.markRecoveryCodeUsed(of: accountID, slot: slot, at: now) {
                try Self.audit(.recoveryCodeUsed, accountID, context: context, now: now, detail: "slot \(slot)", in: tx)
                return true
            }
            try Self.audit(.secondFactorFailed, accountID, context: context, now: now,
                           detail: "recovery code wrong or already used", in: tx)
            return false
        }
    }

    /// Draws ``RecoveryCode/count`` codes and hashes them with the temporary-password
    /// profile (ASVS 5.0 §6.5.2), before any write unit.
    /// - Throws: a hashing error (the pool may be saturated).
    /// - Returns: the codes to display and the rows to store.
    func newRecoveryCodes(for accountID: Account.ID) async throws -> (display: [String], rows: [RecoveryCode]) {
        let codes = (0..<RecoveryCode.count).map { _ in RecoveryCode.generate(random: environment.random) }
        let (hasher, cost) = (environment.hasher, environment.policies.passwords.temporaryHashCost)
        let hashes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (slot, code) in codes.enumerated() {
                let password = try Password(code, maximumLength: RecoveryCode.length)
                group.addTask { (slot, try await hasher.hash(password, cost: cost, priority: .interactive)) }
            }
            var hashes = [Int: String]()
            for try await (slot, hash) in group { hashes[slot] = hash }
            return hashes
        }
        let rows = (0..<codes.count).map { RecoveryCode(accountID: accountID, slot: $0, codeHash: hashes[$0]!) }
        return (codes.map(RecoveryCode.display), rows)
    }
}
