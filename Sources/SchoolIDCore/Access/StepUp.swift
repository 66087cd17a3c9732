import SchoolIDBase

/// Step-up: a sensitive action needs a second factor proven recently in the very
/// session that asks for it, not just a valid session.
///
/// A session cookie or bearer token can be stolen or left open on a shared school
/// computer; the actions that hand out power (administering schools and staff,
/// resetting a child's password, changing a phone or email) therefore ask for a
/// second factor (TOTP, a recovery code, or an SMS code to a verified phone) proven
/// within `step_up_seconds` of `second_factor.json` (OWASP ASVS 5.0 §7.5.3:
/// re-authentication before sensitive changes; NIST SP 800-63B-4 §2.2.3 AAL2).
public enum StepUp {
    /// Checks that `actor`'s session proved a second factor within
    /// `policy.stepUpSeconds` before `now`.
    ///
    /// Passes without checking when the policy has `enforce_step_up` off (a test
    /// profile only). An actor without a session (not from a request) fails: the
    /// command line goes through ``require(_:policy:now:)-(Principal,_,_)`` instead.
    /// - Parameters:
    ///   - actor: the person asking, with the session of the request.
    ///   - policy: `second_factor.json`.
    ///   - now: the current time (from the injected clock).
    /// - Throws: `DomainError(.stepUpRequired)`: the client proves a factor (or an SMS
    ///   code) in this session and retries.
    public static func require(_ actor: Actor, policy: SecondFactorPolicy, now: UnixTime) throws(DomainError) {
        guard policy.enforceStepUp else { return }
        guard isFresh(actor.session, policy: policy, now: now) else {
            throw DomainError(.stepUpRequired)
        }
    }

    /// Checks a principal: the command line always passes (the operator already holds
    /// the database and the keys); a person as the ``Actor`` overload.
    /// - Throws: `DomainError(.stepUpRequired)`.
    public static func require(_ principal: Principal, policy: SecondFactorPolicy, now: UnixTime) throws(DomainError) {
        guard case .person(let actor) = principal else { return }
        try require(actor, policy: policy, now: now)
    }

    /// Whether `session` is a usable logged-in session whose last second factor was
    /// proven no more than `policy.stepUpSeconds` before `now` (and not after it).
    public static func isFresh(_ session: Session?, policy: SecondFactorPolicy, now: UnixTime) -> Bool {
        guard let session, session.purpose == .session, session.isUsable(at: now),
              let provenAt = session.secondFactorAt
        else { return false }
        let age = now.seconds - provenAt.seconds
        return age >= 0 && age <= policy.stepUpSeconds
    }
}
