import SchoolIDBase

/// Second factors of an account: enrolling and confirming a TOTP authenticator,
/// checking its codes at login, and removing factors (issue 6).
///
/// NIST SP 800-63B-4 §5.1.4 (single-factor OTP): the secret is shown once at
/// enrolment and stored sealed under the account's owner key; RFC 6238 §5.2: each time
/// step is accepted at most once per account, enforced by a conditional update so that
/// of concurrent uses of one code exactly one wins. Recovery codes and SMS are in
/// `SecondFactorService+RecoveryCodes.swift` and `SecondFactorService+SMS.swift`.
public struct SecondFactorService: Sendable {
    let environment: ServiceEnvironment
    /// The code parameters every enrolment announces.
    public let totp = TOTP.standard
    /// Bytes of a new TOTP secret: 160 bits, the HMAC-SHA-1 output size RFC 4226 §4 recommends.
    public static let secretByteCount = 20

    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// Starts a TOTP enrolment: a new secret, stored unconfirmed (replacing an earlier
    /// unconfirmed one), to be shown once.
    /// - Throws: `DomainError(.permissionDenied)` when a confirmed TOTP factor exists
    ///   (remove it first); a store or sealing error.
    /// - Returns: the URI and secret for the authenticator app.
    public func beginTOTP(actor: Actor, context: RequestContext) async throws -> TOTPEnrolment {
        let now = environment.clock.now()
        let secret = environment.random.bytes(count: Self.secretByteCount)
        let (environment, account) = (environment, actor.account)
        try await environment.storage.write { tx in
            if let existing = try tx.secondFactors.factor(of: account.id, kind: .totp), existing.isConfirmed {
                throw DomainError(.permissionDenied, detail: "a TOTP authenticator is already enrolled")
            }
            let ownerKey = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
            let sealed = try SealedField.seal(secret, under: ownerKey, for: SecondFactor.context(account.id, .totp))
            try tx.secondFactors.save(SecondFactor(accountID: account.id, kind: .totp, secret: sealed.serialized,
                                                   createdAt: now))
        }
        return TOTPEnrolment(accountName: account.login?.rawValue ?? account.id.rawValue, secret: secret, totp: totp)
    }

    /// Confirms the pending TOTP enrolment with the first code from the app; the
    /// account then has a second factor and a fresh set of recovery codes.
    ///
    /// The code is checked on a snapshot first, so a wrong code costs no hashing; the
    /// recovery codes are hashed before the write unit, which checks the code again
    /// against the same pending secret and records its step.
    /// - Throws: `DomainError(.codeInvalid)` for a wrong code or no pending enrolment;
    ///   a hashing, store or sealing error.
    /// - Returns: the recovery codes, `xxxxx-xxxxx`, to show once.
    public func confirmTOTP(actor: Actor, code: String, context: RequestContext) async throws -> [String] {
        let now = environment.clock.now()
        let (service, account) = (self, actor.account)
        let pending = try await environment.storage.read { tx -> SecondFactor? in
            guard let factor = try tx.secondFactors.factor(of: account.id, kind: .totp), !factor.isConfirmed,
                  try service.matchingStep(factor, code: code, now: now, in: tx.ownerKeys) != nil
            else { return nil }
            return factor
        }
        guard let pending else { throw DomainError(.codeInvalid, detail: "no pending TOTP enrolment matches") }
        let (codes, hashed) = try await newRecoveryCodes(for: account.id)
        try await environment.storage.write { tx in
            guard let factor = try tx.secondFactors.factor(of: account.id, kind: .totp), factor == pending,
                  let step = try service.matchingStep(factor, code: code, now: now, in: tx.ownerKeys)
            else { throw DomainError(.codeInvalid, detail: "the pending TOTP enrolment changed") }
            var confirmed = factor
            confirmed.confirmedAt = now
            confirmed.lastUsedStep = step
            confirmed.lastUsedAt = now
            try tx.secondFactors.save(confirmed)
            try tx.secondFactors.replaceRecoveryCodes(of: account.id, with: hashed)
            try tx.accounts.update(account.id) {
                $0.hasSecondFactor = true
                $0.updatedAt = now
            }
            try Self.audit(.secondFactorEnrolled, account.id, context: context, now: now,
                           detail: "totp confirmed, \(hashed.count) recovery codes issued", in: tx)
        }
        return codes
    }

