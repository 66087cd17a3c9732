import SchoolIDCore
import SchoolIDHTTP

/// The ticket of the second login step (or of the enrolment forced at login), carried
/// in an HttpOnly cookie sent only to its own page (`Path=/login/second-factor` or
/// `Path=/login/enrol`, SameSite=Strict), for as long as the ticket lives; modelled on
/// ``ChangeTicketCookie``. The two tickets have their own cookie names, so neither
/// page ever sees the other's ticket.
struct SecondFactorTicketCookie: Sendable {
    /// Which ticket the cookie carries.
    enum Kind: Sendable {
        /// A ``Session/Purpose/secondFactor`` ticket, for `/login/second-factor`.
        case secondStep
        /// A ``Session/Purpose/factorEnrolment`` ticket, for `/login/enrol`.
        case enrolment

        /// The cookie name.
        var name: String {
            switch self {
            case .secondStep: "schoolid_second_factor_ticket"
            case .enrolment: "schoolid_enrolment_ticket"
            }
        }

        /// The only page the cookie is sent to.
        var path: String {
            switch self {
            case .secondStep: Routes.loginSecondFactorPage
            case .enrolment: Routes.loginEnrolPage
            }
        }
    }

    let kind: Kind
    /// Whether the cookie gets `Secure` (as the session cookie does).
    let secure: Bool

    /// The cookie carrying `ticket`.
    func set(_ ticket: IssuedSession) -> SetCookie {
        let lifetime = ticket.session.absoluteExpiresAt.seconds - ticket.session.createdAt.seconds
        // The token is base64url, always a valid cookie value; the path is a route constant.
        return try! SetCookie(name: kind.name, value: ticket.token.value.unredacted, path: kind.path,
                              maxAge: Int(lifetime), secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that deletes the ticket.
    func cleared() -> SetCookie {
        try! SetCookie(name: kind.name, value: "", path: kind.path, maxAge: 0, secure: secure, httpOnly: true,
                       sameSite: .strict)
    }

    /// The ticket the browser sent, if any.
    func ticket(in request: Request) -> SessionToken? {
        request.cookies[kind.name].flatMap { $0.isEmpty ? nil : SessionToken(presented: $0) }
    }
}
