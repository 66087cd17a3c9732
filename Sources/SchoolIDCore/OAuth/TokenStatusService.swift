import SchoolIDBase
import SchoolIDCrypto

/// Whether a token SchoolID issued is still active (RFC 7662 §2.2) — the check shared
/// by introspection and the userinfo endpoint.
///
/// An access token is active when ``IssuedTokenReader`` verifies it and then: its
/// `jti` is not revoked; its family (`fam`) is not revoked (marked, or every refresh
/// token of it revoked); its client is still active;
/// and, for a person, the account is active, the login session (`sid`) is still usable,
/// and every `students` entry is still in force — the person's access decision now has
/// a grant for that student with the same grant id and at least those services. A
/// delegated token (`act`) is checked for its actor, whose grant for `sub` must still be
/// in force. Any failure is simply inactive: no reason goes outward, nothing is logged.
public struct TokenStatusService: Sendable {
    let environment: ServiceEnvironment
    let reader: IssuedTokenReader

    /// - Parameters:
    ///   - environment: storage, clock and policies.
    ///   - issuer: the resolved issuer every token names.
    ///   - keys: the keyring snapshot of this request.
    public init(environment: ServiceEnvironment, issuer: String, keys: KeyringSnapshot) {
        self.environment = environment
        reader = IssuedTokenReader(issuer: issuer, keys: keys, policy: environment.policies.tokens,
                                   at: environment.clock.now())
    }

    /// The access token, verified and still active at the clock's now, or `nil`.
    /// - Throws: a storage error only.
    public func activeAccessToken(_ compact: String) async throws -> IssuedAccessToken? {
        let now = environment.clock.now()
        guard let token = try? reader.accessToken(compact, at: now) else { return nil }
        return try await environment.storage.read { tx in try Self.isActive(token, at: now, in: tx) ? token : nil }
    }

    /// ``activeAccessToken(_:)`` for a person's own (not delegated) token, with the access
    /// decision the check read: token exchange acts on one of its grants without reading
    /// it again.
    /// - Throws: a storage error only.
    func activePersonToken(_ compact: String) async throws -> (token: IssuedAccessToken, view: AccessView)? {
        let now = environment.clock.now()
        guard let token = try? reader.accessToken(compact, at: now), token.actor == nil else { return nil }
        return try await environment.storage.read { tx in
            guard try Self.grantsAreLive(token, in: tx), let view = try Self.personView(token, at: now, in: tx) else {
                return nil
            }
            return (token, view)
        }
    }

    /// The refresh token's stored record while it is usable (not rotated, revoked or
    /// expired) and its client and account are active, else `nil`.
    /// - Throws: a storage error only.
    public func activeRefreshToken(_ token: String) async throws -> RefreshToken? {
        let now = environment.clock.now()
        let hash = SHA256.hash(Array(token.utf8))
        return try await environment.storage.read { tx in
            guard let stored = try tx.refreshTokens.token(hash: hash), stored.isUsable(at: now),
                  try Self.clientIsActive(stored.clientID, in: tx),
                  try tx.accounts.account(stored.accountID)?.status == .active
            else { return nil }
            return stored
        }
    }

    static func isActive(_ token: IssuedAccessToken, at now: UnixTime, in tx: any ReadTransaction) throws -> Bool {
        guard try grantsAreLive(token, in: tx) else { return false }
        let isClientToken = token.subject == token.clientID && token.sessionHandle == nil && token.actor == nil
            && token.students.isEmpty
        if isClientToken { return true }
        return try personView(token, at: now, in: tx) != nil
    }

    /// Its `jti` is not revoked, nor its family, and its client is active.
    private static func grantsAreLive(_ token: IssuedAccessToken, in tx: any ReadTransaction) throws -> Bool {
        guard try !tx.revokedAccessTokens.contains(jwtID: token.jwtID) else { return false }
        if let family = token.family, try familyIsRevoked(family, in: tx) { return false }
        return try clientIsActive(token.clientID, in: tx)
    }

    /// Marked by ``RefreshTokenStore/revokeFamily(_:at:)``, or every stored member
    /// revoked otherwise (password change, unlinking, account or client disable revoke
    /// refresh tokens without marking their families).
    private static func familyIsRevoked(_ family: String, in tx: any ReadTransaction) throws -> Bool {
        try tx.refreshTokens.isFamilyRevoked(family) || tx.refreshTokens.isEveryMemberRevoked(family)
    }

    private static func clientIsActive(_ clientID: String, in tx: any ReadTransaction) throws -> Bool {
        guard let id = OAuthClient.ID(rawValue: clientID) else { return false }
        return try tx.clients.client(id)?.isActive == true
    }

    /// The person's (the actor's, for a delegated token) access decision now, when they are
    /// active, signed in and still allowed every student the token names; else `nil`.
    private static func personView(_ token: IssuedAccessToken, at now: UnixTime, in tx: any ReadTransaction) throws
        -> AccessView?
    {
        guard let personID = Account.ID(rawValue: token.actor?.sub ?? token.subject),
              try tx.accounts.account(personID)?.status == .active
        else { return nil }
        var session: Session?
        if let handle = token.sessionHandle {
            session = try tx.sessions.sessions(of: personID, usableAt: now)
                .first { $0.handle == handle && $0.purpose == .session }
            guard session != nil else { return nil }
        }
        let actor = try Actor.load(personID, session: session, at: now, in: tx)
        let view = try AccessDecision.view(for: actor, at: now, in: tx)
        let inForce = token.students.allSatisfy { claim in
            view.students.contains { grant in
                grant.studentID.rawValue == claim.id && grant.grantID == claim.grant
                    && Set(claim.services).isSubset(of: grant.services.map(\.rawValue))
            }
        }
        guard inForce else { return nil }
        guard let act = token.actor else { return view }
        let actorGrantHolds = view.students.contains { grant in
            grant.studentID.rawValue == token.subject && grant.grantID == act.grant && grant.via.rawValue == act.relation
        }
        return actorGrantHolds ? view : nil
    }
}
