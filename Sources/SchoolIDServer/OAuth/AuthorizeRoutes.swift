import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /oauth/authorize` and `POST /oauth/authorize/decision`: the authorization
/// endpoint of the code flow (RFC 6749 §4.1, OIDC Core §3.1.2, RFC 7636, RFC 9207).
///
/// A duplicated parameter, an unknown or disabled client, or a missing or unregistered
/// redirect URI gets an error page (400) and never a redirect (RFC 6749 §4.1.2.1);
/// every later error is a 303 to the redirect URI with `error`, `error_description`,
/// `state` and `iss`. Without a browser session the person logs in first
/// (`/login?return_to=…`, ``LoginReturnCookie``). A first-party client gets the code at
/// once; any other shows the consent page, whose Allow/Deny form posts the request
/// again in hidden fields with the session's CSRF token, re-validated on POST.
struct AuthorizeRoutes: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin, for the Origin check.
    let scheme: String
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.GET, Routes.oauthAuthorize) { request in
            try await PageRoutes.guarded(request) { try await authorize(request) }
        }
        router.add(.POST, Routes.oauthAuthorizeDecision) { request in
            try await PageRoutes.guarded(request) { try await decide(request) }
        }
    }

    /// `GET /oauth/authorize`.
    func authorize(_ request: Request) async throws -> Response {
        guard let pairs = try? request.queryItems().pairs else { return errorPage(request, .malformedRequest) }
        let (authorization, client): (AuthorizationRequest, OAuthClient)
        do {
            (authorization, client) = try await validate(pairs)
        } catch let failure as AuthorizationFailure {
            return respond(to: failure, request)
        }
        let session = await context.authenticator.pageSession(request)
        if authorization.prompt.contains("none"), session == nil {
            return redirect(authorization, error: OAuthRedirectError(.loginRequired, description: "no session"))
        }
        guard let (actor, token) = session, !authorization.prompt.contains("login") else {
            return toLogin(pairs)
        }
        if authorization.prompt.contains("select_account") {
            return accountChoicePage(authorization, client: client, pairs: pairs, actor: actor, token: token,
                                     language: request.pageLanguage)
        }
        if client.firstParty, !authorization.prompt.contains("consent") {
            return try await issue(authorization, actor: actor, token: token, request: request)
        }
        if authorization.prompt.contains("none") {
            return redirect(authorization, error: OAuthRedirectError(.consentRequired, description: "consent is required"))
        }
        return try await consentPage(authorization, client: client, pairs: pairs, actor: actor, token: token,
                                     language: request.pageLanguage)
    }

    /// `POST /oauth/authorize/decision`: `decision=allow|deny`, the session's
    /// `csrf_token` and the request's parameters.
    func decide(_ request: Request) async throws -> Response {
        guard let type = try? request.mediaType(), type.matches("application/x-www-form-urlencoded") else {
            throw APIError(.unsupportedMediaType)
        }
        guard let body = try? FormData.parse(request.body) else { return errorPage(request, .malformedRequest) }
        let fields = body.map { (name: $0.0, value: $0.1) }
        let pairs = fields.filter { AuthorizationRequest.parameterNames.contains($0.name) }
        guard let (actor, token) = await context.authenticator.pageSession(request) else { return toLogin(pairs) }
        let first = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        try RequestAuthenticator.requireFormToken(first, token)
        if request.isCrossOrigin(scheme: scheme) {
            throw APIError(.originNotAllowed, status: .forbidden)
        }
        let authorization: AuthorizationRequest
        do {
            (authorization, _) = try await validate(pairs)
        } catch let failure as AuthorizationFailure {
            return respond(to: failure, request)
        }
        switch first["decision"] {
        case "allow": return try await issue(authorization, actor: actor, token: token, request: request)
        case "continue": return PageResponse.redirect(to: Self.authorizePath(Self.withoutAccountChoice(pairs)))
        case "switch":
            try await context.sessions.close(token, context: APIContext.requestContext(request))
            var response = toLogin(Self.withoutAccountChoice(pairs))
            response.headers.add(context.cookie.cleared())
            return response
        case "deny":
            return redirect(authorization, error: OAuthRedirectError(.accessDenied, description: "the person denied access"))
        default: return errorPage(request, .malformedRequest)
        }
    }

    /// Both validation phases, reading the client in between.
    private func validate(_ pairs: [(name: String, value: String)]) async throws
        -> (AuthorizationRequest, OAuthClient)
    {
        let parameters = try AuthorizationRequest.parameters(pairs)
        var client: OAuthClient?
        if let id = parameters["client_id"].flatMap(OAuthClient.ID.init(rawValue:)) {
            client = try await context.environment.storage.read { tx in try tx.clients.client(id) }
        }
        let authorization = try AuthorizationRequest.validated(parameters, client: client)
        // validated(_:client:) accepts only an active client named by client_id.
        return (authorization, client!)
    }

    /// Stores a code and sends it to the client.
    private func issue(_ authorization: AuthorizationRequest, actor: Actor, token: SessionToken, request: Request)
        async throws -> Response
    {
        let code = try await AuthorizationCodeService(environment: context.environment)
            .issue(for: authorization, actor: actor, sessionTokenHash: token.hash,
                   context: APIContext.requestContext(request))
        return AuthorizationResponse.redirect(to: authorization.redirectURI, [
            ("code", code.unredacted), ("state", authorization.state), ("iss", issuer.current),
        ])
    }

    private func respond(to failure: AuthorizationFailure, _ request: Request) -> Response {
        switch failure {
        case .page(let reason): errorPage(request, AuthorizeErrorPage.text(for: reason))
        case .redirect(let error, let uri, let state): redirect(to: uri, state: state, error: error)
        }
    }

    private func redirect(_ authorization: AuthorizationRequest, error: OAuthRedirectError) -> Response {
        redirect(to: authorization.redirectURI, state: authorization.state, error: error)
    }

    /// RFC 6749 §4.1.2.1 with RFC 9207 §2's `iss`.
    private func redirect(to uri: String, state: String?, error: OAuthRedirectError) -> Response {
        AuthorizationResponse.redirect(to: uri, [
            ("error", error.code.rawValue), ("error_description", error.description), ("state", state),
            ("iss", issuer.current),
        ])
    }

    private func errorPage(_ request: Request, _ reason: AuthorizePageText) -> Response {
        AuthorizeErrorPage.render(reason, language: request.pageLanguage)
    }

    /// 303 to the login page, which comes back to this request afterwards; a `prompt`
    /// with `login` is dropped so that it does not ask again after the login it asked for.
    private func toLogin(_ pairs: [(name: String, value: String)]) -> Response {
        let path = Self.authorizePath(pairs.filter { $0.name != "prompt" || !$0.value.split(separator: " ").contains("login") })
        return PageResponse.redirect(to: Routes.loginPage + "?return_to=" + AuthorizationResponse.encode(path))
    }
}
