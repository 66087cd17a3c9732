import SchoolIDBase

extension LoginService {
    /// After the password verified: account states, then a session or a ticket.
    func succeed(_ account: Account, _ credential: PasswordCredential, password: Password, key: [UInt8],
                 context: RequestContext) async throws -> LoginOutcome
    {
        let now = environment.clock.now()
        let policies = environment.policies
        if let refusal = refusal(account, credential, now: now) {
            try await environment.storage.write { tx in
                try tx.credentials.clearFailures(key)
                try tx.audit.append(AuditEvent(
                    at: now, action: refusal == .temporaryPasswordExpired ? .expiredTemporaryPasswordUsed : .loginFailed,
                    actorID: account.id, targetID: account.id,
                    schoolID: try AuditEvent.school(of: account.id, accounts: tx.accounts, classes: tx.classes),
                    clientAddress: context.clientAddress,
                    requestID: context.requestID, detail: "password verified; refused: \(refusal.rawValue)"))
            }
            throw DomainError(refusal)
        }
        var rehashed: String?
        if credential.kind == .permanent, policies.passwords.rehashOnLogin,
           environment.hasher.needsRehash(credential.hash, cost: policies.passwords.userHashCost)
        {
            rehashed = try? await environment.hasher.hash(password, cost: policies.passwords.userHashCost,
                                                          priority: .interactive)
        }
        let newHash = rehashed
        return try await environment.storage.write { [self, sessions] tx in
            // The credential may have changed since it was read (reissue, change).
            guard let current = try tx.credentials.password(of: account.id), current.hash == credential.hash else {
                throw DomainError(.invalidCredentials)
            }
            if current.singleUse, !(try tx.credentials.consumeSingleUse(of: account.id, hash: current.hash, at: now)) {
                throw DomainError(.temporaryPasswordExpired)
            }
            try tx.credentials.clearFailures(key)
            if account.consecutiveFailures > 0 {
                try tx.accounts.update(account.id) { $0.consecutiveFailures = 0; $0.updatedAt = now }
            }
            let school = try AuditEvent.school(of: account.id, accounts: tx.accounts, classes: tx.classes)
            let event = { (action: AuditAction, detail: String) in
                _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: account.id, targetID: account.id,
                                               schoolID: school,
                                               clientAddress: context.clientAddress, requestID: context.requestID,
                                               detail: detail))
            }
            if current.kind == .temporary {
                let ticket = try sessions.open(for: account.id, purpose: .passwordChange, at: now,
                                               policy: policies.sessions, in: tx)
                try event(.loginSucceeded, "temporary password: password change required")
                return .passwordChangeRequired(ticket, account)
            }
            if let newHash {
                var upgraded = current
                upgraded.hash = newHash
                try tx.credentials.setPassword(upgraded)
                try event(.passwordRehashed, "rehashed at \(policies.passwords.userHashCost)")
            }
            if let pending = try self.secondStep(account, now: now, in: tx) {
                try event(.loginSucceeded, pending.detail)
                return pending.outcome
            }
            let outcome = try ConsentService(environment: environment).gate(account, proof: nil, now: now, in: tx)
            if case .consentRequired = outcome {
                try event(.loginSucceeded, "password verified; consent to the current text required")
            } else {
                try event(.loginSucceeded, "password")
            }
            return outcome
        }
    }

    /// The account state that refuses a verified password, if any.
    private func refusal(_ account: Account, _ credential: PasswordCredential, now: UnixTime) -> ErrorCode? {
        if account.status == .disabled { return .accountDisabled }
        if account.lockedAt != nil { return .accountLocked }
        if credential.kind == .temporary, credential.isExpired(at: now) || credential.usedAt != nil {
            return .temporaryPasswordExpired
        }
        return nil
    }
}
