import SchoolIDBase
import SchoolIDJOSE

extension TokenGrantService {
    /// RFC 8693 §3 token type identifier of an access token, the only type exchanged.
    public static let accessTokenTypeIdentifier = "urn:ietf:params:oauth:token-type:access_token"

    /// Token exchange (RFC 8693 §2): a confidential client trades a person's access
    /// token for a delegated one about a single student the person may act for.
    ///
    /// Request: `subject_token` (an access token issued to this very client, §2.1),
    /// `subject_token_type` `…:access_token`, `student` (SchoolID's extension parameter,
    /// RFC 6749 §8.2), optional `scope` (a subset of the services granted for that
    /// student that the subject token's `scope` also holds; all of those by default)
    /// and optional `requested_token_type` (only `…:access_token`). The subject token
    /// must be a person's (not `client_credentials`) and not delegated itself (no
    /// chains); the person's account must be active, their
    /// session (`sid`) usable, and the student in their access decision now as
    /// guardian or trusted person. No refresh token (§2.2.1: optional, and a delegation
    /// must not outlive the subject token).
    func exchange(_ request: TokenRequestParameters, client: OAuthClient, context: RequestContext) async throws
        -> TokenResponse
    {
        guard client.type == .confidential else {
            throw OAuthError(.unauthorizedClient, "a public client may not use token exchange")
        }
        let subjectToken = try request.required("subject_token")
        guard try request.required("subject_token_type") == Self.accessTokenTypeIdentifier else {
            throw OAuthError(.invalidRequest, "subject_token_type must be \(Self.accessTokenTypeIdentifier)")
        }
        if let requested = request["requested_token_type"], requested != Self.accessTokenTypeIdentifier {
            throw OAuthError(.invalidRequest, "requested_token_type must be \(Self.accessTokenTypeIdentifier)")
        }
        guard let studentID = Account.ID(rawValue: try request.required("student")) else {
            throw OAuthError(.invalidRequest, "student is not an account id")
        }
        let requestedScopes = request["scope"].map(Self.scopes)
        let now = environment.clock.now()
        let (subject, view) = try await readSubjectToken(subjectToken, client: client)
        guard let actorID = Account.ID(rawValue: subject.subject) else {
            throw OAuthError(.invalidGrant, "subject_token does not name a person")
        }
        guard let grant = view.students.first(where: { $0.studentID == studentID }), grant.via != .self else {
            throw OAuthError(.invalidGrant, "not allowed to act for this student")
        }
        // The person consented to the subject token's scopes for this client: a
        // delegated token may not carry a service they did not hand to it.
        let granted = grant.services.map(\.rawValue).filter(subject.scopes.contains).sorted()
        let scopes = requestedScopes ?? granted
        guard Set(scopes).isSubset(of: granted) else {
            throw OAuthError(.invalidScope, "scope exceeds the services granted for this student")
        }
        guard !scopes.isEmpty else {
            throw OAuthError(.invalidScope, "no service granted for this student is in the subject token's scope")
        }
        let token = try issuer.delegatedAccessToken(for: grant, subjectToken: subject, clientID: client.id.rawValue,
                                                    audience: client.audience, scopes: scopes,
                                                    algorithm: client.accessTokenAlgorithm, at: now)
        var event = event(.oauthTokenExchanged, grant: .tokenExchange, client: client, account: actorID, at: now,
                          context: context, detail: "relation \(grant.via.rawValue)")
        event.targetID = studentID
        _ = try await environment.storage.write { [event] tx in try tx.audit.append(event) }
        var seen = Set<String>()
        return TokenResponse(accessToken: token.compact, expiresIn: token.expiresAt.seconds - now.seconds,
                             scope: scopes.filter { seen.insert($0).inserted }.joined(separator: " "),
                             issuedTokenType: Self.accessTokenTypeIdentifier)
    }

    /// The subject token, still active (``TokenStatusService``: verified over the
    /// published keys, neither it nor its family revoked, its session, account and every
    /// listed student still in force), a person's own (a client's token names no person;
    /// a delegated one is refused) and issued to `client`, with the person's access
    /// decision the check read.
    private func readSubjectToken(_ compact: String, client: OAuthClient) async throws
        -> (token: IssuedAccessToken, view: AccessView)
    {
        let status = TokenStatusService(environment: environment, issuer: issuer.issuer, keys: issuer.keys)
        guard let (token, view) = try await status.activePersonToken(compact) else {
            throw OAuthError(.invalidGrant, "subject_token is invalid, expired, revoked or itself delegated")
        }
        guard token.clientID == client.id.rawValue else {
            throw OAuthError(.invalidGrant, "subject_token was issued to another client")
        }
        return (token, view)
    }
}
