import SchoolIDBase

extension ChallengeService {
    /// Counts a message that carries no code (a login reminder) against the same send
    /// quotas as codes, inside the caller's write unit: a reminder to a phone costs an
    /// SMS like a code does, and an unthrottled reminder endpoint would let anyone
    /// flood a number or probe it cheaply.
    ///
    /// The checks are those of ``issue(purpose:destination:accountID:context:now:in:)``
    /// except the global SMS budget, which counts challenges: allowed SMS prefixes,
    /// per-destination and per-address quotas, the per-destination cooldown. On success
    /// one send is logged for `destination` from the request's address.
    /// - Parameters:
    ///   - destination: where the message goes (the typed contact, known or not).
    ///   - context: the request (its client address is counted).
    ///   - now: the unit's time.
    ///   - tx: the caller's write unit.
    /// - Throws: `DomainError(.phoneNotAllowed)`, ``ThrottleError`` (`.retryLater`,
    ///   `.codeResendTooSoon`), a store error; nothing is written then.
    public func recordMessage(to destination: OTPDestination, context: RequestContext, now: UnixTime,
                              in tx: any WriteTransaction) throws {
        let policy = environment.policies.otp
        if case .phone(let phone) = destination, !policy.sms.allows(phone) {
            throw DomainError(.phoneNotAllowed)
        }
        let destinationIndex = destination.index(key: environment.dataKeys.indexKey).bytes
        try checkThrottles(destinationIndex: destinationIndex, context: context, policy: policy, now: now,
                           in: tx.challenges)
        try tx.challenges.recordSend(destinationIndex: destinationIndex, clientAddress: context.clientAddress, at: now)
    }
}
