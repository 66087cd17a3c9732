import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Turns a request's credentials into an ``Actor``, in one place for every route.
///
/// `/v1/*` accepts `Authorization: Bearer <session token>` (CLI, tests, scripts), or the
/// session cookie only together with `X-CSRF-Token` equal to the session's synchronizer
/// token and, on requests with a body, `Content-Type: application/json` (a cross-site
/// form cannot send either). HTML pages use the cookie and check the form's
/// `csrf_token` field themselves (``requireFormToken(_:_:)``).
struct RequestAuthenticator: Sendable {
    let sessions: SessionService
    let cookie: SessionCookie

    /// The actor of an API request.
    /// - Throws: ``APIError`` 401 `unauthorized` without valid credentials, 403
    ///   `csrf_token_invalid` for a cookie without the token, 415 for a cookie-authenticated
    ///   body that is not JSON.
    func apiActor(_ request: Request) async throws -> Actor {
        if let bearer = Self.bearerToken(request) {
            return try await sessions.authenticate(SessionToken(presented: bearer))
        }
        guard let token = cookie.token(in: request) else { throw APIError(.unauthorized, headers: Self.challenge) }
        guard let presented = request.headers["X-CSRF-Token"], token.isValidCSRFToken(presented) else {
            throw APIError(.csrfTokenInvalid, status: .forbidden)
        }
        if request.method != .GET, request.method != .HEAD, !JSONBody.isJSON(request) {
            throw APIError(.unsupportedMediaType)
        }
        return try await sessions.authenticate(token)
    }

    /// The actor of a TOTP enrolment request: a logged-in session as in ``apiActor(_:)``,
    /// or, only as `Authorization: Bearer`, a factor-enrolment ticket (issued at the
    /// login of staff who must enrol; the routes that call this are the only ones
    /// that accept it).
    /// - Throws: as ``apiActor(_:)``.
    func enrolmentActor(_ request: Request) async throws -> Actor {
        if let bearer = Self.bearerToken(request) {
            let token = SessionToken(presented: bearer)
            if let actor = try? await sessions.authenticate(token, purpose: .factorEnrolment) { return actor }
            return try await sessions.authenticate(token)
        }
        return try await apiActor(request)
    }

    /// The session of a page request, or `nil` when not logged in.
    func pageSession(_ request: Request) async -> (Actor, SessionToken)? {
        guard let token = cookie.token(in: request), let actor = try? await sessions.authenticate(token) else { return nil }
        return (actor, token)
    }

    /// Checks a form's `csrf_token` against the session's token.
    /// - Throws: ``APIError`` `csrf_token_invalid`.
    static func requireFormToken(_ fields: [String: String], _ token: SessionToken) throws {
        guard let presented = fields[Form.csrfFieldName], token.isValidCSRFToken(presented) else {
            throw APIError(.csrfTokenInvalid, status: .forbidden)
        }
    }

    /// `Authorization: Bearer <token>` (RFC 6750 §2.1), if present.
    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    static let challenge: HTTPHeaders = {
        var headers = HTTPHeaders()
        headers.set("WWW-Authenticate", "Bearer realm=\"schoolid\"")
        return headers
    }()
}
