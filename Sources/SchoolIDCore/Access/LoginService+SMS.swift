import SchoolIDBase

extension LoginService {
    /// Sends an SMS code for the second login step to the account's verified phone.
    ///
    /// SMS is a restricted authenticator (NIST SP 800-63B-4 §3.1.3.3, ASVS 5.0 §6.6.1):
    /// only when policy allows it (`sms_factor_enabled`) and the account enrolled it.
    /// The send is a `.secondFactor` challenge with the usual quotas, cooldown, allowed
    /// prefixes and global SMS budget; the ticket is not consumed.
    /// - Parameters:
    ///   - ticket: the `second_factor_ticket` from the login.
    ///   - context: the request.
    /// - Throws: `DomainError(.unauthorized)` for an unknown, used or expired ticket;
    ///   `.secondFactorDisabled` when policy turned SMS off or the account has no SMS
    ///   factor or verified phone; ``ThrottleError`` for the code quotas; a store error.
    /// - Returns: the challenge, whose id completes the step with the code.
    public func sendSecondFactorSMS(ticket: SessionToken, context: RequestContext) async throws -> Challenge {
        try await attempts.takeAddressAttempt(context)
        let now = environment.clock.now()
        let ticketHash = ticket.hash
        let environment = environment
        return try await environment.storage.write { tx in
            guard let session = try tx.sessions.session(tokenHash: ticketHash), session.purpose == .secondFactor,
                  session.isUsable(at: now), let account = try tx.accounts.account(session.accountID)
            else { throw DomainError(.unauthorized) }
            guard environment.policies.secondFactor.smsFactorEnabled,
                  try tx.secondFactors.factor(of: account.id, kind: .sms)?.isConfirmed == true,
                  let destination = try OTPDestination.verifiedPhone(of: account.id, ownerKeys: environment.ownerKeys,
                                                                     in: tx)
            else { throw DomainError(.secondFactorDisabled, detail: "no SMS factor for this login") }
            let (challenge, code) = try ChallengeService(environment: environment)
                .issue(purpose: .secondFactor, destination: destination, accountID: account.id, context: context,
                       now: now, in: tx)
            try Courier.send(.secondFactorCode(code: code.unredacted), to: destination, language: account.locale,
                             now: now, keys: environment.dataKeys, random: environment.random, in: tx)
            return challenge
        }
    }
}
