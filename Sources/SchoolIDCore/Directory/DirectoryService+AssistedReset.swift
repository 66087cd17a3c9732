import SchoolIDBase

extension DirectoryService {
    /// Staff-assisted reset: the way back for someone who lost both their password and
    /// their second factor (and its recovery codes), after staff checked who they are
    /// in person.
    ///
    /// Self-service recovery never removes a factor (issue 6), so this is the only path
    /// that does, and it is loud about it: the principal must manage the account (a
    /// school admin for students and staff of their school, a platform admin for
    /// anyone) and must have stepped up; nobody resets their own account this way. In
    /// one unit the account gets a new temporary password (single use, the temporary
    /// lifetime), loses every second factor and recovery code, is unlocked, has every
    /// session and ticket revoked, and every verified contact is told (SMS and email
    /// through the outbox) — so a reset the holder did not ask for does not go
    /// unnoticed. Audited as `account.assisted_reset`. The holder's next login changes
    /// the password and, where policy demands a factor, enrols a new one.
    /// - Throws: `DomainError` (`.accountNotFound`, `.permissionDenied` for oneself or
    ///   an account the principal does not manage, `.stepUpRequired`), or the hashing
    ///   pool's saturation error.
    /// - Returns: the account and its temporary password, to hand over once.
    public func assistedReset(by principal: Principal, accountID: Account.ID, context: RequestContext) async throws
        -> (Account, TemporaryPassword)
    {
        guard principal.accountID != accountID else { throw DomainError(.permissionDenied) }
        let policies = environment.policies
        let now = environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        let temporary = TemporaryPassword(policy: policies.credentials, random: environment.random,
                                          expiresAt: now.adding(seconds: policies.credentials.lifetimeSeconds))
        let hash = try await environment.hasher.hash(temporary.password, cost: policies.passwords.temporaryHashCost,
                                                     priority: .interactive)
        let environment = environment
        let account = try await environment.storage.write { tx in
            guard let account = try tx.accounts.account(accountID) else { throw DomainError(.accountNotFound) }
            let school = try Self.authorizeManagement(of: account, by: principal, roles: policies.roles, in: tx)
            try tx.credentials.setPassword(PasswordCredential(accountID: accountID, hash: hash, kind: .temporary,
                                                              issuedAt: now, expiresAt: temporary.expiresAt))
            var removed: [String] = []
            for kind in SecondFactor.Kind.allCases where try tx.secondFactors.delete(of: accountID, kind: kind) {
                removed.append(kind.rawValue)
            }
            let voided = try tx.secondFactors.recoveryCodes(of: accountID).filter(\.isUsable).count
            try tx.secondFactors.replaceRecoveryCodes(of: accountID, with: [])
            let updated = try tx.accounts.update(accountID) { account in
                account.hasSecondFactor = false
                account.lockedAt = nil
                account.consecutiveFailures = 0
                account.updatedAt = now
            }
            let revoked = try tx.signOutEverywhere(accountID, at: now)
            let notices = try Courier.notify(updated, .assistedResetNotice, reach: .every, environment: environment,
                                             now: now, in: tx)
            let factors = removed.isEmpty ? "none" : removed.joined(separator: ", ")
            try Self.audit(.assistedReset, by: principal, target: accountID, school: school,
                           detail: "temporary password issued; factors removed: \(factors); \(voided) recovery codes "
                               + "voided; \(revoked) sessions revoked; \(notices) notices queued",
                           at: now, in: tx, context: context)
            return updated
        }
        return (account, temporary)
    }
}