    /// Checks a TOTP code for the login step (or step-up) inside the caller's unit and
    /// records its step as used.
    ///
    /// A wrong code returns `false` and writes its audit event: let the unit commit.
    /// - Parameters:
    ///   - accountID: whose code it is.
    ///   - code: what the person typed.
    ///   - now: the request's time.
    /// - Throws: a store or sealing error.
    /// - Returns: whether the code was right and its step unused.
    public func verifyTOTP(accountID: Account.ID, code: String, context: RequestContext, now: UnixTime,
                           in tx: any WriteTransaction) throws -> Bool
    {
        guard let factor = try tx.secondFactors.factor(of: accountID, kind: .totp), factor.isConfirmed else {
            try Self.audit(.secondFactorFailed, accountID, context: context, now: now, detail: "no confirmed totp",
                           in: tx)
            return false
        }
        if let step = try matchingStep(factor, code: code, now: now, in: tx.ownerKeys),
           try tx.secondFactors.markTOTPStep(of: accountID, step: step, at: now)
        {
            try Self.audit(.secondFactorUsed, accountID, context: context, now: now, detail: "totp", in: tx)
            return true
        }
        try Self.audit(.secondFactorFailed, accountID, context: context, now: now,
                       detail: "totp code wrong or already used", in: tx)
        return false
    }

    /// Removes the actor's factor of `kind`. When no confirmed factor remains, the
    /// account no longer has a second factor and its recovery codes are deleted.
    ///
    /// Needs a step-up (``StepUp``); a person whose roles make a factor mandatory
    /// (`mandatory_roles`) cannot remove their last confirmed one.
    /// - Throws: `DomainError(.stepUpRequired)`, `DomainError(.secondFactorRequiredByPolicy)`;
    ///   a store error.
    /// - Returns: whether there was such a factor.
    @discardableResult
    public func remove(actor: Actor, kind: SecondFactor.Kind, context: RequestContext) async throws -> Bool {
        let now = environment.clock.now()
        let policy = environment.policies.secondFactor
        try StepUp.require(actor, policy: policy, now: now)
        let (account, mandatory) = (actor.account, policy.isMandatory(for: actor.roles))
        return try await environment.storage.write { tx in
            let confirmed = try tx.secondFactors.factors(of: account.id).filter(\.isConfirmed)
            if mandatory, confirmed.map(\.kind) == [kind] {
                throw DomainError(.secondFactorRequiredByPolicy, detail: "the last confirmed factor of a mandatory role")
            }
            guard try tx.secondFactors.delete(of: account.id, kind: kind) else { return false }
            if try !tx.secondFactors.factors(of: account.id).contains(where: \.isConfirmed) {
                try tx.secondFactors.replaceRecoveryCodes(of: account.id, with: [])
                try tx.accounts.update(account.id) {
                    $0.hasSecondFactor = false
                    $0.updatedAt = now
                }
            }
            try Self.audit(.secondFactorRemoved, account.id, context: context, now: now, detail: kind.rawValue, in: tx)
            return true
        }
    }

    /// The unused step `code` matches for `factor`, or `nil`.
    func matchingStep(_ factor: SecondFactor, code: String, now: UnixTime, in ownerKeys: any OwnerKeyReader) throws
        -> Int64?
    {
        let ownerKey = try environment.ownerKeys.key(for: factor.accountID.rawValue, in: ownerKeys)
        return totp.matchingStep(code: code, secret: try factor.openSecret(ownerKey: ownerKey), now: now,
                                          after: factor.lastUsedStep)
    }

    static func audit(_ action: AuditAction, _ accountID: Account.ID, context: RequestContext, now: UnixTime,
                      detail: String, in tx: any WriteTransaction) throws {
        _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: accountID, targetID: accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: detail))
    }
}
