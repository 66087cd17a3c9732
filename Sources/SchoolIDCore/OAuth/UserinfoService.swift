import SchoolIDBase

/// The UserInfo endpoint (OpenID Connect Core §5.3): who the bearer of an active access
/// token with `openid` is, and what they may see now.
public struct UserinfoService: Sendable {
    /// Why a userinfo request is refused (RFC 6750 §3.1 codes).
    public enum Failure: String, Error, Hashable, Sendable {
        /// The token is missing, malformed, not SchoolID's, expired or no longer active.
        case invalidToken = "invalid_token"
        /// The token is active but was not issued with `openid`.
        case insufficientScope = "insufficient_scope"
        /// More than one way of sending the token, or a malformed request.
        case invalidRequest = "invalid_request"
    }

    /// The answer (OIDC Core §5.3.2): `sub` and SchoolID's `students` and `staff`
    /// claims as the access decision gives them now.
    public struct Answer: Encodable, Hashable, Sendable {
        public let sub: String
        public let students: [StudentClaim]?
        public let staff: [StaffClaim]?
    }

    let environment: ServiceEnvironment
    let status: TokenStatusService
    let issuer: TokenIssuer

    /// - Parameters:
    ///   - environment: storage, clock and policies.
    ///   - issuer: the resolved issuer.
    ///   - keys: the keyring snapshot of this request.
    public init(environment: ServiceEnvironment, issuer: String, keys: KeyringSnapshot) {
        self.environment = environment
        status = TokenStatusService(environment: environment, issuer: issuer, keys: keys)
        self.issuer = TokenIssuer(issuer: issuer, policy: environment.policies.tokens, keys: keys,
                                  random: environment.random)
    }

    /// The claims for the bearer of `accessToken`.
    /// - Throws: ``Failure``, or a storage error.
    public func userinfo(accessToken: String) async throws -> Answer {
        guard let token = try await status.activeAccessToken(accessToken) else { throw Failure.invalidToken }
        guard token.scopes.contains(OAuthClient.Scope.openid.rawValue) else { throw Failure.insufficientScope }
        guard token.actor == nil, let accountID = Account.ID(rawValue: token.subject) else { throw Failure.invalidToken }
        let now = environment.clock.now(), issuer = issuer
        return try await environment.storage.read { tx in
            let actor = try Actor.load(accountID, session: nil, at: now, in: tx)
            let (students, staff) = try issuer.personClaims(of: actor, at: now, in: tx)
            return Answer(sub: token.subject, students: students.isEmpty ? nil : students,
                          staff: staff.isEmpty ? nil : staff)
        }
    }
}
