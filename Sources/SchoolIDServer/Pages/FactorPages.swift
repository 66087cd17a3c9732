import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/second-factors`: the logged-in person's second factors (kind, since, last
/// use), the recovery codes left and whether policy requires a factor, with forms to
/// set up an authenticator app, to use SMS codes, to remove a factor and to make new
/// recovery codes (OWASP ASVS 5.0 §6.3.3, §6.5; NIST SP 800-63B-4 §3.1).
///
/// Every form posts with the session's CSRF token and is done by the same Core
/// services as the JSON API (``SecondFactorService``, ``LoginService``). Removing a
/// factor and new recovery codes need a step-up: their `DomainError(.stepUpRequired)`
/// becomes a 303 to `/step-up?return_to=/account/second-factors` in ``PageRoutes``.
/// Enrolment (TOTP and SMS) is in `FactorPages+Enrolment.swift`.
struct FactorPages: Sendable {
    let context: APIContext

    /// `GET /account/second-factors`.
    func overview(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let text = { (key: FactorPageText) in key.text(in: language) }
        let overview = try await context.secondFactors.overview(of: actor)
        let confirmed = overview.factors.filter(\.confirmed)
        let items: [HTML] = confirmed.map { factor in
            let used = factor.lastUsedAt.map { ISODate.string($0) } ?? text(.never)
            let remove = Form.render(action: Routes.path(Routes.secondFactorRemovePage, "kind", factor.kind.rawValue),
                                     csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.removeSubmit))
            return """
                <li><strong>\(text(factor.kind == .totp ? .kindTOTP : .kindSMS))</strong>: \
                \(text(.since)) \(ISODate.string(factor.createdAt)); \(text(.lastUsed)): \(used)
                \(remove)</li>

                """
        }
        let factors: HTML = items.isEmpty ? "<p>\(text(.noFactors))</p>\n" : "<ul class=\"factors\">\n\(items)</ul>\n"
        let recovery: HTML = confirmed.isEmpty ? .empty : """
            <h2>\(text(.recoveryHeading))</h2>
            <p>\(text(.recoveryLeft)): <strong class="recovery-left">\(overview.recoveryCodesLeft)</strong></p>
            \(Form.render(action: Routes.recoveryCodesPage, csrfToken: token.csrfToken, fields: .empty,
                          submitLabel: text(.newCodesSubmit)))

            """
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(overview.required ? .requiredNotice : .optionalNotice))</p>
            <h2>\(text(.factorsHeading))</h2>
            \(factors)\(recovery)\(try await additions(actor, overview: overview, token: token, language: language))\
            <p>\(text(.stepUpNote))</p>
            <p><a href="\(Routes.securityPage)">\(SecurityPageText.title.text(in: language))</a></p>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.title), language: language, body: body)
    }

    /// The "add" section: the authenticator app unless one is confirmed; SMS codes only
    /// when policy allows them (hidden entirely otherwise), with a verified phone.
    private func additions(_ actor: Actor, overview: SecondFactorOverview, token: SessionToken,
                           language: MessageLanguage) async throws -> HTML
    {
        let text = { (key: FactorPageText) in key.text(in: language) }
        let confirmed = Set(overview.factors.filter(\.confirmed).map(\.kind))
        var offers: [HTML] = []
        if !confirmed.contains(.totp) {
            offers.append(Form.render(action: Routes.secondFactorsTOTPPage, csrfToken: token.csrfToken, fields: .empty,
                                      submitLabel: text(.setUpTOTPSubmit)))
            offers.append("\n")
        }
        if overview.smsAvailable, !confirmed.contains(.sms) {
            offers.append(try await Self.hasVerifiedPhone(actor, context: context)
                ? "<p><a href=\"\(Routes.secondFactorsSMSPage)\">\(text(.useSMSLink))</a></p>\n"
                : "<p>\(text(.smsUnavailable))</p>\n")
        }
        guard !offers.isEmpty else { return .empty }
        return "<h2>\(text(.addHeading))</h2>\n\(offers)"
    }

    /// `POST /account/second-factors/{kind}/remove` (step-up): 303 back to the overview.
    /// - Throws: `DomainError(.stepUpRequired)`, `.secondFactorRequiredByPolicy`; `.notFound`
    ///   for a kind the account does not hold.
    func remove(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        guard let kind = SecondFactor.Kind(rawValue: request.pathParameters["kind"] ?? ""),
              try await context.secondFactors.remove(actor: actor, kind: kind,
                                                     context: APIContext.requestContext(request))
        else { throw DomainError(.notFound) }
        return PageResponse.redirect(to: Routes.secondFactorsPage)
    }

    /// `POST /account/second-factors/recovery-codes` (step-up): a new set, shown once;
    /// the old codes stop working.
    func regenerate(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let codes = try await context.secondFactors.regenerateRecoveryCodes(actor: actor,
                                                                           context: APIContext.requestContext(request))
        return RecoveryCodeSheet.response(codes, language: request.pageLanguage, continueTo: Routes.secondFactorsPage)
    }

    /// Whether the actor has a verified phone (SMS codes can reach them).
    static func hasVerifiedPhone(_ actor: Actor, context: APIContext) async throws -> Bool {
        try await context.contacts.contacts(of: actor).contains { $0.contact.kind == .phone && $0.contact.isVerified }
    }
}
