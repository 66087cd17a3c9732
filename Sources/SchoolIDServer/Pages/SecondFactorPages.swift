import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /login/second-factor`: the second login step of an account with a
/// confirmed factor (OWASP ASVS 5.0 §6.3.3; NIST SP 800-63B-4 AAL2).
///
/// The login page leaves the second-factor ticket in a cookie sent only here
/// (``TicketCookie``). The form asks for the authenticator app's code; a
/// link switches to a recovery code; when SMS is among the methods a button sends an
/// SMS code (``LoginService/sendSecondFactorSMS(ticket:context:)``) and the page asks
/// for it. No session exists yet, so posts carry the login-CSRF double-submit cookie
/// (``LoginCSRFCookie``, whose `Path=/login` covers this page) and pass the Origin
/// check of the login page. A wrong code counts as a failed login attempt
/// (``LoginService/completeSecondFactor(ticket:proof:context:)``); success sets the
/// session cookie as the login page does, clears the ticket and answers 303 to `/`.
struct SecondFactorPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    private var csrfCookie: LoginCSRFCookie { LoginCSRFCookie(secure: context.cookie.secure) }
    private var ticketCookie: TicketCookie {
        TicketCookie(kind: .secondStep, secure: context.cookie.secure)
    }

    /// What the form asks for.
    private enum Mode {
        case totp
        case recoveryCode
        /// The code of the SMS sent for this challenge.
        case sms(Challenge.ID)
    }

    /// The ticket's login: its token and the methods its account may use.
    private struct Pending {
        let ticket: SessionToken
        let hasTOTP: Bool
        let hasSMS: Bool
        let hasRecoveryCodes: Bool
    }

    /// `GET /login/second-factor` (`?use=recovery_code` asks for a recovery code).
    func form(_ request: Request) async throws -> Response {
        guard let pending = await pending(request) else { return toLogin() }
        let wantsRecovery = (try? request.queryItems())?["use"] == "recovery_code"
        return render(request.pageLanguage, pending,
                      mode: wantsRecovery || !pending.hasTOTP ? .recoveryCode : .totp)
    }

    /// `POST /login/second-factor`: `action=send_sms` sends an SMS code; otherwise
    /// `method` (`totp`, `recovery_code` or `sms` with `challenge_id`) and `code`
    /// complete the login.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        guard let pending = await pending(request) else { return toLogin() }
        let mode: Mode
        switch fields["method"] {
        case "recovery_code": mode = .recoveryCode
        case "sms":
            guard let id = fields["challenge_id"].flatMap({ try? Challenge.ID(parsing: $0) }) else {
                return render(language, pending, mode: .totp, error: .badRequest, status: .badRequest)
            }
            mode = .sms(id)
        default: mode = .totp
        }
        guard LoginCSRFCookie.isValid(request, fields: fields) else {
            return render(language, pending, mode: mode, error: .csrfTokenInvalid, status: .forbidden)
        }
        if request.isCrossOrigin(scheme: scheme) {
            return render(language, pending, mode: mode, error: .originNotAllowed, status: .forbidden)
        }
        let requestContext = APIContext.requestContext(request)
        do {
            if fields["action"] == "send_sms" {
                let challenge = try await context.login.sendSecondFactorSMS(ticket: pending.ticket,
                                                                            context: requestContext)
                return render(language, pending, mode: .sms(challenge.id))
            }
            let code = fields["code"] ?? ""
            let proof: LoginService.SecondFactorProof
            switch mode {
            case .totp: proof = .totp(code)
            case .recoveryCode: proof = .recoveryCode(code)
            case .sms(let id): proof = .sms(challengeID: id, code: code)
            }
            let outcome = try await context.login.completeSecondFactor(ticket: pending.ticket, proof: proof,
                                                                       context: requestContext)
            var response = LoginPages.next(outcome, context: context)
            response.headers.add(ticketCookie.cleared())
            return response
        } catch let error as DomainError where error.code == .unauthorized {
            return toLogin()
        } catch let error as DomainError where error.code == .invalidCredentials {
            // The password was already right: say that the code was wrong (still 401).
            return render(language, pending, mode: mode, error: .codeInvalid, status: .unauthorized)
        } catch let error as DomainError {
            return render(language, pending, mode: mode, error: error.code, status: error.code.httpStatus)
        } catch let error as ThrottleError {
            return render(language, pending, mode: mode, error: error.code, status: .tooManyRequests,
                          headers: PageRoutes.retryAfter(error.retryAfterSeconds))
        }
    }

    /// The ticket the browser holds, if it is still a usable second-factor ticket, and
    /// the methods its account may use.
    private func pending(_ request: Request) async -> Pending? {
        guard let ticket = ticketCookie.ticket(in: request),
              let actor = try? await context.sessions.authenticate(ticket, purpose: .secondFactor),
              let overview = try? await context.secondFactors.overview(of: actor)
        else { return nil }
        let confirmed = Set(overview.factors.filter(\.confirmed).map(\.kind))
        return Pending(ticket: ticket, hasTOTP: confirmed.contains(.totp),
                       hasSMS: overview.smsAvailable && confirmed.contains(.sms),
                       hasRecoveryCodes: overview.recoveryCodesLeft > 0)
    }

    /// 303 to `/login`, clearing a ticket that is missing, used or expired.
    private func toLogin() -> Response {
        var headers = HTTPHeaders()
        headers.add(ticketCookie.cleared())
        return PageResponse.redirect(to: Routes.loginPage, headers: headers)
    }

    /// The form for `mode` with a new login-CSRF cookie.
    private func render(_ language: MessageLanguage, _ pending: Pending, mode: Mode, error: ErrorCode? = nil,
                        status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response
    {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        let (token, cookie) = csrfCookie.issue(random: context.environment.random)
        let action = Routes.loginSecondFactorPage
        let intro: String
        let fields: HTML
        switch mode {
        case .totp:
            intro = text(.totpIntro)
            fields = "<input type=\"hidden\" name=\"method\" value=\"totp\">\n\(Self.codeField(text(.totpField)))"
        case .recoveryCode:
            intro = text(.recoveryIntro)
            fields = """
                <input type="hidden" name="method" value="recovery_code">
                \(Form.field(name: "code", label: text(.recoveryField), autocomplete: "off"))
                """
        case .sms(let id):
            intro = text(.smsIntro)
            fields = """
                <input type="hidden" name="method" value="sms">
                <input type="hidden" name="challenge_id" value="\(id.rawValue)">
                \(Self.codeField(text(.smsField)))
                """
        }
        var others: [HTML] = []
        if case .recoveryCode = mode {
            if pending.hasTOTP { others.append("<p><a href=\"\(action)\">\(text(.useAppLink))</a></p>\n") }
        } else if pending.hasRecoveryCodes {
            others.append("<p><a href=\"\(action)?use=recovery_code\">\(text(.useRecoveryLink))</a></p>\n")
        }
        if pending.hasSMS {
            let send: HTML = "<input type=\"hidden\" name=\"action\" value=\"send_sms\">\n"
            others.append(Form.render(action: action, csrfToken: token, fields: send, submitLabel: text(.sendSMSSubmit)))
        }
        let body: HTML = """
            <h1>\(text(.stepTitle))</h1>
            <p>\(intro)</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(Form.render(action: action, csrfToken: token, fields: fields, submitLabel: text(.verifySubmit)))
            \(others)
            """
        var response = Page.render(title: text(.stepTitle), language: language, body: body, status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.add(cookie)
        return response
    }

    /// A one-time code input: digits on a phone keypad, filled from an SMS or the
    /// platform's code autofill (HTML §4.10.18.7.1 `one-time-code`).
    static func codeField(_ label: String) -> HTML {
        """
        <label for="field-code">\(label)</label>
        <input id="field-code" name="code" type="text" value="" inputmode="numeric" pattern="[0-9 ]*" \
        autocomplete="one-time-code" required>

        """
    }
}
