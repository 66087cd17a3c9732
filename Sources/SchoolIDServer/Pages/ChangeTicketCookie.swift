import SchoolIDCore
import SchoolIDHTTP

/// The password-change ticket of a first login with a temporary password, carried in
/// an HttpOnly cookie sent only to the change page (`Path=/password/change`,
/// SameSite=Strict), for as long as the ticket lives.
struct ChangeTicketCookie: Sendable {
    static let name = "schoolid_change_ticket"
    /// Whether the cookie gets `Secure` (as the session cookie does).
    let secure: Bool

    /// The cookie carrying `ticket`.
    func set(_ ticket: IssuedSession) -> SetCookie {
        let lifetime = ticket.session.absoluteExpiresAt.seconds - ticket.session.createdAt.seconds
        // The token is base64url, always a valid cookie value.
        return try! SetCookie(name: Self.name, value: ticket.token.value.unredacted, path: Routes.passwordChangePage,
                              maxAge: Int(lifetime), secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that deletes the ticket.
    func cleared() -> SetCookie {
        try! SetCookie(name: Self.name, value: "", path: Routes.passwordChangePage, maxAge: 0, secure: secure,
                       httpOnly: true, sameSite: .strict)
    }

    /// The ticket the browser sent, if any.
    static func ticket(in request: Request) -> SessionToken? {
        request.cookies[name].flatMap { $0.isEmpty ? nil : SessionToken(presented: $0) }
    }
}
