import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /oauth/logout`: the end-session endpoint of OpenID Connect RP-Initiated
/// Logout 1.0 §2, checked by ``LogoutService``.
///
/// A verified `id_token_hint` (expired ones too) whose `sub` and `sid` name the browser's
/// session ends it at once. Without a hint, or with one that names another session or
/// does not verify, the person is asked ("Sign out of SchoolID?") on a page whose CSRF
/// form posts the parameters back here with `confirm`; they are validated again. After
/// the session ends (with the refresh tokens issued under it), or when there was none,
/// the browser goes to the registered `post_logout_redirect_uri` with `state` (303), or
/// to the signed-out page. A request that cannot go back to a verified client URI gets
/// an error page (400), never a redirect.
struct LogoutRoutes: Sendable {
    /// The confirmation form's marker field.
    static let confirmField = "confirm"

    let context: APIContext
    let keyring: Keyring
    /// The scheme of this service's own origin, for the Origin check.
    let scheme: String
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.GET, Routes.oauthLogout) { request in
            try await PageRoutes.guarded(request) {
                guard let pairs = try? request.queryItems().pairs else {
                    return Self.errorPage(.malformedRequest, language: request.pageLanguage)
                }
                return try await answer(request, pairs: pairs.map { (name: $0.0, value: $0.1) }, form: nil)
            }
        }
        router.add(.POST, Routes.oauthLogout) { request in
            try await PageRoutes.guarded(request) {
                guard let type = try? request.mediaType(), type.matches("application/x-www-form-urlencoded") else {
                    throw APIError(.unsupportedMediaType)
                }
                guard let body = try? FormData.parse(request.body) else {
                    return Self.errorPage(.malformedRequest, language: request.pageLanguage)
                }
                let fields = Dictionary(body.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
                return try await answer(request, pairs: body.map { (name: $0.0, value: $0.1) }, form: fields)
            }
        }
    }

    /// Both methods: `form` is the POST body's fields (first value per name), `nil` for GET.
    private func answer(_ request: Request, pairs: [(name: String, value: String)], form: [String: String]?)
        async throws -> Response
    {
        let language = Self.language(request, pairs)
        let service = LogoutService(environment: context.environment, issuer: issuer.current, keys: keyring.snapshot)
        let logout: LogoutRequest
        do {
            logout = try await service.validate(pairs)
        } catch let failure as LogoutFailure {
            return Self.errorPage(Self.text(for: failure), language: language)
        }
        guard let (actor, token) = await context.authenticator.pageSession(request), let session = actor.session else {
            return Self.finish(logout, language: language)
        }
        if let form, form[Self.confirmField] != nil {
            try RequestAuthenticator.requireFormToken(form, token)
            if request.isCrossOrigin(scheme: scheme) {
                throw APIError(.originNotAllowed, status: .forbidden)
            }
        } else if !logout.hintNames(session) {
            let kept = pairs.filter { LogoutRequest.parameterNames.contains($0.name) }
            return Self.confirmationPage(logout, pairs: kept, token: token, language: language)
        }
        try await service.end(sessionTokenHash: token.hash, for: logout, context: APIContext.requestContext(request))
        var response = Self.finish(logout, language: language, ended: true)
        response.headers.add(context.cookie.cleared())
        return response
    }

    /// After the session ended (or when there was none): 303 to the verified
    /// `post_logout_redirect_uri` with `state`, else the signed-out page (a 303 to the
    /// bare endpoint after ending, so that a reload asks nothing again).
    private static func finish(_ logout: LogoutRequest, language: MessageLanguage, ended: Bool = false) -> Response {
        if let uri = logout.postLogoutRedirectURI {
            return AuthorizationResponse.redirect(to: uri, [("state", logout.state)])
        }
        return ended ? PageResponse.redirect(to: Routes.oauthLogout) : signedOutPage(language: language)
    }

    /// `ui_locales` (OIDC Core §3.1.2.1, space-separated BCP 47 tags) when it names a
    /// catalogue language, else `Accept-Language`.
    private static func language(_ request: Request, _ pairs: [(name: String, value: String)]) -> MessageLanguage {
        let tags = pairs.first { $0.name == "ui_locales" }?.value.split(separator: " ") ?? []
        for tag in tags {
            let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
            if let language = MessageLanguage(rawValue: primary) { return language }
        }
        return request.pageLanguage
    }
}
