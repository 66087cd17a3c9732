import SchoolIDBase

/// Proving a second factor again inside a logged-in session (step-up, see ``StepUp``):
/// a TOTP code, a recovery code, or — for an account without an authenticator app —
/// an SMS code to its verified phone.
///
/// OWASP ASVS 5.0 §7.5.3 (re-authentication before sensitive actions), NIST SP
/// 800-63B-4 §2.2.3 (AAL2). A proof records the method and time in the session
/// (`amr`, `acr`, `second_factor_at`). A wrong TOTP or recovery code is a failed
/// attempt through the login counters (``PasswordAttempts``: the per-address budget,
/// the (login, address) backoff and the account cap), so a stolen session cannot
/// guess codes faster than it could guess passwords. SMS codes are limited by their
/// challenge (attempts, expiry, send quotas and cooldown, ``ChallengeService``).
public struct StepUpService: Sendable {
    /// Where an SMS step-up code went: the challenge to confirm and its timing.
    public struct SMSReceipt: Hashable, Sendable {
        public let challengeID: Challenge.ID
        /// When the code stops working.
        public let expiresAt: UnixTime
        /// The earliest time another code may be sent to the phone.
        public let resendAfter: UnixTime
    }

    let environment: ServiceEnvironment
    let attempts: PasswordAttempts
    let challenges: ChallengeService
    let factors: SecondFactorService

    public init(environment: ServiceEnvironment, attempts: PasswordAttempts) {
        self.environment = environment
        self.attempts = attempts
        self.challenges = ChallengeService(environment: environment)
        self.factors = SecondFactorService(environment: environment)
    }

    /// Proves the actor's TOTP authenticator in the actor's session.
    /// - Throws: `DomainError(.unauthorized)` without a logged-in session or login,
    ///   `DomainError(.codeInvalid)` for a wrong or replayed code (a counted failure),
    ///   ``ThrottleError`` while the address budget or the pair's backoff refuses,
    ///   `DomainError(.accountLocked)` once the account is locked; a store or sealing error.
    /// - Returns: the session with the proof recorded.
    public func prove(actor: Actor, totpCode code: String, context: RequestContext) async throws -> Session {
        let (session, key) = try await takeAttempt(actor, context: context)
        let (factors, accountID, now) = (factors, actor.account.id, environment.clock.now())
        let proven = try await environment.storage.write { tx -> Session? in
            guard try factors.verifyTOTP(accountID: accountID, code: code, context: context, now: now, in: tx) else {
                return nil
            }
            try Self.clearFailures(key: key, accountID: accountID, now: now, in: tx)
            return try Self.record(session, method: .otp, now: now, in: tx)
        }
        guard let proven else { return try await fail(actor, key: key, context: context) }
        return proven
    }

    /// Proves the actor's second factor with one of their recovery codes (used up).
    /// - Throws: as ``prove(actor:totpCode:context:)``.
    /// - Returns: the session with the proof recorded (method `otp`).
    public func prove(actor: Actor, recoveryCode code: String, context: RequestContext) async throws -> Session {
        let (session, key) = try await takeAttempt(actor, context: context)
        guard try await factors.useRecoveryCode(accountID: actor.account.id, code: code, context: context) else {
            return try await fail(actor, key: key, context: context)
        }
        let (accountID, now) = (actor.account.id, environment.clock.now())
        return try await environment.storage.write { tx in
            try Self.clearFailures(key: key, accountID: accountID, now: now, in: tx)
            return try Self.record(session, method: .otp, now: now, in: tx)
        }
    }

    /// Sends a `second_factor` code to the actor's verified phone; the challenge, the
    /// send log and the outbox row commit together.
    ///
    /// Offered to an account with no authenticator app (no factor, or SMS as its factor):
    /// an account with a TOTP factor proves that instead, unless it also holds an SMS
    /// factor that policy allows.
    /// - Throws: `DomainError(.unauthorized)` without a logged-in session,
    ///   `DomainError(.permissionDenied)` for an account that must use its app,
    ///   `DomainError(.phoneNotVerified)`, `.phoneNotAllowed`; ``ThrottleError`` for the
    ///   quotas and the cooldown; a store or sealing error.
    /// - Returns: the challenge to confirm.
    public func sendSMSCode(actor: Actor, context: RequestContext) async throws -> SMSReceipt {
        _ = try Self.loggedIn(actor)
        let now = environment.clock.now()
        let (environment, challenges, account) = (environment, challenges, actor.account)
        let smsEnabled = environment.policies.secondFactor.smsFactorEnabled
        let cooldown = environment.policies.otp.resendCooldownSeconds
        return try await environment.storage.write { tx in
            let kinds = Set(try tx.secondFactors.factors(of: account.id).filter(\.isConfirmed).map(\.kind))
            guard !kinds.contains(.totp) || (smsEnabled && kinds.contains(.sms)) else {
                throw DomainError(.permissionDenied, detail: "the account proves its authenticator app instead")
            }
            guard let destination = try OTPDestination.verifiedPhone(of: account.id, ownerKeys: environment.ownerKeys,
                                                                     in: tx)
            else { throw DomainError(.phoneNotVerified) }
            let (challenge, code) = try challenges.issue(purpose: .secondFactor, destination: destination,
                                                         accountID: account.id, context: context, now: now, in: tx)
            try Courier.send(.secondFactorCode(code: code.unredacted), to: destination, language: account.locale,
                             now: now, keys: environment.dataKeys, random: environment.random, in: tx)
            return SMSReceipt(challengeID: challenge.id, expiresAt: challenge.expiresAt,
                              resendAfter: challenge.lastSentAt.adding(seconds: cooldown))
        }
    }

