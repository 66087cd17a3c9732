import SchoolIDBase

extension RecoveryService {
    /// Sets a new password with the codes of a recovery flow.
    ///
    /// Every challenge of the flow needs its code (a missing code counts as a wrong
    /// one and spends an attempt); a challenge proven earlier in the same flow stays
    /// proven. The password is hashed before the unit on every path, and the policy
    /// (length by role, blocklist, the login and its variants) is decided before it but
    /// reported only once the codes are right, so neither the login nor whether the
    /// flow is real leaks to someone without the codes. A decoy flow always answers
    /// `.codeInvalid` after spending its attempt, so it exhausts like a real one.
    ///
    /// Success, in one unit: the password replaced (permanent), the lockout cleared
    /// (recovery is the documented way out of `lockedAt`), every session and ticket
    /// revoked, the flow completed, a notice queued to every verified contact, and
    /// `recovery.password_reset` audited. Refusals are thrown after the unit commits, so
    /// spent attempts stay spent.
    /// - Parameters:
    ///   - flowID: the flow from ``start(identifier:context:)``.
    ///   - smsCode: the code sent by SMS.
    ///   - emailCode: the code sent by email, when the flow has one.
    ///   - newPassword: the new password.
    ///   - secondFactorCode: a TOTP code or an unused recovery code; required when the
    ///     account has a confirmed TOTP factor (recovery cannot remove a factor; an
    ///     SMS-only factor is proven by the flow's own SMS code).
    ///   - context: the request.
    /// - Throws: `DomainError`: a password input error (`.passwordEmpty`,
    ///   `.passwordTooLong`, …) before anything; `.recoveryFlowNotFound` (unknown,
    ///   expired or completed); `.codeInvalid`, `.codeExpired`, `.codeExhausted`; a
    ///   policy code once the codes are right; `.secondFactorRequired` once the codes
    ///   are right when the account has a second factor and `secondFactorCode` is
    ///   missing or wrong (a wrong one also closes the flow: guessing it needs new
    ///   codes each time). The hashing pool's saturation error.
    /// - Returns: the account whose password was set.
    @discardableResult
    public func complete(flowID: RecoveryFlow.ID, smsCode: String?, emailCode: String?, newPassword: String,
                         secondFactorCode: String? = nil, context: RequestContext) async throws -> Account.ID {
        let policy = environment.policies.passwords
        let password = try Password(newPassword, maximumLength: policy.maximumLength)
        let subject = try await environment.storage.read {
            tx -> (role: Role, secondFactor: Bool, login: Login?, id: Account.ID?) in
            guard let id = try tx.recoveryFlows.flow(flowID)?.accountID,
                  let actor = try? Actor.load(id, session: nil, accounts: tx.accounts, classes: tx.classes)
            else { return (.guardian, false, nil, nil) }
            return (actor.passwordRole, actor.account.hasSecondFactor, actor.account.login, id)
        }
        let factors = SecondFactorService(environment: environment)
        // A recovery code is scrypt, matched before the final unit and spent inside it.
        // The flow's own codes are checked first, in a unit of their own (a right code
        // stays proven): without them nobody reaches the hashing, so its cost cannot
        // tell a real account with a factor from a decoy flow.
        var recoverySlot: Int?
        if let code = secondFactorCode, !Self.isDigits(code) {
            let now = environment.clock.now()
            let refusal = try await environment.storage.write { [challenges] tx -> DomainError? in
                guard let flow = try tx.recoveryFlows.flow(flowID), flow.isOpen(at: now) else {
                    return DomainError(.recoveryFlowNotFound)
                }
                return try Self.checkCodes(flow, smsCode: smsCode, emailCode: emailCode, challenges: challenges,
                                           context: context, now: now, in: tx)
            }
            if let refusal { throw refusal }
            if let id = subject.id, subject.secondFactor {
                recoverySlot = try await factors.matchingRecoveryCodeSlot(accountID: id, code: code)
            }
        }
        let slot = recoverySlot
        let decision = policy.evaluate(password, role: subject.role, hasSecondFactor: subject.secondFactor,
                                       login: subject.login)
        let hash = try await environment.hasher.hash(password, cost: policy.userHashCost, priority: .interactive)
        let now = environment.clock.now()
        let environment = environment
        let outcome = try await environment.storage.write { [challenges] tx -> Result<Account.ID, DomainError> in
            guard let flow = try tx.recoveryFlows.flow(flowID), flow.isOpen(at: now) else {
                return .failure(DomainError(.recoveryFlowNotFound))
            }
            if let refusal = try Self.checkCodes(flow, smsCode: smsCode, emailCode: emailCode, challenges: challenges,
                                                 context: context, now: now, in: tx) {
                return .failure(refusal)
            }
            guard let accountID = flow.accountID else { return .failure(DomainError(.codeInvalid)) }
            // An SMS-only factor is already proven by the flow's SMS code to the same phone.
            if try tx.secondFactors.factors(of: accountID).contains(where: { $0.isConfirmed && $0.kind == .totp }) {
                switch try Self.proveSecondFactor(accountID, code: secondFactorCode, slot: slot, factors: factors,
                                                  context: context, now: now, in: tx) {
                case .proven: break
                case .missing: return .failure(DomainError(.secondFactorRequired))
                case .wrong:
                    _ = try tx.recoveryFlows.complete(flowID, at: now)
                    return .failure(DomainError(.secondFactorRequired, detail: "wrong second factor; flow closed"))
                }
            }
            guard decision.isAllowed else {
                return .failure(DomainError(decision.code ?? .permissionDenied, detail: decision.reason))
            }
            guard try tx.recoveryFlows.complete(flowID, at: now) else { return .failure(DomainError(.recoveryFlowNotFound)) }
            try Self.reset(accountID, hash: hash, flow: flowID, context: context, now: now, environment: environment,
                           in: tx)
            return .success(accountID)
        }
        return try outcome.get()
    }

