import SchoolIDBase
import SchoolIDCrypto
import SchoolIDHTTP

/// The CSRF defence of the login form, where no session exists yet (OWASP CSRF
/// Prevention Cheat Sheet, "Login CSRF" and "Double Submit Cookie"): the form page sets
/// a random `schoolid_login_csrf` cookie (HttpOnly, SameSite=Strict, Path=/login) and
/// puts the same value in the form; the POST must carry both, equal. A cross-site page
/// can neither read the cookie nor make the browser send it (SameSite=Strict).
struct LoginCSRFCookie: Sendable {
    static let name = "schoolid_login_csrf"
    /// Whether the cookie gets `Secure` (as the session cookie does).
    let secure: Bool
    /// The pages the cookie is sent to (`/login`; `/register` for the registration forms).
    var path: String = Routes.loginPage

    /// A fresh value (256 random bits, base64url) and the cookie that carries it.
    func issue(random: any RandomSource) -> (value: String, cookie: SetCookie) {
        let value = random.token(bytes: 32)
        // base64url is always a valid cookie value and the path is a route constant.
        let cookie = try! SetCookie(name: Self.name, value: value, path: path, maxAge: 3600, secure: secure,
                                    httpOnly: true, sameSite: .strict)
        return (value, cookie)
    }

    /// Whether the request carries the cookie and an equal, non-empty `csrf_token`
    /// field (compared in constant time).
    static func isValid(_ request: Request, fields: [String: String]) -> Bool {
        guard let cookie = request.cookies[name], !cookie.isEmpty, let field = fields[Form.csrfFieldName] else {
            return false
        }
        return ConstantTime.equals(Array(cookie.utf8), Array(field.utf8))
    }
}
