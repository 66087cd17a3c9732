import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /oauth/userinfo` (OpenID Connect Core §5.3) with a Bearer token (RFC 6750):
/// in `Authorization`, or for POST in the form field `access_token` (§2.2) — never both
/// (§2: "MUST NOT use more than one method"). Refusals follow RFC 6750 §3: `401` and
/// `WWW-Authenticate: Bearer … error="invalid_token"`, `403` `insufficient_scope`
/// without `openid`, `400` `invalid_request`; bodies are `{"error", "error_description"}`.
struct UserinfoRoutes: Sendable {
    let environment: ServiceEnvironment
    let keyring: Keyring
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.GET, Routes.oauthUserinfo) { try await userinfo($0) }
        router.add(.POST, Routes.oauthUserinfo) { try await userinfo($0) }
    }

    private func userinfo(_ request: Request) async throws -> Response {
        do {
            let token = try Self.bearerToken(request)
            let service = UserinfoService(environment: environment, issuer: issuer.current, keys: keyring.snapshot)
            return .json(try await service.userinfo(accessToken: token), headers: OAuthFormRequest.noStore)
        } catch let failure as UserinfoService.Failure {
            return Self.refusal(failure)
        }
    }

    /// The one access token the request carries.
    /// - Throws: ``UserinfoService/Failure/invalidToken`` without one (or with another
    ///   scheme), ``UserinfoService/Failure/invalidRequest`` with two.
    static func bearerToken(_ request: Request) throws(UserinfoService.Failure) -> String {
        let authorization = request.headers.values(for: "Authorization")
        var form: [(String, String)] = []
        if request.method == .POST, (try? request.mediaType())??.matches("application/x-www-form-urlencoded") == true {
            guard let parsed = try? FormData.parse(request.body) else { throw .invalidRequest }
            form = parsed.filter { $0.0 == "access_token" }
        }
        guard authorization.count + form.count <= 1 else { throw .invalidRequest }
        if let field = form.first { return field.1 }
        guard let value = authorization.first else { throw .invalidToken }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .invalidToken }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    static func refusal(_ failure: UserinfoService.Failure) -> Response {
        var headers = OAuthFormRequest.noStore
        let (status, description): (HTTPStatus, String) = switch failure {
        case .invalidToken: (.unauthorized, "the access token is missing, invalid or no longer active")
        case .insufficientScope: (.forbidden, "the access token was not issued with openid")
        case .invalidRequest: (.badRequest, "send the access token once")
        }
        let scope = failure == .insufficientScope ? ", scope=\"openid\"" : ""
        headers.set("WWW-Authenticate",
                    "Bearer realm=\"\(OAuthErrorBody.realm)\", error=\"\(failure.rawValue)\"" + scope)
        let body = OAuthErrorBody(OAuthError(OAuthError.Code(rawValue: failure.rawValue), description))
        return .json(body, status: status, headers: headers)
    }
}
