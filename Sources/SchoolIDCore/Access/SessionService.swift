import SchoolIDBase

/// A token handed to a client with the session it opens.
public struct IssuedSession: Sendable {
    /// The secret token for the cookie or `Authorization: Bearer`.
    public let token: SessionToken
    public let session: Session
}

/// Opens, checks and closes sessions and password-change tickets.
///
/// Lifetimes come from `sessions.json`: a session expires after `idle_seconds` without
/// use and `absolute_seconds` after login whatever happens (ASVS 5.0 V7.3.1, V7.3.2); a
/// ticket lives `password_change_ticket_seconds` and is good for one change.
public struct SessionService: Sendable {
    /// Use is recorded at most this often per session, so that reading pages does not
    /// write on every request; idle expiry is therefore exact to within this.
    public static let touchGranularitySeconds: Int64 = 60

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Creates a session or ticket for `accountID` inside a write unit.
    ///
    /// A ``Session/Purpose/session`` lives `idle_seconds`/`absolute_seconds`; every
    /// ticket (`password_change`, `second_factor`, `factor_enrolment`) lives
    /// `password_change_ticket_seconds`, idle or not: a pending login step is short.
    /// The session starts at password strength (`amr` `pwd`, `acr` `"1"`), or with the
    /// proof of `predecessor` when it replaces that session (a password change keeps the
    /// second factor proven in the session it rotates); a later second factor is
    /// recorded with ``SessionStore/recordSecondFactor(tokenHash:method:at:)``.
    /// - Throws: a store error.
    public func open(for accountID: Account.ID, purpose: Session.Purpose, at now: UnixTime, policy: SessionPolicy,
                     succeeding predecessor: Session? = nil, in tx: any WriteTransaction) throws -> IssuedSession
    {
        let token = SessionToken(random: environment.random)
        let lifetime = purpose.isTicket ? policy.passwordChangeTicketSeconds : policy.absoluteSeconds
        let idle = purpose.isTicket ? policy.passwordChangeTicketSeconds : policy.idleSeconds
        var session = Session(tokenHash: token.hash, accountID: accountID, purpose: purpose, createdAt: now,
                              idleExpiresAt: now.adding(seconds: min(idle, lifetime)),
                              absoluteExpiresAt: now.adding(seconds: lifetime))
        if let predecessor {
            session.amr = predecessor.amr
            session.secondFactorAt = predecessor.secondFactorAt
        }
        try tx.sessions.insert(session)
        return IssuedSession(token: token, session: session)
    }

    /// Checks a presented session token and loads its actor; records use.
    /// - Throws: `DomainError(.unauthorized)` for an unknown, revoked, expired or
    ///   wrong-purpose token (the reason is not told apart to the client).
    /// - Returns: the actor with its session.
    public func authenticate(_ token: SessionToken, purpose: Session.Purpose = .session) async throws -> Actor {
        let now = environment.clock.now()
        let hash = token.hash
        let actor = try await environment.storage.read { tx -> Actor? in
            guard let session = try tx.sessions.session(tokenHash: hash), session.purpose == purpose,
                  session.isUsable(at: now)
            else { return nil }
            let actor = try Actor.load(session.accountID, session: session, at: now, in: tx)
            return actor.account.status == .active ? actor : nil
        }
        guard let actor, let session = actor.session else { throw DomainError(.unauthorized) }
        if purpose == .session, now.seconds - session.lastSeenAt.seconds >= Self.touchGranularitySeconds {
            let idle = environment.policies.sessions.idleSeconds
            let idleExpiresAt = UnixTime(seconds: min(now.seconds + idle, session.absoluteExpiresAt.seconds))
            try await environment.storage.write { tx in
                _ = try tx.sessions.touch(tokenHash: hash, at: now, idleExpiresAt: idleExpiresAt)
            }
        }
        return actor
    }

    /// Ends a session (logout), revoking the refresh tokens issued under it.
    /// - Throws: a store error.
    public func close(_ token: SessionToken, context: RequestContext) async throws {
        let now = environment.clock.now()
        let hash = token.hash
        try await environment.storage.write { tx in
            guard let session = try tx.endSession(tokenHash: hash, at: now) else { return }
            try tx.audit.append(AuditEvent(at: now, action: .loggedOut, actorID: session.accountID,
                                           targetID: session.accountID, clientAddress: context.clientAddress,
                                           requestID: context.requestID))
        }
    }
}
