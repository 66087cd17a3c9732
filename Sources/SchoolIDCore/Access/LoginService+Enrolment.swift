import SchoolIDBase

extension LoginService {
    /// Confirms a TOTP enrolment and proves the factor in the caller's session.
    ///
    /// With an enrolment ticket (purpose ``Session/Purpose/factorEnrolment``, issued
    /// when staff without a factor log in) the ticket is consumed and a session opens,
    /// so enrolling is the only way past the password for them. With a logged-in
    /// session the factor is recorded on it (`amr` gains `otp`, `acr` becomes `"2"`).
    /// - Parameters:
    ///   - actor: the authenticated person; their session is the ticket or the session.
    ///   - code: the first code from the authenticator app.
    ///   - context: the request.
    /// - Throws: `DomainError(.codeInvalid)` for a wrong code (from
    ///   ``SecondFactorService/confirmTOTP(actor:code:context:)``);
    ///   `DomainError(.unauthorized)` when the ticket was used concurrently; hashing or
    ///   store errors.
    /// - Returns: the recovery codes to show once, and where the login goes when a ticket
    ///   was consumed (a session, or a consent ticket).
    public func confirmEnrolment(actor: Actor, code: String, context: RequestContext) async throws
        -> (recoveryCodes: [String], outcome: LoginOutcome?)
    {
        let codes = try await SecondFactorService(environment: environment).confirmTOTP(actor: actor, code: code,
                                                                                       context: context)
        guard let current = actor.session else { return (codes, nil) }
        let now = environment.clock.now()
        let account = actor.account
        if current.purpose == .factorEnrolment {
            let issued = try await environment.storage.write { [self] tx in
                try openVerified(account, consuming: current.tokenHash, key: nil,
                                 detail: "password + totp enrolled at login", context: context, now: now, in: tx)
            }
            return (codes, issued)
        }
        _ = try await environment.storage.write { tx in
            try tx.sessions.recordSecondFactor(tokenHash: current.tokenHash, method: .otp, at: now)
        }
        return (codes, nil)
    }
}
