import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /`, `GET|POST /login` and `POST /logout` (`GET /account` is ``AccountPages``); the second login
/// step and the forced enrolment are ``SecondFactorPages`` and ``EnrolmentPages``.
struct LoginPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    private var csrfCookie: LoginCSRFCookie { LoginCSRFCookie(secure: context.cookie.secure) }

    private var returnCookie: LoginReturnCookie { LoginReturnCookie(secure: context.cookie.secure) }

    /// `GET /`: to the login page, the teacher console (staff) or the account page; after
    /// a login that `/oauth/authorize` began, back to that request (``LoginReturnCookie``).
    func home(_ request: Request) async throws -> Response {
        guard let (actor, _) = await context.authenticator.pageSession(request) else {
            return PageResponse.redirect(to: Routes.loginPage)
        }
        if let path = LoginReturnCookie.path(in: request) {
            return continueSignIn(to: path, language: request.pageLanguage)
        }
        return PageResponse.redirect(to: AdminPages.landing(for: actor))
    }

    /// The step back to the authorization request, as a page that refreshes to it rather
    /// than a redirect: the login form's POST ends here, and a browser checks every
    /// redirect of a form submission against the form page's CSP `form-action 'self'`,
    /// which the authorization endpoint's redirect to the diary service would break. A
    /// refresh is a new navigation, not a form submission. The link serves browsers that
    /// do not refresh.
    private func continueSignIn(to path: String, language: MessageLanguage) -> Response {
        let text = { (key: AuthorizePageText) in key.text(in: language) }
        var response = Page.render(title: text(.continueTitle), language: language,
                                   body: "<p><a href=\"\(path)\">\(text(.continueLink))</a></p>\n",
                                   head: "<meta http-equiv=\"refresh\" content=\"0;url=\(path)\">\n")
        response.headers.add(returnCookie.cleared())
        return response
    }

    /// `GET /login`: the form, with a fresh login-CSRF cookie. `return_to` (an
    /// authorization request, ``LoginReturnCookie/returnPath(_:)``) is kept for the end of
    /// the login; without it an earlier one is forgotten.
    func form(_ request: Request) async throws -> Response {
        var response = render(request.pageLanguage)
        if let path = (try? request.queryItems())?["return_to"].flatMap(LoginReturnCookie.returnPath) {
            response.headers.add(returnCookie.set(path))
        } else if request.cookies[LoginReturnCookie.name] != nil {
            response.headers.add(returnCookie.cleared())
        }
        return response
    }

    /// `POST /login`: checks the login CSRF pair and the Origin, then the password.
    /// Success sets the session cookie (or the cookie of a change, second-factor or
    /// enrolment ticket) and answers 303.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        let login = fields["login"] ?? ""
        guard LoginCSRFCookie.isValid(request, fields: fields) else {
            return render(language, login: login, error: .csrfTokenInvalid, status: .forbidden)
        }
        if request.isCrossOrigin(scheme: scheme) {
            return render(language, login: login, error: .originNotAllowed, status: .forbidden)
        }
        do {
            return Self.next(try await context.login.login(login, password: fields["password"] ?? "",
                                                           context: APIContext.requestContext(request)),
                             context: context)
        } catch let error as DomainError where error.code == .temporaryPasswordExpired {
            return expired(language)
        } catch let error as DomainError {
            return render(language, login: login, error: error.code, status: error.code.httpStatus,
                          hints: LoginHints(login: login, password: fields["password"] ?? ""))
        } catch let error as ThrottleError {
            return render(language, login: login, error: error.code, status: .tooManyRequests,
                          headers: PageRoutes.retryAfter(error.retryAfterSeconds))
        }
    }

    /// 303 to where a login step leads: home with the session cookie, or the page of
    /// the next step with its ticket cookie.
    static func next(_ outcome: LoginOutcome, context: APIContext) -> Response {
        let ticket: IssuedSession
        let kind: TicketCookie.Kind
        let path: String
        switch outcome {
        case .loggedIn(let issued, _):
            return PageResponse.redirect(to: Routes.home, headers: context.sessionHeaders(issued))
        case .passwordChangeRequired(let issued, _):
            (ticket, kind, path) = (issued, .passwordChange, Routes.passwordChangePage)
        case .secondFactorRequired(let issued, _, _):
            (ticket, kind, path) = (issued, .secondStep, Routes.loginSecondFactorPage)
        case .enrolmentRequired(let issued, _):
            (ticket, kind, path) = (issued, .enrolment, Routes.loginEnrolPage)
        case .consentRequired(let issued, _, _):
            (ticket, kind, path) = (issued, .consent, Routes.consentPage)
        }
        var headers = HTTPHeaders()
        headers.add(TicketCookie(kind: kind, secure: context.cookie.secure).set(ticket))
        return PageResponse.redirect(to: path, headers: headers)
    }

    /// `POST /logout`: closes the session, clears the cookie, 303 to `/login`.
    func logout(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.add(context.cookie.cleared())
        guard let (_, token) = await context.authenticator.pageSession(request) else {
            return PageResponse.redirect(to: Routes.loginPage, headers: headers)
        }
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        try await context.sessions.close(token, context: APIContext.requestContext(request))
        return PageResponse.redirect(to: Routes.loginPage, headers: headers)
    }

    /// The logout button (a form, since logout changes state).
    static func logoutForm(_ token: SessionToken, _ language: MessageLanguage) -> HTML {
        Form.render(action: Routes.logoutPage, csrfToken: token.csrfToken, fields: .empty,
                    submitLabel: PageText.logoutSubmit.text(in: language))
    }

    /// The login form with a new login-CSRF cookie; `login` is kept (escaped), the
    /// password never is. A refused login shows its error tied to both fields and the
    /// ``LoginHints`` that apply; the others stay rendered `hidden` for the page script.
    private func render(_ language: MessageLanguage, login: String = "", error: ErrorCode? = nil,
                        status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(),
                        hints: LoginHints = .none) -> Response
    {
        let text = { (key: PageText) in key.text(in: language) }
        let (value, cookie) = csrfCookie.issue(random: context.environment.random)
        let errorIDs = error == nil ? [] : [LoginHints.ID.error]
        let fields: HTML = """
            \(Form.field(name: "login", label: text(.loginField), value: login, autocomplete: "username",
                        hints: hints.loginHints(language), invalid: error != nil, describedBy: errorIDs,
                        attributes: " data-cyrillic-hint=\"\(LoginHints.ID.cyrillic)\" autocapitalize=\"none\" spellcheck=\"false\""))\
            \(Form.field(name: "password", label: text(.passwordField), type: "password", autocomplete: "current-password",
                        hints: hints.passwordHints(language), invalid: error != nil, describedBy: errorIDs,
                        attributes: " data-caps-hint=\"\(LoginHints.ID.capsLock)\""))
            """
        let body: HTML = """
            <h1>\(text(.loginTitle))</h1>
            \(error.map { PageResponse.errorBox($0.message(in: language), id: LoginHints.ID.error) } ?? .empty)\
            \(Form.render(action: Routes.loginPage, csrfToken: value, fields: fields, submitLabel: text(.loginSubmit)))
            <ul class="links">
            <li><a href="\(Routes.recoverLoginPage)">\(text(.forgotLoginLink))</a></li>
            <li><a href="\(Routes.recoverPasswordPage)">\(text(.forgotPasswordLink))</a></li>
            <li><a href="\(Routes.registerPage)">\(RegistrationPageText.registerLink.text(in: language))</a></li>
            </ul>
            """
        var response = Page.render(title: text(.loginTitle), language: language, body: body, status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.add(cookie)
        return response
    }

    /// The page for a verified but expired temporary password: what happened and whom to ask.
    private func expired(_ language: MessageLanguage) -> Response {
        let text = { (key: PageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.expiredTitle))</h1>
            \(PageResponse.errorBox(ErrorCode.temporaryPasswordExpired.message(in: language)))\
            <p>\(text(.expiredExplanation))</p>
            <p><a href="\(Routes.loginPage)">\(text(.loginAgainLink))</a></p>
            """
        return Page.render(title: text(.expiredTitle), language: language, body: body,
                           status: ErrorCode.temporaryPasswordExpired.httpStatus)
    }
}
