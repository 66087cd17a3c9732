import SchoolIDCore
import SchoolIDHTTP

/// A login ticket between two pages — the password change after a temporary password,
/// the second login step, or the enrolment forced at login — carried in an HttpOnly
/// cookie sent only to its own page (SameSite=Strict), for as long as the ticket lives.
/// Each ticket has its own cookie name, so no page ever sees another's ticket.
struct TicketCookie: Sendable {
    /// Which ticket the cookie carries.
    enum Kind: Sendable {
        /// A ``Session/Purpose/passwordChange`` ticket, for `/password/change`.
        case passwordChange
        /// A ``Session/Purpose/secondFactor`` ticket, for `/login/second-factor`.
        case secondStep
        /// A ``Session/Purpose/factorEnrolment`` ticket, for `/login/enrol`.
        case enrolment
        /// A ``Session/Purpose/consent`` ticket, for `/consent`.
        case consent

        /// The cookie name.
        var name: String {
            switch self {
            case .passwordChange: "schoolid_change_ticket"
            case .secondStep: "schoolid_second_factor_ticket"
            case .enrolment: "schoolid_enrolment_ticket"
            case .consent: "schoolid_consent_ticket"
            }
        }

        /// The only page the cookie is sent to.
        var path: String {
            switch self {
            case .passwordChange: Routes.passwordChangePage
            case .secondStep: Routes.loginSecondFactorPage
            case .enrolment: Routes.loginEnrolPage
            case .consent: Routes.consentPage
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
