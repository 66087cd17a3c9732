import SchoolIDBase

/// Issues, resends and verifies one-time codes (`otp.json` policy).
///
/// ``issue(purpose:destination:accountID:context:now:in:)`` and
/// ``resend(_:context:now:in:)`` run inside the caller's write unit, so that the
/// challenge, the send log and the caller's outbox row commit together or not at all.
/// They throw before writing anything, so a refusal leaves the unit clean.
/// ``verify(_:purpose:code:context:now:)`` opens its own unit.
///
/// Throttling (NIST SP 800-63B-4 §3.2.2, ASVS 5.0 V6.6.3), all counted in the
/// database from `otp_sends`:
/// - per destination and per client address, at most `per_hour` sends in any hour and
///   `per_day` in any day (`ThrottleError(.retryLater)`);
/// - at least `resend_cooldown_seconds` between two sends to one destination, whether
///   a resend or a new challenge (`ThrottleError(.codeResendTooSoon)`);
/// - for SMS, only numbers with an allowed prefix (`DomainError(.phoneNotAllowed)`) and
///   at most `sms.global_per_hour` codes in any hour over all numbers
///   (`ThrottleError(.smsBudgetExhausted)`): SMS pumping and cost control.
/// The `Retry-After` is the exact wait until every limit allows one more send.
public struct ChallengeService: Sendable {
    public let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Creates a challenge for `destination` and returns it with its code, which the
    /// caller hands to delivery (it is never stored).
    /// - Parameters:
    ///   - accountID: the account concerned (`nil` while registering).
    ///   - tx: the caller's write unit.
    /// - Throws: `DomainError(.phoneNotAllowed)` for a number outside `sms.allowed_prefixes`
    ///   (before anything is read or written); ``ThrottleError`` (`.retryLater` for a
    ///   quota, `.codeResendTooSoon` for the cooldown, `.smsBudgetExhausted` over the
    ///   global SMS budget); a store error.
    /// - Returns: the stored challenge and the code in clear.
    public func issue(purpose: Challenge.Purpose, destination: OTPDestination, accountID: Account.ID?,
                      context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
        -> (Challenge, code: Secret<String>)
    {
        let policy = environment.policies.otp
        let keys = environment.dataKeys
        if case .phone(let phone) = destination, !policy.sms.allows(phone) {
            throw DomainError(.phoneNotAllowed)
        }
        let destinationIndex = destination.index(key: keys.indexKey).bytes
        try checkThrottles(destinationIndex: destinationIndex, context: context, policy: policy, now: now,
                           in: tx.challenges)
        if destination.channel == .sms { try checkSMSBudget(policy: policy, now: now, in: tx.challenges) }
        let id = Challenge.ID.random(using: environment.random)
        let (code, hash, version) = try newCode(for: id, policy: policy, keys: keys)
        let challenge = Challenge(
            id: id, purpose: purpose, channel: destination.channel, accountID: accountID,
            destinationIndex: destinationIndex, codeHash: hash, codeKeyVersion: version, createdAt: now,
            expiresAt: now.adding(seconds: policy.ttlSeconds), attemptsLeft: policy.maxAttempts)
        try tx.challenges.insert(challenge)
        try tx.challenges.recordSend(destinationIndex: destinationIndex, clientAddress: context.clientAddress, at: now)
        try audit(.codeSent, challenge, context: context, now: now,
                  detail: "\(purpose.rawValue) code sent by \(challenge.channel.rawValue), challenge \(id)", in: tx)
        return (challenge, code)
    }

    /// Replaces the code of an unconsumed challenge with a new one. The attempts left
    /// are kept (a resend never buys more guesses) and the expiry restarts.
    /// - Throws: `DomainError(.codeInvalid)` for an unknown or consumed challenge,
    ///   `DomainError(.codeExhausted)` when no attempts are left, ``ThrottleError``
    ///   `.codeResendTooSoon` before the cooldown since the last send, `.retryLater`
    ///   over a quota, or `.smsBudgetExhausted` over the global SMS budget.
    /// - Returns: the updated challenge and the new code in clear.
    public func resend(_ id: Challenge.ID, context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
        -> (Challenge, code: Secret<String>)
    {
        let policy = environment.policies.otp
        let keys = environment.dataKeys
        guard let current = try tx.challenges.challenge(id), current.consumedAt == nil else {
            throw DomainError(.codeInvalid)
        }
        guard current.attemptsLeft > 0 else { throw DomainError(.codeExhausted) }
        let sinceLast = now.seconds(since: current.lastSentAt)
        if sinceLast < policy.resendCooldownSeconds {
            throw ThrottleError(.codeResendTooSoon, retryAfterSeconds: policy.resendCooldownSeconds - sinceLast)
        }
        try checkThrottles(destinationIndex: current.destinationIndex, context: context, policy: policy, now: now,
                           in: tx.challenges)
        if current.channel == .sms { try checkSMSBudget(policy: policy, now: now, in: tx.challenges) }
        let (code, hash, version) = try newCode(for: id, policy: policy, keys: keys)
        guard let challenge = try tx.challenges.resend(id, codeHash: hash, keyVersion: version,
                                                       expiresAt: now.adding(seconds: policy.ttlSeconds), at: now)
        else { throw DomainError(.codeInvalid) }
        try tx.challenges.recordSend(destinationIndex: challenge.destinationIndex, clientAddress: context.clientAddress,
                                     at: now)
        try audit(.codeSent, challenge, context: context, now: now,
                  detail: "\(challenge.purpose.rawValue) code resent (send \(challenge.sendCount)), challenge \(id)",
                  in: tx)
        return (challenge, code)
    }

    /// A fresh code and its hash under the current `otp` key.
    private func newCode(for id: Challenge.ID, policy: OTPPolicy, keys: any DataKeyProvider) throws
        -> (Secret<String>, [UInt8], Int)
    {
        let version = keys.currentOTPKeyVersion
        guard let key = keys.otpKey(version: version) else {
            throw DomainError(.notReady, detail: "the keyring has no otp key version \(version)")
        }
        let code = OTPCode.generate(length: policy.length, using: environment.random)
        return (code, OTPCode.hash(code.unredacted, challengeID: id, key: key), version)
    }

    /// Appends an audit event about `challenge` (never the code or the destination).
    func audit(_ action: AuditAction, _ challenge: Challenge, context: RequestContext, now: UnixTime, detail: String,
               in tx: any WriteTransaction) throws {
        _ = try tx.audit.append(AuditEvent(at: now, action: action, targetID: challenge.accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: detail))
    }
}
