import SchoolIDBase

extension LoginService {
    /// The second login step, when the password was right and the account has a
    /// confirmed second factor or must enrol one (OWASP ASVS 5.0 §6.3.3; NIST SP
    /// 800-63B-4 AAL2). Called inside the login's write unit.
    /// - Returns: the ticket outcome and its audit detail, or `nil` for a plain session.
    func secondStep(_ account: Account, now: UnixTime, in tx: any WriteTransaction) throws
        -> (outcome: LoginOutcome, detail: String)?
    {
        let policies = environment.policies
        let confirmed = try tx.secondFactors.factors(of: account.id).filter(\.isConfirmed)
        if !confirmed.isEmpty {
            var methods: [SecondFactorMethod] = []
            if confirmed.contains(where: { $0.kind == .totp }) { methods.append(.totp) }
            if policies.secondFactor.smsFactorEnabled, confirmed.contains(where: { $0.kind == .sms }) {
                methods.append(.sms)
            }
            if try tx.secondFactors.recoveryCodes(of: account.id).contains(where: \.isUsable) {
                methods.append(.recoveryCode)
            }
            let ticket = try sessions.open(for: account.id, purpose: .secondFactor, at: now, policy: policies.sessions,
                                           in: tx)
            return (.secondFactorRequired(ticket, account, methods: methods),
                    "password verified; second factor required")
        }
        let actor = try Actor.load(account.id, session: nil, accounts: tx.accounts, classes: tx.classes,
                                   guardianLinks: tx.guardianLinks)
        guard policies.secondFactor.isMandatory(for: actor.roles) else { return nil }
        let ticket = try sessions.open(for: account.id, purpose: .factorEnrolment, at: now, policy: policies.sessions,
                                       in: tx)
        return (.enrolmentRequired(ticket, account), "password verified; second factor enrolment required")
    }

    /// The proof presented at the second login step.
    public enum SecondFactorProof: Sendable {
        /// A TOTP code (RFC 6238).
        case totp(String)
        /// A single-use recovery code.
        case recoveryCode(String)
        /// The code of an SMS sent by ``sendSecondFactorSMS(ticket:context:)``.
        case sms(challengeID: Challenge.ID, code: String)
    }

