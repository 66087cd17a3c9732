import SchoolIDBase

extension ChallengeService {
    /// Checks `code` against the challenge and consumes it on success (single use), in
    /// its own write unit.
    ///
    /// See ``check(_:purpose:code:context:now:in:)`` for the rules.
    /// - Throws: `DomainError` `.codeInvalid` (wrong, malformed, consumed, unknown or
    ///   of another purpose), `.codeExpired`, `.codeExhausted`; a store error.
    /// - Returns: the consumed challenge.
    public func verify(_ id: Challenge.ID, purpose: Challenge.Purpose, code: String, context: RequestContext,
                       now: UnixTime) async throws -> Challenge {
        try await environment.storage.write { tx in
            try check(id, purpose: purpose, code: code, context: context, now: now, in: tx)
        }.get()
    }

    /// Checks `code` against the challenge inside the caller's write unit and consumes
    /// it on success, so the caller's change (an account created, a password set)
    /// commits together with the consumption or not at all.
    ///
    /// A refusal is returned, not thrown: the caller must let its unit commit (a wrong
    /// code spends an attempt that has to be kept) and throw the error after the unit.
    /// Refusals for state (consumed, exhausted, expired) spend nothing; a wrong code
    /// spends one attempt with a conditional `UPDATE` and is audited as `code.failed`
    /// (`code.exhausted` when it spent the last one). The right code is accepted by the
    /// store's single conditional `consume`, so of 50 concurrent presentations exactly
    /// one succeeds. The code is never compared in clear: its HMAC is (see
    /// ``ChallengeStore/consume(_:codeHash:at:)``).
    ///
    /// Malformed input (not `length` digits) counts as a wrong code: it is a guess like
    /// any other, and not counting it would give a client free probes of the state.
    /// A challenge of another purpose is refused as `.codeInvalid` without spending an
    /// attempt (its own flow still owns it).
    /// - Throws: a store error only.
    /// - Returns: the consumed challenge, or the refusal (`.codeInvalid`, `.codeExpired`,
    ///   `.codeExhausted`).
    public func check(_ id: Challenge.ID, purpose: Challenge.Purpose, code: String, context: RequestContext,
                      now: UnixTime, in tx: any WriteTransaction) throws -> Result<Challenge, DomainError> {
        guard let challenge = try tx.challenges.challenge(id), challenge.purpose == purpose,
              challenge.consumedAt == nil
        else { return .failure(DomainError(.codeInvalid)) }
        guard challenge.attemptsLeft > 0 else { return .failure(DomainError(.codeExhausted)) }
        guard !challenge.isExpired(at: now) else { return .failure(DomainError(.codeExpired)) }
        guard let key = environment.dataKeys.otpKey(version: challenge.codeKeyVersion) else {
            return .failure(DomainError(.codeExpired, detail: "otp key version \(challenge.codeKeyVersion) retired"))
        }
        if OTPCode.isWellFormed(code, length: environment.policies.otp.length),
           let consumed = try tx.challenges.consume(id, codeHash: OTPCode.hash(code, challengeID: id, key: key), at: now)
        {
            try audit(.codeVerified, consumed, context: context, now: now,
                      detail: "\(purpose.rawValue) code verified, challenge \(id)", in: tx)
            return .success(consumed)
        }
        let left = try tx.challenges.recordWrongCode(id, at: now) ?? 0
        try audit(left == 0 ? .codeExhausted : .codeFailed, challenge, context: context, now: now,
                  detail: "\(purpose.rawValue) code wrong, \(left) attempts left, challenge \(id)", in: tx)
        return .failure(DomainError(left == 0 ? .codeExhausted : .codeInvalid))
    }
}
