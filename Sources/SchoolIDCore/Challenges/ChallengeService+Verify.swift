import SchoolIDBase

extension ChallengeService {
    /// What a verification unit decided; thrown only after the unit committed, so the
    /// spent attempt and the audit event are kept even when the code was wrong.
    private enum Outcome: Sendable {
        case verified(Challenge)
        case refused(DomainError)
    }

    /// Checks `code` against the challenge and consumes it on success (single use).
    ///
    /// The decision is one write unit: refusals for state (consumed, exhausted,
    /// expired) spend nothing; a wrong code spends one attempt with a conditional
    /// `UPDATE` and is audited as `code.failed` (`code.exhausted` when it spent the
    /// last one). The right code is accepted by the store's single conditional
    /// `consume`, so of 50 concurrent presentations exactly one succeeds. The code is
    /// never compared in clear: its HMAC is (see ``ChallengeStore/consume(_:codeHash:at:)``).
    ///
    /// Malformed input (not `length` digits) counts as a wrong code: it is a guess like
    /// any other, and not counting it would give a client free probes of the state.
    /// A challenge of another purpose is refused as `.codeInvalid` without spending an
    /// attempt (its own flow still owns it).
    /// - Throws: `DomainError` `.codeInvalid` (wrong, malformed, consumed, unknown or
    ///   of another purpose), `.codeExpired`, `.codeExhausted`; a store error.
    /// - Returns: the consumed challenge.
    public func verify(_ id: Challenge.ID, purpose: Challenge.Purpose, code: String, context: RequestContext,
                       now: UnixTime) async throws -> Challenge {
        let length = environment.policies.otp.length
        let keys = environment.dataKeys
        let outcome = try await environment.storage.write { tx -> Outcome in
            guard let challenge = try tx.challenges.challenge(id), challenge.purpose == purpose,
                  challenge.consumedAt == nil
            else { return .refused(DomainError(.codeInvalid)) }
            guard challenge.attemptsLeft > 0 else { return .refused(DomainError(.codeExhausted)) }
            guard !challenge.isExpired(at: now) else { return .refused(DomainError(.codeExpired)) }
            guard let key = keys.otpKey(version: challenge.codeKeyVersion) else {
                return .refused(DomainError(.codeExpired, detail: "otp key version \(challenge.codeKeyVersion) retired"))
            }
            if OTPCode.isWellFormed(code, length: length),
               let consumed = try tx.challenges.consume(id, codeHash: OTPCode.hash(code, challengeID: id, key: key), at: now)
            {
                try audit(.codeVerified, consumed, context: context, now: now,
                          detail: "\(purpose.rawValue) code verified, challenge \(id)", in: tx)
                return .verified(consumed)
            }
            let left = try tx.challenges.recordWrongCode(id, at: now) ?? 0
            try audit(left == 0 ? .codeExhausted : .codeFailed, challenge, context: context, now: now,
                      detail: "\(purpose.rawValue) code wrong, \(left) attempts left, challenge \(id)", in: tx)
            return .refused(DomainError(left == 0 ? .codeExhausted : .codeInvalid))
        }
        switch outcome {
        case .verified(let challenge): return challenge
        case .refused(let error): throw error
        }
    }
}
