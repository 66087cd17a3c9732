import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

extension AcknowledgementPages {
    /// `POST /account/acknowledgements/{id}/code`: sends the SMS code bound to this
    /// request and shows the confirmation page with the code form (the challenge id
    /// hidden in it) and when a new code may be asked for; a refusal (no verified phone,
    /// a resend too soon, …) shows on the SMS form.
    func sendCode(_ request: Request) async throws -> Response {
        let (actor, token, id) = try await action(request)
        let view = try await service.acknowledgement(id, guardian: actor)
        do {
            let sent = try await signing.sendCode(for: id, signer: actor, context: APIContext.requestContext(request))
            return try await renderDetail(request, actor: actor, token: token, view: view,
                                          code: CodeForm(challenge: sent.challengeID, expiresAt: sent.expiresAt,
                                                         resendAfter: sent.resendAfter))
        } catch let error as DomainError where FamilyPages.isShownOnForm(error.code) {
            return try await refusal(request, actor: actor, token: token, id: id, code: error.code,
                                     form: Self.smsForm, field: nil)
        } catch let error as ThrottleError {
            var response = try await refusal(request, actor: actor, token: token, id: id, code: error.code,
                                             form: Self.smsForm, field: nil, status: .tooManyRequests)
            response.headers.set("Retry-After", String(error.retryAfterSeconds))
            return response
        }
    }

    /// `POST /account/acknowledgements/{id}/sign` with `method=sms-otp`, `challenge_id`
    /// and `code`, or `method=password` and `password`: the signed page with the receipt;
    /// a refusal shows next to the code or password field (the code form keeps its
    /// challenge), or at the top of the page.
    func sign(_ request: Request) async throws -> Response {
        let (actor, token, id) = try await action(request)
        let fields = try request.formFields()
        let proof: AcknowledgementSigningService.Proof
        var challenge: Challenge.ID?
        switch fields["method"] {
        case ReceiptClaims.Method.smsOTP.rawValue:
            let parsed = try Challenge.ID(parsing: fields["challenge_id"] ?? "")
            challenge = parsed
            proof = .smsCode(challenge: parsed, code: (fields["code"] ?? "").trimmingCharacters(in: .whitespaces))
        case ReceiptClaims.Method.password.rawValue:
            proof = .password(fields["password"] ?? "")
        default:
            throw APIError(.badRequest, field: "method")
        }
        do {
            let signed = try await signing.sign(id, signer: actor, proof: proof,
                                                context: APIContext.requestContext(request))
            return signedPage(signed, language: request.pageLanguage)
        } catch let error as DomainError where FamilyPages.isShownOnForm(error.code) {
            let (form, field) = Self.signField(error.code)
            return try await refusal(request, actor: actor, token: token, id: id, code: error.code, form: form,
                                     field: field, challenge: form == Self.codeForm ? challenge : nil)
        } catch let error as ThrottleError {
            var response = try await refusal(request, actor: actor, token: token, id: id, code: error.code,
                                             form: challenge == nil ? Self.passwordForm : Self.codeForm, field: nil,
                                             challenge: challenge, status: .tooManyRequests)
            response.headers.set("Retry-After", String(error.retryAfterSeconds))
            return response
        }
    }

    /// `POST /account/acknowledgements/{id}/withdraw` with `password`: `303` back to the
    /// confirmation page, which then shows the withdrawal; a refusal shows on the form.
    func withdraw(_ request: Request) async throws -> Response {
        let (actor, token, id) = try await action(request)
        let fields = try request.formFields()
        do {
            _ = try await signing.withdraw(id, signer: actor, password: fields["password"] ?? "",
                                           context: APIContext.requestContext(request))
        } catch let error as DomainError where FamilyPages.isShownOnForm(error.code) {
            let onPassword = error.code == .invalidCredentials || error.code == .accountLocked
            return try await refusal(request, actor: actor, token: token, id: id, code: error.code,
                                     form: Self.withdrawForm, field: onPassword ? "password" : nil)
        }
        return PageResponse.redirect(to: Self.path(Routes.acknowledgementPage, id))
    }

    /// The session, its checked CSRF token and the acknowledgement id of a page action.
    private func action(_ request: Request) async throws -> (Actor, SessionToken, Acknowledgement.ID) {
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        return (actor, token, try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self))
    }

    /// The confirmation page again (read afresh: it may have been signed meanwhile) with
    /// `code`'s catalogue message on `form`/`field`, and the code form kept for `challenge`.
    private func refusal(_ request: Request, actor: Actor, token: SessionToken, id: Acknowledgement.ID,
                         code: ErrorCode, form: String, field: String?, challenge: Challenge.ID? = nil,
                         status: HTTPStatus? = nil) async throws -> Response
    {
        let view = try await service.acknowledgement(id, guardian: actor)
        let kept = challenge.map { CodeForm(challenge: $0, expiresAt: nil, resendAfter: nil) }
        let error = FamilyPages.FieldError(form: view.acknowledgement.state == .pending ? form : Self.pageForm,
                                           field: view.acknowledgement.state == .pending ? field : nil,
                                           message: code.message(in: request.pageLanguage))
        return try await renderDetail(request, actor: actor, token: token, view: view, code: kept, error: error,
                                      status: status ?? code.httpStatus)
    }

    /// Where a signing refusal shows: code errors on the code form's field, password
    /// errors on the password field, anything else (already signed, deadline passed,
    /// trusted signing disabled, …) at the top of the page.
    static func signField(_ code: ErrorCode) -> (form: String, field: String?) {
        switch code {
        case .codeInvalid, .codeExpired, .codeExhausted, .acknowledgementCodeMismatch: (codeForm, "code")
        case .invalidCredentials, .accountLocked: (passwordForm, "password")
        default: (pageForm, nil)
        }
    }
}
