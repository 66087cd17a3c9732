import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /register` (the registration form), `GET|POST /register/{id}` (the SMS
/// code, a resend button and, when the login was taken, another login) and
/// `GET|POST /register/{id}/email` (the emailed code, and the landing that says the
/// address is confirmed).
///
/// No session exists before the SMS code, so those forms use the login-CSRF
/// double-submit cookie (``LoginCSRFCookie`` with path `/register`) and the Origin check
/// of the login page. The SMS code sets the session cookie and answers 303 to
/// `/account`, or to the email page when an email was given; that page belongs to the
/// new session and uses its CSRF token.
struct RegistrationPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    private var csrfCookie: LoginCSRFCookie {
        LoginCSRFCookie(secure: context.cookie.secure, path: Routes.registerPage)
    }

    /// The fields of the registration form that are shown again after an error.
    private static let keptFields = ["last_name", "first_name", "patronymic", "phone", "email", "login"]

    /// `GET /register`.
    func form(_ request: Request) async throws -> Response {
        renderForm(request.pageLanguage, values: [:])
    }

    /// `POST /register`: checks CSRF and Origin, then starts the registration; 303 to
    /// the code page.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        if let refusal = refusal(request, fields: fields) {
            return renderForm(language, values: fields, error: refusal, status: .forbidden)
        }
        let password = fields["password"] ?? ""
        guard password == fields["password_repeat"] else {
            return renderForm(language, values: fields,
                              message: RegistrationPageText.passwordMismatch.text(in: language), status: .badRequest)
        }
        do {
            let ticket = try await context.registration.start(
                lastName: fields["last_name"] ?? "", firstName: fields["first_name"] ?? "",
                patronymic: fields["patronymic"], phone: fields["phone"] ?? "", email: fields["email"],
                password: password, login: fields["login"], locale: language,
                consentVersion: fields["consent_version"].flatMap { Int($0) }, channel: .web,
                context: APIContext.requestContext(request))
            return PageResponse.redirect(to: Routes.path(Routes.registerCodePage, "registration_id", ticket.id.rawValue))
        } catch let error as DomainError {
            return renderForm(language, values: fields, error: error.code, status: error.code.httpStatus)
        } catch let error as ThrottleError {
            return renderForm(language, values: fields, error: error.code, status: .tooManyRequests,
                              headers: PageRoutes.retryAfter(error.retryAfterSeconds))
        }
    }

    /// `GET /register/{id}`.
    func codeForm(_ request: Request) async throws -> Response {
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        return renderCode(request.pageLanguage, id: id)
    }

    /// `POST /register/{id}`: `action=resend` sends a new code; otherwise confirms with
    /// `code` (and `login`), sets the session cookie and answers 303 to `/account`.
    func codeSubmit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        let fields = try request.formFields()
        if let refusal = refusal(request, fields: fields) {
            return renderCode(language, id: id, error: refusal, status: .forbidden)
        }
        let requestContext = APIContext.requestContext(request)
        do {
            if fields["action"] == "resend" {
                _ = try await context.registration.resend(id, context: requestContext)
                return renderCode(language, id: id, notice: RegistrationPageText.codeResent.text(in: language))
            }
            let completed = try await context.registration.confirm(id, code: fields["code"], login: fields["login"],
                                                                   context: requestContext)
            let next = completed.emailChallengeID == nil
                ? Routes.accountPage : Routes.path(Routes.registerEmailPage, "registration_id", id.rawValue)
            return PageResponse.redirect(to: next, headers: context.sessionHeaders(completed.session))
        } catch let error as DomainError {
            return renderCode(language, id: id, error: error.code, status: error.code.httpStatus)
        } catch let error as ThrottleError {
            return renderCode(language, id: id, error: error.code, status: .tooManyRequests,
                              headers: PageRoutes.retryAfter(error.retryAfterSeconds))
        }
    }

    /// `GET /register/{id}/email`: the emailed code, for the account the registration created.
    func emailForm(_ request: Request) async throws -> Response {
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        let (_, token) = try await PageRoutes.session(request, context: context)
        return renderEmailCode(request.pageLanguage, id: id, token: token)
    }

    /// `POST /register/{id}/email`: verifies the address with `code`; the landing says so.
    func emailSubmit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        do {
            try await context.registration.verifyEmail(id, accountID: actor.account.id, code: fields["code"] ?? "",
                                                       context: APIContext.requestContext(request))
        } catch let error as DomainError where error.code != .registrationNotFound {
            return renderEmailCode(language, id: id, token: token, error: error.code)
        }
        let text = { (key: RegistrationPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.emailConfirmedTitle))</h1>
            <p role="status">\(text(.emailConfirmedText))</p>
            <p><a href="\(Routes.accountPage)">\(text(.accountLink))</a></p>
            """
        return Page.render(title: text(.emailConfirmedTitle), language: language, body: body)
    }

    /// The emailed-code form, with a link to skip it (the security page confirms later).
    private func renderEmailCode(_ language: MessageLanguage, id: PendingRegistration.ID, token: SessionToken,
                                 error: ErrorCode? = nil) -> Response
    {
        let text = { (key: RegistrationPageText) in key.text(in: language) }
        let field = Form.field(name: "code", label: text(.emailCodeField), autocomplete: "one-time-code")
        let body: HTML = """
            <h1>\(text(.emailCodeTitle))</h1>
            <p>\(text(.emailCodeIntro))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(Form.render(action: Routes.path(Routes.registerEmailPage, "registration_id", id.rawValue),
                          csrfToken: token.csrfToken, fields: field, submitLabel: text(.emailCodeSubmit)))
            <p><a href="\(Routes.securityPage)">\(text(.emailLaterLink))</a></p>
            """
        return Page.render(title: text(.emailCodeTitle), language: language, body: body,
                           status: error?.httpStatus ?? .ok)
    }

    /// The CSRF or Origin refusal of a form post, if any.
    private func refusal(_ request: Request, fields: [String: String]) -> ErrorCode? {
        guard LoginCSRFCookie.isValid(request, fields: fields) else { return .csrfTokenInvalid }
        if request.isCrossOrigin(scheme: scheme) { return .originNotAllowed }
        return nil
    }

    /// The registration form with a new CSRF cookie; passwords are never shown again.
    private func renderForm(_ language: MessageLanguage, values: [String: String], error: ErrorCode? = nil,
                            message: String? = nil, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
        -> Response
    {
        let text = { (key: RegistrationPageText) in key.text(in: language) }
        let (token, cookie) = csrfCookie.issue(random: context.environment.random)
        let value = { (name: String) in Self.keptFields.contains(name) ? values[name] ?? "" : "" }
        let fields: HTML = """
            \(Form.field(name: "last_name", label: text(.lastNameField), value: value("last_name"), autocomplete: "family-name"))\
            \(Form.field(name: "first_name", label: text(.firstNameField), value: value("first_name"), autocomplete: "given-name"))\
            \(Form.field(name: "patronymic", label: text(.patronymicField), value: value("patronymic"), autocomplete: "additional-name", required: false))\
            \(Form.field(name: "phone", label: text(.phoneField), type: "tel", value: value("phone"), autocomplete: "tel"))\
            \(Form.field(name: "email", label: text(.emailField), type: "email", value: value("email"), autocomplete: "email", required: false))\
            \(Form.field(name: "login", label: text(.loginField), value: value("login"), autocomplete: "username", required: false))\
            <p><small>\(text(.loginHint))</small></p>
            \(Form.field(name: "password", label: text(.passwordField), type: "password", autocomplete: "new-password"))\
            \(Form.field(name: "password_repeat", label: text(.repeatPasswordField), type: "password", autocomplete: "new-password"))
            \(consentBlock(language))
            """
        let problem = message ?? error?.message(in: language)
        let body: HTML = """
            <h1>\(text(.registerTitle))</h1>
            <p>\(text(.registerIntro))</p>
            \(problem.map { PageResponse.errorBox($0, detail: PageResponse.waitLine(headers, language: language)) } ?? .empty)\
            \(Form.render(action: Routes.registerPage, csrfToken: token, fields: fields, submitLabel: text(.registerSubmit)))
            <p><a href="\(Routes.loginPage)">\(text(.haveAccountLink))</a></p>
            """
        return page(text(.registerTitle), language: language, body: body, status: status, headers: headers,
                    cookie: cookie)
    }

    /// The consent text (folded) and the required checkbox whose value is the text's version.
    private func consentBlock(_ language: MessageLanguage) -> HTML {
        let policy = context.environment.policies.consent
        let text = { (key: ConsentPageText) in key.text(in: language) }
        return """
            <details><summary>\(text(.textSummary))</summary>
            \(ConsentPages.textBlock(policy, language: language))</details>
            <p><label><input type="checkbox" name="consent_version" value="\(policy.currentTextVersion)" required> \(text(.registrationCheckbox))</label></p>

            """
    }

    /// The code page: code and optional new login, and a resend button.
    private func renderCode(_ language: MessageLanguage, id: PendingRegistration.ID, error: ErrorCode? = nil,
                            notice: String? = nil, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
        -> Response
    {
        let text = { (key: RegistrationPageText) in key.text(in: language) }
        let (token, cookie) = csrfCookie.issue(random: context.environment.random)
        let action = Routes.path(Routes.registerCodePage, "registration_id", id.rawValue)
        let loginField: HTML = error == .loginTaken
            ? Form.field(name: "login", label: text(.newLoginField), autocomplete: "username") : .empty
        let fields: HTML = """
            \(Form.field(name: "code", label: text(.codeField), autocomplete: "one-time-code", required: error != .loginTaken))\
            \(loginField)
            """
        let resend: HTML = "<input type=\"hidden\" name=\"action\" value=\"resend\">\n"
        let noticeLine: HTML = notice.map { "<p role=\"status\">\($0)</p>\n" } ?? .empty
        let body: HTML = """
            <h1>\(text(.codeTitle))</h1>
            <p>\(text(.codeIntro))</p>
            \(noticeLine)\(error.map { PageResponse.errorBox($0.message(in: language), detail: PageResponse.waitLine(headers, language: language)) } ?? .empty)\
            \(Form.render(action: action, csrfToken: token, fields: fields, submitLabel: text(.confirmSubmit)))
            \(Form.render(action: action, csrfToken: token, fields: resend, submitLabel: text(.resendSubmit)))
            """
        return page(text(.codeTitle), language: language, body: body, status: status, headers: headers,
                    cookie: cookie)
    }

    /// The page with `headers` and the new CSRF cookie.
    private func page(_ title: String, language: MessageLanguage, body: HTML, status: HTTPStatus,
                      headers: HTTPHeaders, cookie: SetCookie) -> Response {
        var response = Page.render(title: title, language: language, body: body, status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.add(cookie)
        return response
    }
}
