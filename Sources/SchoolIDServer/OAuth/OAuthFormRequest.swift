import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The shape shared by the token, introspection and revocation endpoints: a form body
/// (`application/x-www-form-urlencoded`, RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1)
/// and at most one `Authorization` field carrying `client_secret_basic`.
struct OAuthFormRequest {
    /// The form's pairs, in order.
    let parameters: [(String, String)]
    /// The HTTP Basic client credentials, when sent.
    let basic: ClientCredentials?

    /// - Throws: ``OAuthError`` `invalid_request` for another media type, a repeated
    ///   `Authorization` or a malformed body; `invalid_client` for bad Basic credentials.
    init(_ request: Request) throws(OAuthError) {
        guard (try? request.mediaType())??.matches("application/x-www-form-urlencoded") == true else {
            throw OAuthError(.invalidRequest, "the body must be application/x-www-form-urlencoded")
        }
        let authorization = request.headers.values(for: "Authorization")
        guard authorization.count <= 1 else { throw OAuthError(.invalidRequest, "Authorization is repeated") }
        basic = try authorization.first.map { value throws(OAuthError) in try BasicClientCredentials.parse(value) }
        do { parameters = try FormData.parse(request.body) } catch {
            throw OAuthError(.invalidRequest, "the form body is malformed")
        }
    }

    /// The `no-store` headers of every answer (RFC 6749 §5.1, RFC 7662 §2.2).
    static var noStore: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        headers.set("Pragma", "no-cache")
        return headers
    }
}
