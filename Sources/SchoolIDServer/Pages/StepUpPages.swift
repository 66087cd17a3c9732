import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /step-up?return_to=/path`: proving a second factor again in the page
/// session before a sensitive action (OWASP ASVS 5.0 §7.5.3; NIST SP 800-63B-4 AAL2).
///
/// A page action that gets `DomainError(.stepUpRequired)` answers 303 here
/// (``redirect(returningTo:)``, from ``PageRoutes``). The form asks for the app's code,
/// or a recovery code; an account without an app (no factor, or SMS as its factor) with
/// a verified phone gets a button that sends an SMS code. The proof goes through the
/// same ``StepUpService`` calls as `POST /v1/step-up`, so a wrong code is counted like a
/// wrong password and shown again with the error; success answers 303 to `return_to`,
/// a local page path checked by ``returnPath(_:)`` (anything else is refused with 400,
/// never followed). The person then repeats the action. Posts carry the session's CSRF
/// token.
struct StepUpPages: Sendable {
    let context: APIContext

    /// What the code form asks for.
    enum Mode {
        case totp
        case recoveryCode
        /// The code of the SMS sent for this challenge.
        case sms(Challenge.ID)
    }

    /// The ways the account can prove a factor now.
    struct Methods {
        let hasTOTP: Bool
        let hasRecoveryCodes: Bool
        let canSendSMS: Bool
    }

    /// `GET /step-up` (`?use=recovery_code` asks for a recovery code).
    func form(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let query = try? request.queryItems()
        guard let query, let returnTo = Self.returnPath(query["return_to"] ?? Self.defaultReturn) else {
            return PageResponse.error(.badRequest, language: language)
        }
        let methods = try await methods(of: actor)
        let mode: Mode? = methods.hasTOTP && query["use"] != "recovery_code" ? .totp
            : methods.hasRecoveryCodes ? .recoveryCode : methods.hasTOTP ? .totp : nil
        return render(language, token: token, methods: methods, mode: mode, returnTo: returnTo)
    }

    /// `POST /step-up`: `action=send_sms` sends an SMS code; otherwise `method` (`totp`,
    /// `recovery_code` or `sms` with `challenge_id`) and `code` prove the factor, then
    /// 303 to `return_to`.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        // Checked before any code is spent: a refused target costs the person nothing.
        guard let returnTo = Self.returnPath(fields["return_to"] ?? Self.defaultReturn) else {
            return PageResponse.error(.badRequest, language: language)
        }
        let methods = try await methods(of: actor)
        let mode: Mode
        switch fields["method"] {
        case "recovery_code": mode = .recoveryCode
        case "sms":
            guard let id = fields["challenge_id"].flatMap({ try? Challenge.ID(parsing: $0) }) else {
                return PageResponse.error(.badRequest, language: language)
            }
            mode = .sms(id)
        default: mode = .totp
        }
        let show = { (mode: Mode?, error: ErrorCode?, status: HTTPStatus, headers: HTTPHeaders) in
            render(language, token: token, methods: methods, mode: mode, returnTo: returnTo, error: error,
                   status: status, headers: headers)
        }
        do {
            if fields["action"] == "send_sms" {
                let receipt = try await context.stepUp.sendSMSCode(actor: actor, context: APIContext.requestContext(request))
                return show(.sms(receipt.challengeID), nil, .ok, HTTPHeaders())
            }
            try await prove(actor, mode: mode, code: fields["code"] ?? "", request: request)
            return PageResponse.redirect(to: returnTo)
        } catch let error as DomainError where error.code == .unauthorized {
            throw error
        } catch let error as DomainError {
            // A wrong code fails authentication, as `POST /v1/step-up` answers.
            let status: HTTPStatus = error.code == .codeInvalid ? .unauthorized : error.code.httpStatus
            return show(mode, error.code, status, HTTPHeaders())
        } catch let error as ThrottleError {
            return show(mode, error.code, .tooManyRequests, PageRoutes.retryAfter(error.retryAfterSeconds))
        }
    }

    /// The Core call for `mode`.
    private func prove(_ actor: Actor, mode: Mode, code: String, request: Request) async throws {
        let requestContext = APIContext.requestContext(request)
        switch mode {
        case .totp: _ = try await context.stepUp.prove(actor: actor, totpCode: code, context: requestContext)
        case .recoveryCode: _ = try await context.stepUp.prove(actor: actor, recoveryCode: code, context: requestContext)
        case .sms(let id):
            _ = try await context.stepUp.confirmSMSCode(actor: actor, challengeID: id, code: code,
                                                        context: requestContext)
        }
    }

    /// The account's confirmed factors, recovery codes and phone, as the step-up API
    /// allows them: SMS for an account without an app, or with an SMS factor policy allows.
    private func methods(of actor: Actor) async throws -> Methods {
        let overview = try await context.secondFactors.overview(of: actor)
        let kinds = Set(overview.factors.filter(\.confirmed).map(\.kind))
        let smsAllowed = !kinds.contains(.totp) || (overview.smsAvailable && kinds.contains(.sms))
        let reachable = smsAllowed ? try await FactorPages.hasVerifiedPhone(actor, context: context) : false
        return Methods(hasTOTP: kinds.contains(.totp), hasRecoveryCodes: overview.recoveryCodesLeft > 0,
                       canSendSMS: reachable)
    }
}
