import SchoolIDCore
import SchoolIDHTTP

/// The browser session cookie: `__Host-schoolid_session` (HttpOnly, Secure,
/// SameSite=Lax, Path=/, no Domain: RFC 6265bis §4.1.3.2 `__Host-` prefix), or on plain-HTTP
/// loopback, where browsers refuse `Secure` cookies, `schoolid_session` without `Secure`.
struct SessionCookie: Sendable {
    /// Whether the service is reached over HTTPS (TLS here, or an `https` issuer behind a proxy).
    let secure: Bool

    var name: String { secure ? "__Host-schoolid_session" : "schoolid_session" }

    /// The cookie that carries `token` for `seconds`.
    func set(_ token: SessionToken, maxAge seconds: Int64) -> SetCookie {
        // The token is base64url, always a valid cookie value.
        try! SetCookie(name: name, value: token.value.unredacted, path: "/", maxAge: Int(seconds), secure: secure,
                       httpOnly: true, sameSite: .lax)
    }

    /// The cookie that deletes the session cookie.
    func cleared() -> SetCookie {
        try! SetCookie(name: name, value: "", path: "/", maxAge: 0, secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The session token the browser sent, if any.
    func token(in request: Request) -> SessionToken? {
        request.cookies[name].flatMap { $0.isEmpty ? nil : SessionToken(presented: $0) }
    }
}
