import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /recover` ("specify your problem"), `GET|POST /recover/login`,
/// `GET|POST /recover/password` and `GET|POST /recover/password/{flow_id}`: the page
/// side of ``RecoveryService``. Forms carry the recovery CSRF cookie pair and check the
/// Origin; every confirmation is worded conditionally, like the API's answers.
struct RecoveryPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    var csrfCookie: RecoveryCSRFCookie { RecoveryCSRFCookie(secure: context.cookie.secure) }

    /// `GET /recover`: the two problems.
    func choose(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.chooseTitle))</h1>
            <p>\(text(.chooseIntro))</p>
            <ul>
            <li><a href="\(Routes.recoverLoginPage)">\(text(.forgotLoginChoice))</a></li>
            <li><a href="\(Routes.recoverPasswordPage)">\(text(.forgotPasswordChoice))</a></li>
            </ul>
            """
        return Page.render(title: text(.chooseTitle), language: language, body: body)
    }

    /// `GET /recover/login`.
    func loginForm(_ request: Request) async throws -> Response { renderLogin(request.pageLanguage) }

    /// `POST /recover/login`: sends the login if the contact is known; the same page either way.
    func submitLogin(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        let contact = fields["contact"] ?? ""
        if let refusal = check(request, fields) { return renderLogin(language, contact: contact, error: refusal) }
        do {
            try await context.recovery.remindLogin(contact: contact, context: APIContext.requestContext(request))
        } catch {
            return try renderLogin(language, contact: contact, error: Refusal(error))
        }
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.loginSentTitle))</h1>
            <p>\(text(.loginSent))</p>
            <p><a href="\(Routes.loginPage)">\(text(.loginLink))</a></p>
            """
        return Page.render(title: text(.loginSentTitle), language: language, body: body)
    }

    /// `GET /recover/password`.
    func passwordForm(_ request: Request) async throws -> Response { renderStart(request.pageLanguage) }

    /// `POST /recover/password`: opens a flow (a decoy for an unknown account) and 303s to its page.
    func submitPassword(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        let identifier = fields["identifier"] ?? ""
        if let refusal = check(request, fields) { return renderStart(language, identifier: identifier, error: refusal) }
        do {
            let started = try await context.recovery.start(identifier: identifier,
                                                           context: APIContext.requestContext(request))
            return PageResponse.redirect(to: Routes.path(Routes.recoverPasswordFlowPage, "flow_id", started.flowID.rawValue))
        } catch {
            return try renderStart(language, identifier: identifier, error: Refusal(error))
        }
    }

    /// `GET /recover/password/{flow_id}`: codes and the new password.
    func flowForm(_ request: Request) async throws -> Response {
        renderConfirm(request.pageLanguage, flowID: try flowID(request))
    }

    /// `POST /recover/password/{flow_id}`: `action=resend` sends the codes again;
    /// otherwise sets the new password.
    func submitFlow(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let flowID = try flowID(request)
        let fields = try request.formFields()
        if let refusal = check(request, fields) { return renderConfirm(language, flowID: flowID, error: refusal) }
        let requestContext = APIContext.requestContext(request)
        do {
            if fields["action"] == "resend" {
                try await context.recovery.resend(flowID: flowID, context: requestContext)
                return renderConfirm(language, flowID: flowID, notice: .resent)
            }
            let password = fields["new_password"] ?? ""
            guard password == fields["repeat_password"] else {
                return renderConfirm(language, flowID: flowID, notice: .passwordMismatch, status: .badRequest)
            }
            try await context.recovery.complete(flowID: flowID, smsCode: Self.nonEmpty(fields["sms_code"]),
                                                emailCode: Self.nonEmpty(fields["email_code"]), newPassword: password,
                                                context: requestContext)
        } catch {
            return try renderConfirm(language, flowID: flowID, error: Refusal(error))
        }
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.doneTitle))</h1>
            <p>\(text(.done))</p>
            <p><a href="\(Routes.loginPage)">\(text(.loginLink))</a></p>
            """
        return Page.render(title: text(.doneTitle), language: language, body: body)
    }

    /// An error shown on the form it came from, with its status and headers.
    struct Refusal {
        let code: ErrorCode
        let status: HTTPStatus
        let headers: HTTPHeaders

        init(_ code: ErrorCode, status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders()) {
            self.code = code
            self.status = status
            self.headers = headers
        }

        /// Our errors become refusals; anything else goes on to the pipeline (500).
        init(_ error: any Error) throws {
            switch error {
            case let error as DomainError:
                self.init(error.code, status: error.code.httpStatus)
            case let error as ThrottleError:
                self.init(error.code, status: .tooManyRequests, headers: PageRoutes.retryAfter(error.retryAfterSeconds))
            default:
                throw error
            }
        }
    }

    /// The CSRF pair and the Origin, as on the login form.
    private func check(_ request: Request, _ fields: [String: String]) -> Refusal? {
        guard RecoveryCSRFCookie.isValid(request, fields: fields) else { return Refusal(.csrfTokenInvalid, status: .forbidden) }
        if request.isCrossOrigin(scheme: scheme) {
            return Refusal(.originNotAllowed, status: .forbidden)
        }
        return nil
    }

    private func flowID(_ request: Request) throws -> RecoveryFlow.ID {
        guard let id = RecoveryFlow.ID(rawValue: request.pathParameters["flow_id"] ?? "") else {
            throw DomainError(.recoveryFlowNotFound)
        }
        return id
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
