import SchoolIDBase
import SchoolIDCrypto
import SchoolIDHTTP

/// The CSRF defence of the recovery forms, where no session exists: the double-submit
/// cookie of ``LoginCSRFCookie``, scoped to `/recover` (OWASP CSRF Prevention Cheat
/// Sheet, "Double Submit Cookie"; HttpOnly, SameSite=Strict).
struct RecoveryCSRFCookie: Sendable {
    static let name = "schoolid_recovery_csrf"
    /// Whether the cookie gets `Secure` (as the session cookie does).
    let secure: Bool

    /// A fresh value (256 random bits, base64url) and the cookie that carries it.
    func issue(random: any RandomSource) -> (value: String, cookie: SetCookie) {
        let value = random.token(bytes: 32)
        // base64url is always a valid cookie value and the path is a constant.
        let cookie = try! SetCookie(name: Self.name, value: value, path: Routes.recoverPage, maxAge: 3600,
                                    secure: secure, httpOnly: true, sameSite: .strict)
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
