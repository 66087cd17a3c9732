import SchoolIDBase
import SchoolIDCrypto

/// The token endpoint's logic (RFC 6749 §3.2, §4.1.3, §4.4, §6): checks the request's
/// parameters, authenticates the client, and runs one grant — `authorization_code`,
/// `refresh_token`, `client_credentials` or token exchange (RFC 8693).
///
/// Every failure is an ``OAuthError`` with a safe description. A single-use artefact
/// is consumed (code) or rotated (refresh token) in one write transaction, and a
/// second presentation revokes the refresh family the first one produced: the
/// revocation commits before the error is thrown.
public struct TokenGrantService: Sendable {
    /// The grant types this endpoint serves.
    public static let supportedGrants: [OAuthClient.Grant] = [.authorizationCode, .refreshToken, .clientCredentials,
                                                              .tokenExchange]
    /// Random bytes in a refresh token (256 bits, like codes).
    public static let refreshTokenBytes = 32

    let environment: ServiceEnvironment
    let issuer: TokenIssuer
    let authenticator: ClientAuthenticator

    /// - Parameters:
    ///   - environment: storage, clock, randomness and policies.
    ///   - issuer: the issuer URL every token names.
    ///   - keys: the keyring snapshot of this request (the active token keys).
    ///   - throttle: the process's client-authentication failure counters.
    public init(environment: ServiceEnvironment, issuer: String, keys: KeyringSnapshot,
                throttle: ClientAuthenticationThrottle)
    {
        self.environment = environment
        authenticator = ClientAuthenticator(environment: environment, throttle: throttle)
        self.issuer = TokenIssuer(issuer: issuer, policy: environment.policies.tokens, keys: keys,
                                  random: environment.random)
    }

    /// Answers one token request.
    ///
    /// - Parameters:
    ///   - parameters: the form body's pairs, in order (RFC 6749 §3.2: a repeated
    ///     parameter is refused).
    ///   - basic: the client's HTTP Basic credentials, when it sent them.
    ///   - context: client address and request id, for the audit log.
    /// - Throws: ``OAuthError``, or a storage or signing error (a server error).
    /// - Returns: the tokens.
    public func grant(_ parameters: [(String, String)], basic: ClientCredentials?, context: RequestContext)
        async throws -> TokenResponse
    {
        let request = try TokenRequestParameters(parameters)
        let credentials = try request.credentials(basic: basic)
        let client = try await authenticator.authenticate(credentials, context: context)
        guard let name = request["grant_type"] else { throw OAuthError(.invalidRequest, "grant_type is missing") }
        guard let grant = OAuthClient.Grant(rawValue: name), Self.supportedGrants.contains(grant) else {
            throw OAuthError(.unsupportedGrantType, "grant_type \(name.prefix(80)) is not supported")
        }
        guard client.allows(grant) else {
            throw OAuthError(.unauthorizedClient, "the client may not use grant_type \(grant.rawValue)")
        }
        switch grant {
        case .authorizationCode: return try await redeemCode(request, client: client, context: context)
        case .refreshToken: return try await refresh(request, client: client, context: context)
        case .clientCredentials: return try await clientCredentials(request, client: client, context: context)
        case .tokenExchange: return try await exchange(request, client: client, context: context)
        }
    }

    /// The audit event of a grant.
    func event(_ action: AuditAction, grant: OAuthClient.Grant, client: OAuthClient, account: Account.ID?,
               at now: UnixTime, context: RequestContext, detail: String = "") -> AuditEvent
    {
        AuditEvent(at: now, action: action, actorID: account, clientAddress: context.clientAddress,
                   requestID: context.requestID,
                   detail: "grant \(grant.rawValue) client \(client.id)" + (detail.isEmpty ? "" : "; " + detail))
    }

    /// A new opaque token (refresh token) and its stored SHA-256.
    func newOpaqueToken() -> (token: String, hash: [UInt8]) {
        let token = environment.random.token(bytes: Self.refreshTokenBytes)
        return (token, SHA256.hash(Array(token.utf8)))
    }

    /// RFC 6749 §3.3: `scope` is space-delimited.
    static func scopes(_ text: String) -> [String] {
        text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
}
