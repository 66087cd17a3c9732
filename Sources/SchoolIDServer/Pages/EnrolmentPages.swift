import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /login/enrol`: the TOTP enrolment forced at login on staff without a
/// second factor (OWASP ASVS 5.0 §6.3.3; RFC 6238).
///
/// The login page leaves the enrolment ticket in a cookie sent only here
/// (``TicketCookie``). `GET` begins TOTP for the ticket's account
/// (``SecondFactorService/beginTOTP(actor:context:)``) and shows the `otpauth://` URI
/// as a QR code (``TOTPQRFigure``), the secret in groups and the URI as a link; `POST`
/// confirms the first code (``LoginService/confirmEnrolment(actor:code:context:)``),
/// which consumes the ticket
/// and opens a session, and shows the ten recovery codes once (`Cache-Control:
/// no-store`, printable) with the session cookie set and the ticket cleared. Posts
/// carry the login-CSRF double-submit cookie and pass the Origin check, as on `/login`.
struct EnrolmentPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    private var csrfCookie: LoginCSRFCookie { LoginCSRFCookie(secure: context.cookie.secure) }
    private var ticketCookie: TicketCookie {
        TicketCookie(kind: .enrolment, secure: context.cookie.secure)
    }

    /// `GET /login/enrol`: a new secret (replacing an unconfirmed one) and the code form.
    func form(_ request: Request) async throws -> Response {
        guard let actor = await enrolling(request) else { return toLogin() }
        let enrolment = try await context.secondFactors.beginTOTP(actor: actor,
                                                                  context: APIContext.requestContext(request))
        return render(request.pageLanguage, enrolment: enrolment)
    }

    /// `POST /login/enrol`: confirms `code`; on success the recovery-code page.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        guard let actor = await enrolling(request) else { return toLogin() }
        guard LoginCSRFCookie.isValid(request, fields: fields) else {
            return render(language, enrolment: nil, error: .csrfTokenInvalid, status: .forbidden)
        }
        if request.isCrossOrigin(scheme: scheme) {
            return render(language, enrolment: nil, error: .originNotAllowed, status: .forbidden)
        }
        let codes: [String]
        let outcome: LoginOutcome?
        do {
            (codes, outcome) = try await context.login.confirmEnrolment(actor: actor, code: fields["code"] ?? "",
                                                                       context: APIContext.requestContext(request))
        } catch let error as DomainError where error.code == .unauthorized {
            return toLogin()
        } catch let error as DomainError {
            return render(language, enrolment: nil, error: error.code, status: error.code.httpStatus)
        } catch let error as ThrottleError {
            return render(language, enrolment: nil, error: error.code, status: .tooManyRequests,
                          headers: PageRoutes.retryAfter(error.retryAfterSeconds))
        }
        // An enrolment ticket always yields a session (or a consent ticket); without one
        // the login starts again.
        var headers: HTTPHeaders
        let next: String
        switch outcome {
        case .loggedIn(let issued, _)?:
            // `/` continues to an authorization request that began the login (``LoginReturnCookie``).
            (headers, next) = (context.sessionHeaders(issued),
                               LoginReturnCookie.path(in: request) == nil ? Routes.accountPage : Routes.home)
        case .consentRequired(let ticket, _, _)?:
            headers = HTTPHeaders()
            headers.add(TicketCookie(kind: .consent, secure: context.cookie.secure).set(ticket))
            next = Routes.consentPage
        default: return toLogin()
        }
        headers.add(ticketCookie.cleared())
        return RecoveryCodeSheet.response(codes, language: language, continueTo: next, headers: headers)
    }

    /// The account of a usable enrolment ticket the browser holds, if any.
    private func enrolling(_ request: Request) async -> Actor? {
        guard let ticket = ticketCookie.ticket(in: request) else { return nil }
        return try? await context.sessions.authenticate(ticket, purpose: .factorEnrolment)
    }

    /// 303 to `/login`, clearing a ticket that is missing, used or expired.
    private func toLogin() -> Response {
        var headers = HTTPHeaders()
        headers.add(ticketCookie.cleared())
        return PageResponse.redirect(to: Routes.loginPage, headers: headers)
    }

    /// The enrolment page with a new login-CSRF cookie: the explanation, the QR code, the
    /// secret and URI when just begun (`enrolment`), else a link to begin again, and the
    /// code form.
    private func render(_ language: MessageLanguage, enrolment: TOTPEnrolment?, error: ErrorCode? = nil,
                        status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response
    {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        let (token, cookie) = csrfCookie.issue(random: context.environment.random)
        let key: HTML
        if let enrolment {
            key = TOTPKeyBlock.html(enrolment, language: language)
        } else {
            key = "<p><a href=\"\(Routes.loginEnrolPage)\">\(text(.enrolNewKeyLink))</a></p>\n"
        }
        let body: HTML = """
            <h1>\(text(.enrolTitle))</h1>
            <p>\(text(.enrolIntro))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(key)<p>\(text(.enrolCodeStep))</p>
            \(Form.render(action: Routes.loginEnrolPage, csrfToken: token,
                          fields: SecondFactorPages.codeField(SecondFactorPageText.totpField.text(in: language)),
                          submitLabel: text(.enrolSubmit)))
            """
        var response = Page.render(title: text(.enrolTitle), language: language, body: body, status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.set("Cache-Control", "no-store")
        response.headers.add(cookie)
        return response
    }
}
