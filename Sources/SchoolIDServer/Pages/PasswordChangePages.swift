import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /password/change`: the first-login change with the ticket cookie, or a
/// logged-in change with the current password.
///
/// With the ticket, the form's `csrf_token` is the ticket's derived synchronizer token
/// (``SessionToken/csrfToken``), just as a session's is. Success clears the ticket
/// cookie and answers `303` to where the login continues (``LoginPages/next(_:context:)``):
/// `/` with the new session cookie, or the second-step or enrolment page with its ticket.
struct PasswordChangePages: Sendable {
    let context: APIContext

    private var ticketCookie: TicketCookie { TicketCookie(kind: .passwordChange, secure: context.cookie.secure) }

    /// Who is changing: a first login holding a ticket, or a session.
    private enum Changer {
        case ticket(SessionToken)
        case session(Actor, SessionToken)

        var token: SessionToken {
            switch self {
            case .ticket(let token), .session(_, let token): token
            }
        }
    }

    private func changer(_ request: Request) async -> Changer? {
        if let ticket = ticketCookie.ticket(in: request) { return .ticket(ticket) }
        return await context.authenticator.pageSession(request).map { .session($0.0, $0.1) }
    }

    /// `GET /password/change`.
    func form(_ request: Request) async throws -> Response {
        guard let changer = await changer(request) else { return PageResponse.redirect(to: Routes.loginPage) }
        return await render(changer, language: request.pageLanguage)
    }

    /// `POST /password/change`.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        guard let changer = await changer(request) else { return PageResponse.redirect(to: Routes.loginPage) }
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, changer.token)
        let newPassword = fields["new_password"] ?? ""
        guard newPassword == fields["repeat_password"] ?? "" else {
            return await render(changer, language: language, message: PageText.passwordMismatch.text(in: language),
                                field: "repeat_password", status: .badRequest)
        }
        let requestContext = APIContext.requestContext(request)
        do {
            switch changer {
            case .ticket(let ticket):
                var response = LoginPages.next(try await context.passwordChange.change(ticket: ticket, newPassword: newPassword,
                                                                                       context: requestContext),
                                               context: context)
                response.headers.add(ticketCookie.cleared())
                return response
            case .session(let actor, _):
                let issued = try await context.passwordChange.change(actor: actor,
                                                                     currentPassword: fields["current_password"] ?? "",
                                                                     newPassword: newPassword, context: requestContext)
                return PageResponse.redirect(to: Routes.home, headers: context.sessionHeaders(issued))
            }
        } catch let error as DomainError where error.code == .passwordChangeTicketInvalid {
            var response = PageResponse.error(error.code, language: language)
            response.headers.add(ticketCookie.cleared())
            return response
        } catch let error as DomainError where error.code != .unauthorized {
            let field = error.code == .invalidCredentials ? "current_password" : "new_password"
            return await render(changer, language: language, message: error.message(in: language), field: field,
                                status: error.code.httpStatus)
        } catch let error as ThrottleError {
            var response = await render(changer, language: language, message: error.code.message(in: language),
                                        status: .tooManyRequests)
            response.headers.set("Retry-After", String(error.retryAfterSeconds))
            return response
        }
    }

    /// The form. An error about one field (`field`) is shown under it and tied to it;
    /// any other is an alert above the form. The policy for this account is stated in
    /// plain words above the new-password field.
    private func render(_ changer: Changer, language: MessageLanguage, message: String? = nil, field: String? = nil,
                        status: HTTPStatus = .ok) async -> Response
    {
        let text = { (key: PageText) in key.text(in: language) }
        let errorFor = { (name: String) in name == field ? message : nil }
        var fields: HTML = .empty
        var intro: HTML = .empty
        switch changer {
        case .ticket:
            intro = "<p class=\"notice\">\(text(.changeTemporaryIntro))</p>\n"
        case .session:
            fields = Form.field(name: "current_password", label: text(.currentPasswordField), type: "password",
                                autocomplete: "current-password", error: errorFor("current_password"))
        }
        fields = """
            \(fields)\
            \(Form.field(name: "new_password", label: text(.newPasswordField), type: "password", autocomplete: "new-password",
                        error: errorFor("new_password"), describedBy: [PasswordPolicyText.elementID],
                        attributes: " data-caps-hint=\"hint-new-password-caps\""))\
            <p class="hint" id="hint-new-password-caps" hidden>\(text(.hintCapsLock))</p>
            \(Form.field(name: "repeat_password", label: text(.repeatPasswordField), type: "password", autocomplete: "new-password",
                        error: errorFor("repeat_password")))
            """
        let form = Form.render(action: Routes.passwordChangePage, csrfToken: changer.token.csrfToken, fields: fields,
                               submitLabel: text(.changeSubmit))
        let alert: HTML = field == nil ? message.map { PageResponse.errorBox($0) } ?? .empty : .empty
        let policy = PasswordPolicyText(policy: context.environment.policies.passwords,
                                        minimumLength: await minimumLength(changer))
        let body: HTML = """
            <h1>\(text(.changeTitle))</h1>
            \(intro)\(alert)\(policy.html(language))\(form)
            """
        return Page.render(title: text(.changeTitle), language: language, body: body, status: status)
    }

    /// The minimum length for the changer's account (NIST 63B-4 §3.1.1.2, by role and
    /// second factor), `nil` when the ticket no longer leads to an account.
    private func minimumLength(_ changer: Changer) async -> Int? {
        let policy = context.environment.policies.passwords
        let actor: Actor?
        switch changer {
        case .session(let sessionActor, _):
            actor = sessionActor
        case .ticket(let ticket):
            let hash = ticket.hash
            actor = try? await context.environment.storage.read { tx -> Actor? in
                guard let session = try tx.sessions.session(tokenHash: hash) else { return nil }
                return try Actor.load(session.accountID, session: session, accounts: tx.accounts, classes: tx.classes,
                                      guardianLinks: tx.guardianLinks)
            }
        }
        return actor.map { policy.minimumLength(for: $0.passwordRole, hasSecondFactor: $0.account.hasSecondFactor) }
    }
}
