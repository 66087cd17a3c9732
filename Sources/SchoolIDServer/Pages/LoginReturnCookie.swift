import SchoolIDBase
import SchoolIDHTTP

/// Where a login started by `/oauth/authorize` continues: `GET /login?return_to=…`
/// keeps the authorization request's path in a cookie, so that every login step
/// (password, second factor, forced enrolment, password change, consent) ends, as
/// they all do, at `GET /`, which sends the person back to the authorization request
/// instead of the account page (``LoginPages/home(_:)``).
///
/// Only a local path starting with `/oauth/authorize?` is accepted (``returnPath(_:)``):
/// the cookie can lead nowhere but to the authorization endpoint of this origin, which
/// redirects only to registered redirect URIs (no open redirect; OWASP ASVS 5.0
/// §3.7.2). The value travels base64url-encoded, so any query is a valid cookie value.
struct LoginReturnCookie: Sendable {
    static let name = "schoolid_return_to"
    /// The prefix every accepted path starts with.
    static let prefix = Routes.oauthAuthorize + "?"
    /// The longest path accepted.
    static let maximumLength = 4096
    /// How long an unfinished login may still return (seconds).
    static let lifetime = 1800

    /// Whether the cookie gets `Secure` (as the session cookie does).
    let secure: Bool

    /// `raw` when it is `/oauth/authorize?` followed by printable URI bytes, else `nil`.
    static func returnPath(_ raw: String) -> String? {
        guard raw.utf8.count <= maximumLength, raw.hasPrefix(prefix),
              raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"\"<>\\^`{|}#".utf8.contains($0) })
        else { return nil }
        return raw
    }

    /// The cookie that keeps `path` (already accepted by ``returnPath(_:)``).
    func set(_ path: String) -> SetCookie {
        // base64url is always a valid cookie value; SameSite=Lax because the login may
        // begin in a navigation from the diary service's site.
        try! SetCookie(name: Self.name, value: Base64URL.encode(Array(path.utf8)), path: "/",
                       maxAge: Self.lifetime, secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that forgets the path.
    func cleared() -> SetCookie {
        try! SetCookie(name: Self.name, value: "", path: "/", maxAge: 0, secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The accepted path the browser sent, if any.
    static func path(in request: Request) -> String? {
        guard let value = request.cookies[name], let bytes = Base64URL.decode(value),
              let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        return returnPath(text)
    }
}