    /// Checks the flow's codes that are not proven yet (a right code is consumed and stays
    /// proven); a wrong one spends an attempt. Runs inside the caller's unit.
    /// - Returns: the first refusal, or `nil` when every code of the flow is proven.
    private static func checkCodes(_ flow: RecoveryFlow, smsCode: String?, emailCode: String?,
                                   challenges: ChallengeService, context: RequestContext, now: UnixTime,
                                   in tx: any WriteTransaction) throws -> DomainError? {
        let codes = [(flow.smsChallengeID, smsCode), (flow.emailChallengeID, emailCode)]
        var refusal: DomainError?
        for case let (id?, code) in codes where try tx.challenges.challenge(id)?.consumedAt == nil {
            if case .failure(let error) = try challenges.check(id, purpose: .passwordRecovery, code: code ?? "",
                                                               context: context, now: now, in: tx) {
                refusal = refusal ?? error
            }
        }
        return refusal
    }

    /// The change itself: new credential, lockout cleared, sessions revoked, notices, audit.
    private static func reset(_ accountID: Account.ID, hash: String, flow: RecoveryFlow.ID, context: RequestContext,
                              now: UnixTime, environment: ServiceEnvironment,
                              in tx: any WriteTransaction) throws {
        try tx.credentials.setPassword(PasswordCredential(accountID: accountID, hash: hash, kind: .permanent, issuedAt: now))
        var wasLocked = false
        let account = try tx.accounts.update(accountID) { account in
            wasLocked = account.lockedAt != nil
            account.consecutiveFailures = 0
            account.lockedAt = nil
            account.updatedAt = now
        }
        let revoked = try tx.signOutEverywhere(accountID, at: now)
        let notices = try Courier.notify(account, .passwordChangedNotice, reach: .every, environment: environment, now: now,
                                         in: tx)
        let school = try AuditEvent.school(of: accountID, accounts: tx.accounts, classes: tx.classes)
        let event = { (action: AuditAction, detail: String) in
            _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: accountID, targetID: accountID,
                                               schoolID: school, clientAddress: context.clientAddress,
                                               requestID: context.requestID, detail: detail))
        }
        try event(.recoveryPasswordReset, "password set through recovery flow \(flow), \(notices) notices queued")
        if wasLocked { try event(.accountUnlocked, "lockout cleared by password recovery") }
        try event(.sessionsRevoked, "\(revoked) sessions and tickets revoked at password recovery")
    }

    /// Whether a multi-factor account's recovery proved its factor.
    enum SecondFactorCheck { case proven, missing, wrong }

    /// Checks the second factor of a recovery inside its unit: a TOTP code (its step
    /// recorded) or the recovery code matched before the unit (marked used now).
    static func proveSecondFactor(_ accountID: Account.ID, code: String?, slot: Int?, factors: SecondFactorService,
                                  context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
        -> SecondFactorCheck
    {
        guard let code, !code.isEmpty else { return .missing }
        if let slot, try tx.secondFactors.markRecoveryCodeUsed(of: accountID, slot: slot, at: now) {
            _ = try tx.audit.append(AuditEvent(at: now, action: .recoveryCodeUsed, actorID: accountID,
                                               targetID: accountID, clientAddress: context.clientAddress,
                                               requestID: context.requestID, detail: "slot \(slot), password recovery"))
            return .proven
        }
        if isDigits(code), try factors.verifyTOTP(accountID: accountID, code: code, context: context, now: now, in: tx) {
            return .proven
        }
        return .wrong
    }

    /// TOTP codes are digits only; recovery codes always contain letters or a hyphen.
    static func isDigits(_ code: String) -> Bool {
        !code.isEmpty && code.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
