import SchoolIDBase
import SchoolIDCrypto

/// `POST /oauth/introspect` (RFC 7662) and `POST /oauth/revoke` (RFC 7009): the
/// authenticated client asks about, or gives up, a token it holds.
///
/// Introspection is for confidential clients only. A client sees tokens issued to it,
/// and access tokens whose `aud` is its audience (a resource server checking a token
/// it was sent); anything else reads `{"active": false}` like a dead token, so the
/// endpoint tells nobody about another client's tokens.
public struct TokenIntrospectionService: Sendable {
    let environment: ServiceEnvironment
    let status: TokenStatusService
    let authenticator: ClientAuthenticator
    let reader: IssuedTokenReader

    /// - Parameters:
    ///   - environment: storage, clock and policies.
    ///   - issuer: the resolved issuer.
    ///   - keys: the keyring snapshot of this request.
    ///   - throttle: the process's client-authentication failure counters.
    public init(environment: ServiceEnvironment, issuer: String, keys: KeyringSnapshot,
                throttle: ClientAuthenticationThrottle)
    {
        self.environment = environment
        status = TokenStatusService(environment: environment, issuer: issuer, keys: keys)
        authenticator = ClientAuthenticator(environment: environment, throttle: throttle)
        reader = IssuedTokenReader(issuer: issuer, keys: keys, policy: environment.policies.tokens,
                                   at: environment.clock.now())
    }

    /// Answers one introspection request (RFC 7662 §2.1: `token`, optional
    /// `token_type_hint`, which only orders the lookups).
    /// - Throws: ``OAuthError`` (`invalid_request`, `invalid_client`), or a storage error.
    public func introspect(_ parameters: [(String, String)], basic: ClientCredentials?, context: RequestContext)
        async throws -> IntrospectionResponse
    {
        let request = try TokenRequestParameters(parameters)
        let client = try await authenticator.authenticate(try request.credentials(basic: basic), publicAllowed: false,
                                                          context: context)
        let token = try request.required("token")
        for kind in Self.lookupOrder(token, hint: request["token_type_hint"]) {
            switch kind {
            case .accessToken:
                if let access = try await status.activeAccessToken(token) {
                    let mine = access.clientID == client.id.rawValue || access.claims.audience?.contains(client.audience) == true
                    return mine ? IntrospectionResponse(access) : .inactive
                }
            case .refreshToken:
                if let refresh = try await status.activeRefreshToken(token) {
                    return refresh.clientID == client.id.rawValue ? IntrospectionResponse(refresh) : .inactive
                }
            }
        }
        return .inactive
    }

    /// Revokes one token of the client (RFC 7009 §2.1): a refresh token revokes its
    /// whole family (the grant, §2.1 "SHOULD also invalidate all access tokens based on
    /// the same authorization grant" — they read inactive through `fam`); an access
    /// token is denylisted until its `exp`. Anything else — unknown, expired, another
    /// client's, malformed — changes nothing and succeeds alike (§2.2).
    /// - Throws: ``OAuthError`` (`invalid_request`, `invalid_client`), or a storage error.
    public func revoke(_ parameters: [(String, String)], basic: ClientCredentials?, context: RequestContext)
        async throws
    {
        let request = try TokenRequestParameters(parameters)
        let client = try await authenticator.authenticate(try request.credentials(basic: basic), context: context)
        let token = try request.required("token")
        let now = environment.clock.now()
        let clientID = client.id.rawValue
        for kind in Self.lookupOrder(token, hint: request["token_type_hint"]) {
            switch kind {
            case .accessToken:
                guard let access = try? reader.accessToken(token, at: now), access.clientID == clientID else { continue }
                try await environment.storage.write { tx in
                    try tx.revokedAccessTokens.insert(RevokedAccessToken(jwtID: access.jwtID, clientID: clientID,
                                                                         expiresAt: access.expiresAt, revokedAt: now))
                    try tx.audit.append(Self.event(kind, client: clientID, account: Account.ID(rawValue: access.subject),
                                                   at: now, context: context))
                }
                return
            case .refreshToken:
                let hash = SHA256.hash(Array(token.utf8))
                let revoked: Bool = try await environment.storage.write { tx in
                    guard let stored = try tx.refreshTokens.token(hash: hash), stored.clientID == clientID else {
                        return false
                    }
                    try tx.refreshTokens.revokeFamily(stored.familyID, at: now)
                    try tx.audit.append(Self.event(kind, client: clientID, account: stored.accountID, at: now,
                                                   context: context))
                    return true
                }
                if revoked { return }
            }
        }
    }

    enum Kind: String { case accessToken = "access_token", refreshToken = "refresh_token" }

    /// RFC 7662 §2.1 / RFC 7009 §2.1: the hint first, then the other kind. Without a
    /// hint a JWT (it has dots) is tried as an access token first.
    static func lookupOrder(_ token: String, hint: String?) -> [Kind] {
        let first = hint.flatMap(Kind.init(rawValue:)) ?? (token.contains(".") ? .accessToken : .refreshToken)
        return first == .accessToken ? [.accessToken, .refreshToken] : [.refreshToken, .accessToken]
    }

    private static func event(_ kind: Kind, client: String, account: Account.ID?, at now: UnixTime,
                              context: RequestContext) -> AuditEvent
    {
        AuditEvent(at: now, action: .oauthTokenRevoked, actorID: account, clientAddress: context.clientAddress,
                   requestID: context.requestID, detail: "kind \(kind.rawValue) client \(client)")
    }
}
