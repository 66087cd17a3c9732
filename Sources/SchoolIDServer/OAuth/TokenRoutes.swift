import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /oauth/token` (RFC 6749 §3.2): form-encoded requests only, client
/// authentication by `client_secret_basic`, `client_secret_post` or (public clients)
/// `client_id` alone, and the grants of ``TokenGrantService``. Answers are RFC 6749
/// §5.1 JSON, errors the §5.2 shape (``OAuthErrorBody``), both `no-store`.
struct TokenRoutes: Sendable {
    let environment: ServiceEnvironment
    let keyring: Keyring
    /// The resolved issuer (known once the socket is bound).
    let issuer: ResolvedIssuer
    /// The process's client-authentication failure counters.
    let throttle: ClientAuthenticationThrottle

    func register(in router: inout Router) {
        router.add(.POST, Routes.oauthToken) { try await token($0) }
    }

    private func token(_ request: Request) async throws -> Response {
        do {
            let form = try OAuthFormRequest(request)
            let service = TokenGrantService(environment: environment, issuer: issuer.current, keys: keyring.snapshot,
                                            throttle: throttle)
            let answer = try await service.grant(form.parameters, basic: form.basic,
                                                 context: APIContext.requestContext(request))
            return .json(answer, headers: OAuthFormRequest.noStore)
        } catch let error as OAuthError {
            return OAuthErrorBody.response(for: error, usedBasic: request.headers.values(for: "Authorization").count > 0)
        }
    }
}
