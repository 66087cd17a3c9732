import SchoolIDBase
import SchoolIDJOSE

/// A logout request checked by ``LogoutService/validate(_:)`` (OpenID Connect
/// RP-Initiated Logout 1.0 §2).
public struct LogoutRequest: Hashable, Sendable {
    /// The parameters RP-Initiated Logout 1.0 §2 defines; others are ignored.
    public static let parameterNames: Set<String> = [
        "id_token_hint", "logout_hint", "client_id", "post_logout_redirect_uri", "state", "ui_locales",
    ]

    /// The client the request names: the verified hint's `aud`, or `client_id`.
    public var client: OAuthClient?
    /// `post_logout_redirect_uri`, registered for ``client`` (checked).
    public var postLogoutRedirectURI: String?
    /// `state`, echoed on the redirect.
    public var state: String?
    /// The verified `id_token_hint`'s `sub` and `sid`; `nil` without a hint or when the
    /// hint did not verify (a forged or foreign hint is treated as absent).
    public var hintSubject: String?
    public var hintSessionHandle: String?

    /// Whether the verified hint names this login session: its `sub` is the session's
    /// account and its `sid` the session's handle. Only then may the session end without
    /// asking (RP-Initiated Logout 1.0 §2: otherwise the OP asks the person).
    public func hintNames(_ session: Session) -> Bool {
        guard let hintSubject, let hintSessionHandle else { return false }
        return hintSubject == session.accountID.rawValue && hintSessionHandle == session.handle
    }
}

/// Why a logout request gets an error page and never a redirect.
public enum LogoutFailure: Error, Hashable, Sendable {
    /// A parameter appears twice.
    case duplicatedParameter
    /// `client_id` (or the hint's `aud`) names no active client.
    case unknownClient
    /// `client_id` differs from the client the verified hint was issued to.
    case clientMismatch
    /// `post_logout_redirect_uri` without a client to check it against.
    case redirectWithoutClient
    /// `post_logout_redirect_uri` is not one of the client's registered URIs.
    case unregisteredRedirectURI
}

/// RP-initiated logout (`/oauth/logout`, OpenID Connect RP-Initiated Logout 1.0):
/// checks the request and ends the browser's login session with the refresh tokens
/// issued under it.
public struct LogoutService: Sendable {
    let environment: ServiceEnvironment
    let reader: IssuedTokenReader

    /// - Parameters:
    ///   - environment: storage, clock and policies.
    ///   - issuer: the resolved issuer the hint must name.
    ///   - keys: the keyring snapshot of this request (the hint is checked against the
    ///     token keys the JWKS publishes).
    public init(environment: ServiceEnvironment, issuer: String, keys: KeyringSnapshot) {
        self.environment = environment
        reader = IssuedTokenReader(issuer: issuer, keys: keys, policy: environment.policies.tokens,
                                   at: environment.clock.now())
    }

    /// Checks the parameters. The `id_token_hint` is verified with an expired one
    /// accepted (§2); its `aud` names the client, which a `client_id` must then equal.
    /// A hint that does not verify is ignored (it proves nothing). A
    /// `post_logout_redirect_uri` must exactly match one of the identified client's
    /// `postLogoutRedirectURIs` (§3.1).
    /// - Throws: ``LogoutFailure``, or a store error.
    public func validate(_ pairs: [(name: String, value: String)]) async throws -> LogoutRequest {
        let known = pairs.filter { LogoutRequest.parameterNames.contains($0.name) }
        guard Set(known.map(\.name)).count == known.count else { throw LogoutFailure.duplicatedParameter }
        let parameters = Dictionary(known.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            .filter { !$0.value.isEmpty }
        var request = LogoutRequest(state: parameters["state"])
        var clientID = parameters["client_id"]
        if let hint = parameters["id_token_hint"],
           let claims = try? reader.idToken(hint, at: environment.clock.now(), acceptExpired: true),
           let audience = claims.audience?.first
        {
            guard clientID == nil || clientID == audience else { throw LogoutFailure.clientMismatch }
            clientID = audience
            request.hintSubject = claims.subject
            if case .string(let handle)? = claims.extra["sid"] { request.hintSessionHandle = handle }
        }
        if let clientID {
            guard let id = OAuthClient.ID(rawValue: clientID),
                  let client = try await environment.storage.read({ tx in try tx.clients.client(id) }), client.isActive
            else { throw LogoutFailure.unknownClient }
            request.client = client
        }
        if let uri = parameters["post_logout_redirect_uri"] {
            guard let client = request.client else { throw LogoutFailure.redirectWithoutClient }
            guard client.postLogoutRedirectURIs.contains(uri) else { throw LogoutFailure.unregisteredRedirectURI }
            request.postLogoutRedirectURI = uri
        }
        return request
    }

    /// Ends the login session with this token hash and the refresh tokens issued under
    /// it; audited as `oauth.logout` (client, account, session handle).
    /// - Throws: a store error.
    /// - Returns: the ended session, or `nil` when it was no longer usable.
    @discardableResult
    public func end(sessionTokenHash: [UInt8], for request: LogoutRequest, context: RequestContext) async throws
        -> Session?
    {
        let now = environment.clock.now()
        let client = request.client?.id.rawValue ?? "none"
        return try await environment.storage.write { tx in
            guard let session = try tx.endSession(tokenHash: sessionTokenHash, at: now) else { return nil }
            try tx.audit.append(AuditEvent(at: now, action: .oauthLogout, actorID: session.accountID,
                                           targetID: session.accountID, clientAddress: context.clientAddress,
                                           requestID: context.requestID,
                                           detail: "session \(session.handle) ended by RP-initiated logout, client \(client)"))
            return session
        }
    }
}