    /// Completes a two-step login: checks the second factor against the ticket's
    /// account and opens a session with `amr` `["pwd", "otp"]` and `acr` `"2"`.
    ///
    /// A wrong or replayed code is a failed login attempt through the same counters as
    /// a wrong password (``PasswordAttempts``: the address budget, the (login, address)
    /// backoff, the account cap and its lockout), so the code cannot be guessed faster
    /// than a password. A recovery code also yields `otp` (RFC 8176 §2: a one-time
    /// password); the audit event tells them apart. The ticket is consumed on success.
    /// - Parameters:
    ///   - ticket: the `second_factor_ticket` from the login.
    ///   - proof: the TOTP code or recovery code.
    ///   - context: the request.
    /// - Throws: `DomainError(.unauthorized)` for an unknown, used or expired ticket;
    ///   `DomainError(.invalidCredentials)` for a wrong code; `.accountLocked` /
    ///   `.accountDisabled`; ``ThrottleError`` when throttled; hashing or store errors.
    /// - Returns: the new session, or a consent ticket when the person must first accept
    ///   the current consent text (``LoginOutcome/consentRequired(_:_:version:)``).
    public func completeSecondFactor(ticket: SessionToken, proof: SecondFactorProof, context: RequestContext)
        async throws -> LoginOutcome
    {
        try await attempts.takeAddressAttempt(context)
        let now = environment.clock.now()
        let ticketHash = ticket.hash
        let attempts = attempts
        let loaded = try await environment.storage.read { tx -> (Account, FailureCounter?, [UInt8])? in
            guard let session = try tx.sessions.session(tokenHash: ticketHash), session.purpose == .secondFactor,
                  session.isUsable(at: now), let account = try tx.accounts.account(session.accountID),
                  let login = account.login
            else { return nil }
            let key = attempts.key(login, address: context.clientAddress)
            return (account, try tx.credentials.failureCounter(key), key)
        }
        guard let (account, counter, key) = loaded else { throw DomainError(.unauthorized) }
        try await attempts.checkBackoff(counter, now: now, context: context)
        if account.status == .disabled { throw DomainError(.accountDisabled) }
        if account.lockedAt != nil { throw DomainError(.accountLocked) }
        let factors = SecondFactorService(environment: environment)
        let issued: LoginOutcome?
        switch proof {
        case .totp(let code):
            issued = try await environment.storage.write { [self] tx -> LoginOutcome? in
                guard try factors.verifyTOTP(accountID: account.id, code: code, context: context, now: now, in: tx)
                else { return nil }
                return try openVerified(account, consuming: ticketHash, key: key, detail: "password + totp",
                                        context: context, now: now, in: tx)
            }
        case .sms(let challengeID, let code):
            issued = try await environment.storage.write { [self] tx -> LoginOutcome? in
                // Another account's or another purpose's challenge is refused without
                // spending its attempts (its own flow still owns it).
                guard environment.policies.secondFactor.smsFactorEnabled,
                      let challenge = try tx.challenges.challenge(challengeID), challenge.accountID == account.id,
                      challenge.purpose == .secondFactor,
                      case .success = try ChallengeService(environment: environment)
                          .check(challengeID, purpose: .secondFactor, code: code, context: context, now: now, in: tx)
                else { return nil }
                return try openVerified(account, consuming: ticketHash, key: key, method: .sms,
                                        detail: "password + sms", context: context, now: now, in: tx)
            }
        case .recoveryCode(let code):
            guard try await factors.useRecoveryCode(accountID: account.id, code: code, context: context) else {
                issued = nil
                break
            }
            issued = try await environment.storage.write { [self] tx in
                try openVerified(account, consuming: ticketHash, key: key, detail: "password + recovery code",
                                 context: context, now: now, in: tx)
            }
        }
        guard let issued else {
            try await attempts.recordFailure(key: key, account: account, context: context,
                                             reason: "wrong second factor")
            throw DomainError(.invalidCredentials)
        }
        return issued
    }

    /// Consumes a ticket (second-factor or enrolment) and opens the session it leads
    /// to, with the second factor recorded: `amr` `["pwd", method]`, `acr` `"2"` — or,
    /// when the person must first accept the current consent text, a consent ticket
    /// carrying that proof.
    /// - Throws: `DomainError(.unauthorized)` when the ticket was used concurrently; a
    ///   store error.
    func openVerified(_ account: Account, consuming ticketHash: [UInt8], key: [UInt8]?,
                      method: Session.Method = .otp, detail: String,
                      context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws -> LoginOutcome
    {
        guard try tx.sessions.revoke(tokenHash: ticketHash, at: now) != nil else { throw DomainError(.unauthorized) }
        if let key { try tx.credentials.clearFailures(key) }
        if account.consecutiveFailures > 0 {
            try tx.accounts.update(account.id) { $0.consecutiveFailures = 0; $0.updatedAt = now }
        }
        // The proof of this login, handed to the session (or consent ticket) it opens.
        let proof = Session(tokenHash: [], accountID: account.id, purpose: .session, createdAt: now, idleExpiresAt: now,
                            absoluteExpiresAt: now, amr: [Session.Method.password.rawValue, method.rawValue],
                            secondFactorAt: now)
        let outcome = try ConsentService(environment: environment).gate(account, proof: proof, now: now, in: tx)
        let consent = if case .consentRequired = outcome { "; consent to the current text required" } else { "" }
        try tx.audit.append(AuditEvent(at: now, action: .loginSucceeded, actorID: account.id, targetID: account.id,
                                       schoolID: try AuditEvent.school(of: account.id, accounts: tx.accounts,
                                                                       classes: tx.classes),
                                       clientAddress: context.clientAddress, requestID: context.requestID,
                                       detail: detail + consent))
        return outcome
    }
}
