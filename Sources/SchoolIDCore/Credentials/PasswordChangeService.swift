import SchoolIDBase

/// `POST /v1/password/change`: a new password, with a password-change ticket (first
/// login with a temporary password) or with a session and the current password.
///
/// The new password must meet the policy for the account (NIST 63B-4 §3.1.1.2: minimum
/// length by role and second factor, blocklist, the login and its variants) and differ
/// from the current one. Success replaces the credential and revokes every other
/// session and ticket of the account. A logged-in change then opens a new session with
/// the old one's proof (rotation at the change). A first-login change continues the
/// login where the temporary password left it: an account with a confirmed second
/// factor gets a second-factor ticket, staff who must enrol one get an enrolment
/// ticket (issue 6: "enrol before anything else"), everyone else a session — so a
/// temporary password never bypasses the second factor.
public struct PasswordChangeService: Sendable {
    private let environment: ServiceEnvironment
    private let sessions: SessionService
    private let attempts: PasswordAttempts
    private let login: LoginService

    public init(environment: ServiceEnvironment, attempts: PasswordAttempts) {
        self.environment = environment
        self.sessions = SessionService(environment: environment)
        self.attempts = attempts
        self.login = LoginService(environment: environment, attempts: attempts)
    }

    /// Changes the password with a ticket; the ticket is consumed atomically, so of
    /// concurrent changes with one ticket exactly one succeeds.
    /// - Throws: `DomainError` (`.passwordChangeTicketInvalid`, a policy code,
    ///   `.passwordUnchanged`), or the hashing pool's saturation error.
    /// - Returns: a session, or the ticket of the second login step or of enrolment.
    public func change(ticket: SessionToken, newPassword: String, context: RequestContext) async throws -> LoginOutcome {
        let now = environment.clock.now()
        let ticketHash = ticket.hash
        let loaded = try await environment.storage.read { tx -> (Actor, PasswordCredential)? in
            guard let session = try tx.sessions.session(tokenHash: ticketHash), session.purpose == .passwordChange,
                  session.isUsable(at: now), let credential = try tx.credentials.password(of: session.accountID)
            else { return nil }
            return (try Actor.load(session.accountID, session: session, accounts: tx.accounts, classes: tx.classes,
                                   guardianLinks: tx.guardianLinks),
                    credential)
        }
        guard let (actor, credential) = loaded else { throw DomainError(.passwordChangeTicketInvalid) }
        let newHash = try await checkedHash(newPassword, for: actor, replacing: credential)
        return try await replace(actor, credential, with: newHash, consuming: ticketHash, context: context) { tx, now in
            if let step = try login.secondStep(actor.account, now: now, in: tx) { return step.outcome }
            return try ConsentService(environment: environment).gate(actor.account, proof: nil, now: now, in: tx)
        }
    }

    /// Changes the password of a logged-in person who typed the current one. A wrong
    /// current password counts as a failed attempt like a failed login.
    /// - Throws: `DomainError` (`.invalidCredentials`, a policy code, `.passwordUnchanged`),
    ///   ``ThrottleError``, or the hashing pool's saturation error.
    /// - Returns: the new session, carrying the presented one's proof (which is revoked).
    public func change(actor: Actor, currentPassword: String, newPassword: String, context: RequestContext)
        async throws -> IssuedSession
    {
        guard let session = actor.session else { throw DomainError(.unauthorized) }
        let credential = try await attempts.verifyCurrentPassword(of: actor, currentPassword, context: context)
        let newHash = try await checkedHash(newPassword, for: actor, replacing: credential)
        return try await replace(actor, credential, with: newHash, consuming: session.tokenHash, context: context) { tx, now in
            try sessions.open(for: actor.account.id, purpose: .session, at: now, policy: environment.policies.sessions,
                              succeeding: session, in: tx)
        }
    }

    /// Applies the policy and hashes the new password at the user cost.
    private func checkedHash(_ text: String, for actor: Actor, replacing credential: PasswordCredential) async throws
        -> String
    {
        let policy = environment.policies.passwords
        let password = try Password(text, maximumLength: policy.maximumLength)
        try policy.evaluate(password, role: actor.passwordRole, hasSecondFactor: actor.account.hasSecondFactor,
                            login: actor.account.login).enforce()
        if try await environment.hasher.verify(password, against: credential.hash, priority: .interactive) {
            throw DomainError(.passwordUnchanged)
        }
        return try await environment.hasher.hash(password, cost: policy.userHashCost, priority: .interactive)
    }

    /// One unit: consume the ticket or session, check the credential is the one we
    /// checked against, store the new hash, revoke everything else, then `next` opens
    /// what follows (a session or a ticket).
    private func replace<Next: Sendable>(_ actor: Actor, _ credential: PasswordCredential, with hash: String,
                                         consuming tokenHash: [UInt8], context: RequestContext,
                                         next: @escaping @Sendable (any WriteTransaction, UnixTime) throws -> Next)
        async throws -> Next
    {
        let now = environment.clock.now()
        let accountID = actor.account.id
        return try await environment.storage.write { tx in
            guard try tx.sessions.revoke(tokenHash: tokenHash, at: now) != nil,
                  try tx.credentials.password(of: accountID)?.hash == credential.hash
            else { throw DomainError(.passwordChangeTicketInvalid) }
            try tx.credentials.setPassword(PasswordCredential(accountID: accountID, hash: hash, kind: .permanent, issuedAt: now))
            let revoked = try tx.signOutEverywhere(accountID, at: now)
            let outcome = try next(tx, now)
            let school = try AuditEvent.school(of: accountID, accounts: tx.accounts, classes: tx.classes)
            let event = { (action: AuditAction, detail: String) in
                _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: accountID, targetID: accountID,
                                               schoolID: school,
                                               clientAddress: context.clientAddress, requestID: context.requestID,
                                               detail: detail))
            }
            try event(.passwordChanged, credential.kind == .temporary ? "replaced a temporary password" : "changed")
            try event(.sessionsRevoked, "\(revoked + 1) sessions and tickets revoked at password change, the presented one included")
            return outcome
        }
    }
}
