import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/security`: the logged-in person's sessions (each with an "end" button, and
/// "end all others") and contacts, with forms to change the phone or email: the new
/// value and the current password, then the code sent to the new value. Every form
/// posts with the session's CSRF token; the work is done by the same Core services as
/// the JSON API.
struct SecurityPages: Sendable {
    let context: APIContext

    /// `GET /account/security`.
    func overview(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let text = { (key: SecurityPageText) in key.text(in: language) }
        let current = actor.session?.tokenHash
        let sessions: [HTML] = try await context.sessions.list(for: actor).map { session in
            let label: HTML = session.tokenHash == current ? " (\(text(.thisSession)))" : .empty
            let form = Form.render(action: Routes.path(Routes.securitySessionRevoke, "session_id", session.handle),
                                   csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.revokeSubmit))
            return """
                <li>\(text(.sessionCreated)): \(ISODate.string(session.createdAt))\(label);
                \(text(.sessionLastSeen)): \(ISODate.string(session.lastSeenAt))
                \(form)</li>
                """
        }
        let contacts = try await context.contacts.contacts(of: actor)
        let contactLines: [HTML] = [(AccountContact.Kind.phone, SecurityPageText.phone, SecurityPageText.changePhoneLink,
                                     Routes.securityPhonePage),
                                    (.email, .email, .changeEmailLink, Routes.securityEmailPage)].map { kind, name, link, path in
            let value = contacts.first { $0.contact.kind == kind }
            let shown = value.map { "\($0.value.masked) (\(text($0.contact.isVerified ? .verified : .unverified)))" }
            return """
                <li>\(text(name)): \(shown ?? text(.none)) <a href="\(path)">\(text(link))</a></li>
                """
        }
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <h2>\(text(.sessionsHeading))</h2>
            <ul>\(sessions)</ul>
            \(Form.render(action: Routes.securityRevokeOthers, csrfToken: token.csrfToken, fields: .empty,
                          submitLabel: text(.revokeOthersSubmit)))
            <h2>\(text(.contactsHeading))</h2>
            <ul>\(contactLines)</ul>
            <p><a href="\(Routes.secondFactorsPage)">\(FactorPageText.link.text(in: language))</a></p>
            <p><a href="\(Routes.accountDeletePage)">\(DeletionPageText.link.text(in: language))</a></p>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.title), language: language, body: body)
    }

    /// `POST /account/security/sessions/{id}/revoke`.
    func revoke(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        try await context.sessions.revoke(handle: request.pathParameters["session_id"] ?? "", actor: actor,
                                          context: APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.securityPage)
    }

    /// `POST /account/security/sessions/revoke-others`.
    func revokeOthers(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        _ = try await context.sessions.revokeOthers(actor: actor, context: APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.securityPage)
    }

    /// `GET /account/security/phone` and `/email`: the new value and the current password.
    func changeForm(_ request: Request, kind: AccountContact.Kind) async throws -> Response {
        let language = request.pageLanguage
        let (_, token) = try await PageRoutes.session(request, context: context)
        let text = { (key: SecurityPageText) in key.text(in: language) }
        let title = text(kind == .phone ? .changePhoneLink : .changeEmailLink)
        let fields: HTML = """
            \(Form.field(name: "value", label: text(kind == .phone ? .newPhoneField : .newEmailField),
                         type: kind == .phone ? "tel" : "email", autocomplete: kind == .phone ? "tel" : "email"))\
            \(Form.field(name: "current_password", label: PageText.currentPasswordField.text(in: language),
                         type: "password", autocomplete: "current-password"))
            """
        let body: HTML = """
            <h1>\(title)</h1>
            \(Form.render(action: kind == .phone ? Routes.securityPhonePage : Routes.securityEmailPage,
                          csrfToken: token.csrfToken, fields: fields, submitLabel: text(.sendCodeSubmit)))
            <p><a href="\(Routes.securityPage)">\(text(.backLink))</a></p>
            """
        return Page.render(title: title, language: language, body: body)
    }

    /// `POST /account/security/phone` and `/email`: starts the change, then asks for the code.
    func startChange(_ request: Request, kind: AccountContact.Kind) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let receipt = try await context.contacts.startChange(
            actor: actor, kind: kind, newValue: fields["value"] ?? "", currentPassword: fields["current_password"] ?? "",
            context: APIContext.requestContext(request))
        let text = { (key: SecurityPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.codeTitle))</h1>
            <p>\(text(.codeExplanation))</p>
            \(Form.render(action: Routes.path(Routes.securityConfirmPage, "challenge_id", receipt.challengeID.rawValue),
                          csrfToken: token.csrfToken,
                          fields: Form.field(name: "code", label: text(.codeField), autocomplete: "one-time-code"),
                          submitLabel: text(.confirmSubmit)))
            <p><a href="\(Routes.securityPage)">\(text(.backLink))</a></p>
            """
        return Page.render(title: text(.codeTitle), language: language, body: body)
    }

    /// `POST /account/security/contact-changes/{challenge_id}/confirm`.
    func confirm(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        _ = try await context.contacts.confirmChange(actor: actor, challengeID: try request.identifier("challenge_id"),
                                                     code: fields["code"] ?? "", context: APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.securityPage)
    }
}
