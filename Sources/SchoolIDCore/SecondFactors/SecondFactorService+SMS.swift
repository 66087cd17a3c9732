import SchoolIDBase

extension SecondFactorService {
    /// Enrols SMS codes to the account's verified phone as a second factor.
    ///
    /// SMS is a restricted authenticator (NIST SP 800-63B-4 §5.1.3.3, ASVS 5.0 §6.6.1):
    /// offered to guardians who will not use an app, with a risk notice shown by the
    /// page. The phone was verified by a code when it was added, so the factor is
    /// confirmed at once.
    /// - Throws: `DomainError(.permissionDenied)` without a verified phone; a store error.
    public func enrolSMS(actor: Actor, context: RequestContext) async throws {
        let now = environment.clock.now()
        let accountID = actor.account.id
        try await environment.storage.write { tx in
            guard try tx.contacts.contacts(of: accountID).contains(where: { $0.kind == .phone && $0.isVerified }) else {
                throw DomainError(.permissionDenied, detail: "SMS needs a verified phone")
            }
            let existing = try tx.secondFactors.factor(of: accountID, kind: .sms)
            try tx.secondFactors.save(SecondFactor(accountID: accountID, kind: .sms, secret: nil,
                                                   createdAt: existing?.createdAt ?? now, confirmedAt: now,
                                                   lastUsedAt: existing?.lastUsedAt))
            try tx.accounts.update(accountID) {
                $0.hasSecondFactor = true
                $0.updatedAt = now
            }
            try Self.audit(.secondFactorEnrolled, accountID, context: context, now: now, detail: "sms", in: tx)
        }
    }
}
