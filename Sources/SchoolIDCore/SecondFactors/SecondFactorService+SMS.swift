import SchoolIDBase

extension SecondFactorService {
    /// Enrols SMS codes to the account's verified phone as a second factor.
    ///
    /// SMS is a restricted authenticator (NIST SP 800-63B-4 §5.1.3.3, ASVS 5.0 §6.6.1):
    /// offered to guardians who will not use an app, with a risk notice
    /// (``NoticeText/smsFactorRisk``) shown by the page or API. The phone was verified by
    /// a code when it was added, so the factor is confirmed at once. An account without
    /// usable recovery codes gets a fresh set, shown once.
    /// - Throws: `DomainError(.secondFactorDisabled)` when `sms_factor_enabled` is off,
    ///   `DomainError(.phoneNotVerified)` without a verified phone; a hashing or store error.
    /// - Returns: the new recovery codes (`xxxxx-xxxxx`), or none when the account
    ///   already holds usable ones.
    @discardableResult
    public func enrolSMS(actor: Actor, context: RequestContext) async throws -> [String] {
        guard environment.policies.secondFactor.smsFactorEnabled else { throw DomainError(.secondFactorDisabled) }
        let accountID = actor.account.id
        let needsCodes = try await environment.storage.read { tx in
            try !tx.secondFactors.recoveryCodes(of: accountID).contains(where: \.isUsable)
        }
        // Hashing is slow: done before the unit, and kept only if still needed there.
        let fresh = needsCodes ? try await newRecoveryCodes(for: accountID) : nil
        let now = environment.clock.now()
        return try await environment.storage.write { tx in
            guard try tx.contacts.contacts(of: accountID).contains(where: { $0.kind == .phone && $0.isVerified }) else {
                throw DomainError(.phoneNotVerified, detail: "SMS needs a verified phone")
            }
            let existing = try tx.secondFactors.factor(of: accountID, kind: .sms)
            try tx.secondFactors.save(SecondFactor(accountID: accountID, kind: .sms, secret: nil,
                                                   createdAt: existing?.createdAt ?? now, confirmedAt: now,
                                                   lastUsedAt: existing?.lastUsedAt))
            var issued: [String] = []
            if let fresh, try !tx.secondFactors.recoveryCodes(of: accountID).contains(where: \.isUsable) {
                try tx.secondFactors.replaceRecoveryCodes(of: accountID, with: fresh.rows)
                issued = fresh.display
            }
            try tx.accounts.update(accountID) {
                $0.hasSecondFactor = true
                $0.updatedAt = now
            }
            try Self.audit(.secondFactorEnrolled, accountID, context: context, now: now,
                           detail: issued.isEmpty ? "sms" : "sms, \(issued.count) recovery codes issued", in: tx)
            return issued
        }
    }
}
