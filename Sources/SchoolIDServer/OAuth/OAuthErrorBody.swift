import Foundation
import SchoolIDCore
import SchoolIDHTTP

/// The RFC 6749 §5.2 error body of the OAuth endpoints — `{"error", "error_description"}`
/// — deliberately not SchoolID's error shape: OAuth client libraries parse this one.
struct OAuthErrorBody: Encodable {
    /// The §5.2 realm named in `WWW-Authenticate` after a failed Basic authentication.
    static let realm = "schoolid"

    let error: String
    let errorDescription: String

    enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description" }

    init(_ error: OAuthError) {
        self.error = error.code.rawValue
        errorDescription = error.reason
    }

    /// The response for `error`: `429` with `Retry-After` for a throttled one, `400`,
    /// or `401` for `invalid_client` — with
    /// `WWW-Authenticate: Basic realm="schoolid"` when the client used the
    /// `Authorization` header ("MUST respond with an HTTP 401 … and include the
    /// WWW-Authenticate response header field", §5.2). Never cached (§5.1).
    /// - Parameters:
    ///   - error: the protocol error.
    ///   - usedBasic: whether the request carried an `Authorization` header.
    static func response(for error: OAuthError, usedBasic: Bool) -> Response {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        headers.set("Pragma", "no-cache")
        if let wait = error.retryAfter {
            headers.set("Retry-After", String(max(1, wait)))
            return .json(OAuthErrorBody(error), status: .tooManyRequests, headers: headers)
        }
        let unauthorized = error.code == .invalidClient
        if unauthorized && usedBasic { headers.set("WWW-Authenticate", "Basic realm=\"\(realm)\"") }
        return .json(OAuthErrorBody(error), status: unauthorized ? .unauthorized : .badRequest, headers: headers)
    }
}
