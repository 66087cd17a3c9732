import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Enrolling a factor from the account: an authenticator app (RFC 6238) or, when policy
/// allows it, SMS codes after their risk notice (NIST SP 800-63B-4 §3.1.3.3 restricted
/// authenticators, OWASP ASVS 5.0 §6.6.1).
extension FactorPages {
    /// `POST /account/second-factors/totp`: a new secret (replacing an unconfirmed one),
    /// shown once with the code form (`Cache-Control: no-store`).
    /// - Throws: `DomainError(.permissionDenied)` when an app is already confirmed.
    func beginTOTP(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let enrolment = try await context.secondFactors.beginTOTP(actor: actor,
                                                                  context: APIContext.requestContext(request))
        return renderTOTP(request.pageLanguage, token: token, enrolment: enrolment)
    }

    /// `POST /account/second-factors/totp/confirm`: the first code confirms the app and
    /// proves it in this session (``LoginService/confirmEnrolment(actor:code:context:)``);
    /// the ten recovery codes are shown once. A wrong code shows the form again.
    func confirmTOTP(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let codes: [String]
        do {
            (codes, _) = try await context.login.confirmEnrolment(actor: actor, code: fields["code"] ?? "",
                                                                  context: APIContext.requestContext(request))
        } catch let error as DomainError where error.code == .codeInvalid {
            return renderTOTP(language, token: token, enrolment: nil, error: error.code)
        }
        return RecoveryCodeSheet.response(codes, language: language, continueTo: Routes.secondFactorsPage)
    }

    /// The app enrolment page: the key block when just begun (`enrolment`), else a
    /// button to begin again with a new key; then the code form.
    private func renderTOTP(_ language: MessageLanguage, token: SessionToken, enrolment: TOTPEnrolment?,
                            error: ErrorCode? = nil) -> Response
    {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        let key: HTML = enrolment.map { TOTPKeyBlock.html($0, language: language) }
            ?? Form.render(action: Routes.secondFactorsTOTPPage, csrfToken: token.csrfToken, fields: .empty,
                           submitLabel: FactorPageText.newKeySubmit.text(in: language))
        let body: HTML = """
            <h1>\(text(.enrolTitle))</h1>
            <p>\(FactorPageText.totpIntro.text(in: language))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(key)<p>\(text(.enrolCodeStep))</p>
            \(Form.render(action: Routes.secondFactorsTOTPConfirmPage, csrfToken: token.csrfToken,
                          fields: SecondFactorPages.codeField(text(.totpField)), submitLabel: text(.enrolSubmit)))
            <p><a href="\(Routes.secondFactorsPage)">\(FactorPageText.backLink.text(in: language))</a></p>
            """
        var response = Page.render(title: text(.enrolTitle), language: language, body: body,
                                   status: error?.httpStatus ?? .ok)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `GET /account/second-factors/sms`: the risk notice, in the request's language,
    /// before the person confirms.
    /// - Throws: `DomainError(.secondFactorDisabled)` when policy turned SMS off.
    func smsForm(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (_, token) = try await PageRoutes.session(request, context: context)
        guard context.environment.policies.secondFactor.smsFactorEnabled else {
            throw DomainError(.secondFactorDisabled)
        }
        let text = { (key: FactorPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.smsTitle))</h1>
            <p class="notice" role="note">\(NoticeText.smsFactorRisk.text(in: language))</p>
            \(Form.render(action: Routes.secondFactorsSMSPage, csrfToken: token.csrfToken, fields: .empty,
                          submitLabel: text(.smsConfirmSubmit)))
            <p><a href="\(Routes.secondFactorsPage)">\(text(.backLink))</a></p>
            """
        return Page.render(title: text(.smsTitle), language: language, body: body)
    }

    /// `POST /account/second-factors/sms`: SMS codes become a factor; recovery codes are
    /// shown once when the account had none, else 303 back to the overview.
    /// - Throws: `DomainError(.secondFactorDisabled)`, `.phoneNotVerified`.
    func enrolSMS(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let codes = try await context.secondFactors.enrolSMS(actor: actor, context: APIContext.requestContext(request))
        guard !codes.isEmpty else { return PageResponse.redirect(to: Routes.secondFactorsPage) }
        let language = request.pageLanguage
        return RecoveryCodeSheet.response(codes, language: language, continueTo: Routes.secondFactorsPage,
                                          intro: FactorPageText.smsEnabledNotice.text(in: language))
    }
}
