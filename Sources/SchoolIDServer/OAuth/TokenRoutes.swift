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

    func register(in router: inout Router) {
        router.add(.POST, Routes.oauthToken) { try await token($0) }
    }

    private func token(_ request: Request) async throws -> Response {
        let authorization = request.headers.values(for: "Authorization")
        do {
            guard (try? request.mediaType())??.matches("application/x-www-form-urlencoded") == true else {
                throw OAuthError(.invalidRequest, "the body must be application/x-www-form-urlencoded")
            }
            guard authorization.count <= 1 else { throw OAuthError(.invalidRequest, "Authorization is repeated") }
            let basic = try authorization.first.map { value throws(OAuthError) in try BasicClientCredentials.parse(value) }
            let parameters: [(String, String)]
            do { parameters = try FormData.parse(request.body) } catch {
                throw OAuthError(.invalidRequest, "the form body is malformed")
            }
            let service = TokenGrantService(environment: environment, issuer: issuer.current, keys: keyring.snapshot)
            let answer = try await service.grant(parameters, basic: basic, context: APIContext.requestContext(request))
            var headers = HTTPHeaders()
            headers.set("Cache-Control", "no-store")
            headers.set("Pragma", "no-cache")
            return .json(answer, headers: headers)
        } catch let error as OAuthError {
            return OAuthErrorBody.response(for: error, usedBasic: !authorization.isEmpty)
        }
    }
}