    /// Confirms an SMS step-up code; its consumption and the proof commit together.
    ///
    /// A wrong code spends one of the challenge's attempts (kept: the refusal is thrown
    /// after the unit commits). A challenge of another account is refused without
    /// spending its attempts.
    /// - Throws: `DomainError(.unauthorized)`, `.codeInvalid`, `.codeExpired`,
    ///   `.codeExhausted`; a store error.
    /// - Returns: the session with the proof recorded (method `sms`).
    public func confirmSMSCode(actor: Actor, challengeID: Challenge.ID, code: String, context: RequestContext)
        async throws -> Session
    {
        let session = try Self.loggedIn(actor)
        let now = environment.clock.now()
        let (challenges, accountID) = (challenges, actor.account.id)
        return try await environment.storage.write { tx -> Result<Session, DomainError> in
            guard let challenge = try tx.challenges.challenge(challengeID), challenge.accountID == accountID else {
                return .failure(DomainError(.codeInvalid))
            }
            if case .failure(let error) = try challenges.check(challengeID, purpose: .secondFactor, code: code,
                                                               context: context, now: now, in: tx) {
                return .failure(error)
            }
            try SecondFactorService.audit(.secondFactorUsed, accountID, context: context, now: now,
                                          detail: "sms step-up, challenge \(challengeID)", in: tx)
            return .success(try Self.record(session, method: .sms, now: now, in: tx))
        }.get()
    }

    /// The actor's logged-in session.
    static func loggedIn(_ actor: Actor) throws -> Session {
        guard let session = actor.session, session.purpose == .session else { throw DomainError(.unauthorized) }
        return session
    }

    /// Takes one attempt from the login counters before a code is checked. A locked
    /// account (``LockoutPolicy/accountFailureCap`` consecutive failures) has its codes
    /// checked no more, as at login's second step: the cap holds for guesses made inside
    /// a session too (NIST SP 800-63B-4 §3.2.2).
    /// - Throws: ``ThrottleError``; `DomainError(.accountLocked)`.
    private func takeAttempt(_ actor: Actor, context: RequestContext) async throws -> (Session, key: [UInt8]) {
        let session = try Self.loggedIn(actor)
        guard let login = actor.account.login else { throw DomainError(.unauthorized) }
        try await attempts.takeAddressAttempt(context)
        let key = attempts.key(login, address: context.clientAddress)
        let accountID = actor.account.id
        let (counter, locked) = try await environment.storage.read { tx in
            (try tx.credentials.failureCounter(key), try tx.accounts.account(accountID)?.lockedAt != nil)
        }
        try await attempts.checkBackoff(counter, now: environment.clock.now(), context: context)
        if locked { throw DomainError(.accountLocked) }
        return (session, key)
    }

    /// Counts a wrong code like a wrong password and refuses.
    private func fail(_ actor: Actor, key: [UInt8], context: RequestContext) async throws -> Session {
        try await attempts.recordFailure(key: key, account: actor.account, context: context,
                                         reason: "wrong step-up code")
        throw DomainError(.codeInvalid)
    }

    /// A right code ends the failure run, as a successful login does: the pair's
    /// backoff and the account's consecutive failures start again from zero.
    static func clearFailures(key: [UInt8], accountID: Account.ID, now: UnixTime, in tx: any WriteTransaction) throws {
        try tx.credentials.clearFailures(key)
        guard let account = try tx.accounts.account(accountID), account.consecutiveFailures > 0 else { return }
        try tx.accounts.update(accountID) {
            $0.consecutiveFailures = 0
            $0.updatedAt = now
        }
    }

    /// Records the proof in the session and reads it back.
    static func record(_ session: Session, method: Session.Method, now: UnixTime, in tx: any WriteTransaction) throws
        -> Session
    {
        guard try tx.sessions.recordSecondFactor(tokenHash: session.tokenHash, method: method, at: now),
              let updated = try tx.sessions.session(tokenHash: session.tokenHash)
        else { throw DomainError(.unauthorized, detail: "the session ended") }
        return updated
    }
}
