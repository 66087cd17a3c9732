import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /oauth/introspect` (RFC 7662) and `POST /oauth/revoke` (RFC 7009), both
/// form-encoded with the token endpoint's client authentication
/// (``ClientAuthenticator``). Errors are RFC 6749 §5.2 bodies (``OAuthErrorBody``);
/// every answer is `no-store`.
struct IntrospectionRoutes: Sendable {
    let environment: ServiceEnvironment
    let keyring: Keyring
    let issuer: ResolvedIssuer
    let throttle: ClientAuthenticationThrottle

    func register(in router: inout Router) {
        router.add(.POST, Routes.oauthIntrospect) { try await introspect($0) }
        router.add(.POST, Routes.oauthRevoke) { try await revoke($0) }
    }

    private var service: TokenIntrospectionService {
        TokenIntrospectionService(environment: environment, issuer: issuer.current, keys: keyring.snapshot,
                                  throttle: throttle)
    }

    private func introspect(_ request: Request) async throws -> Response {
        do {
            let form = try OAuthFormRequest(request)
            let answer = try await service.introspect(form.parameters, basic: form.basic,
                                                      context: APIContext.requestContext(request))
            return .json(answer, headers: OAuthFormRequest.noStore)
        } catch let error as OAuthError {
            return OAuthErrorBody.response(for: error, usedBasic: request.headers.values(for: "Authorization").count > 0)
        }
    }

    /// RFC 7009 §2.2: `200` with an empty body whether or not anything was revoked.
    private func revoke(_ request: Request) async throws -> Response {
        do {
            let form = try OAuthFormRequest(request)
            try await service.revoke(form.parameters, basic: form.basic, context: APIContext.requestContext(request))
            return Response(status: .ok, headers: OAuthFormRequest.noStore)
        } catch let error as OAuthError {
            return OAuthErrorBody.response(for: error, usedBasic: request.headers.values(for: "Authorization").count > 0)
        }
    }
}
