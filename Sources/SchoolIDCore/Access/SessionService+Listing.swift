import SchoolIDBase

extension SessionService {
    /// The actor's usable logged-in sessions, newest first (security settings: "where am
    /// I signed in"). Tickets are not listed.
    /// - Throws: `DomainError(.unauthorized)` without a session; a store error.
    public func list(for actor: Actor) async throws -> [Session] {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        let accountID = actor.account.id
        return try await environment.storage.read { tx in try tx.sessions.sessions(of: accountID, usableAt: now) }
    }

    /// Revokes one of the actor's own sessions by its ``Session/handle`` (the current one
    /// included, which then works like logout). The refresh tokens diary services hold
    /// under that session are revoked with it. Audited as `session.revoked`.
    /// - Throws: `DomainError(.sessionNotFound)` for a handle that names no usable
    ///   session of this account (someone else's is told apart from nothing);
    ///   `DomainError(.unauthorized)` without a session; a store error.
    public func revoke(handle: String, actor: Actor, context: RequestContext) async throws {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        let accountID = actor.account.id
        let revoked = try await environment.storage.write { tx -> Bool in
            guard let session = try tx.sessions.sessions(of: accountID, usableAt: now).first(where: { $0.handle == handle }),
                  try tx.endSession(tokenHash: session.tokenHash, at: now) != nil
            else { return false }
            try tx.audit.append(AuditEvent(at: now, action: .sessionRevoked, actorID: accountID, targetID: accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "session \(handle) revoked by its owner"))
            return true
        }
        guard revoked else { throw DomainError(.sessionNotFound) }
    }

    /// Revokes every other session and ticket of the actor, keeping the presented one,
    /// and the refresh tokens issued under each revoked session.
    /// - Throws: `DomainError(.unauthorized)` without a session; a store error.
    /// - Returns: how many were revoked.
    public func revokeOthers(actor: Actor, context: RequestContext) async throws -> Int {
        guard let current = actor.session else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        let accountID = actor.account.id
        return try await environment.storage.write { tx in
            let count = try tx.endSessions(of: accountID, except: current.tokenHash, at: now)
            try tx.audit.append(AuditEvent(at: now, action: .sessionRevoked, actorID: accountID, targetID: accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "\(count) other sessions and tickets revoked by their owner"))
            return count
        }
    }
}
