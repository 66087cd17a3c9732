import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The server-rendered HTML pages: login, password change, account, the teacher
/// console, batch progress and the printable slips.
///
/// Pages never call `/v1/*`: every form posts to its own page route
/// (`application/x-www-form-urlencoded`, or `multipart/form-data` for the roster) with
/// a `csrf_token` field. Errors become HTML, not the JSON error shape: a missing or
/// expired session is `303` to `/login`, anything else an error page with the
/// catalogue message and the code's status, except `step_up_required`, which is `303`
/// to `/step-up?return_to=<the action's page>` (``StepUpPages``).
struct PageRoutes: Sendable {
    let context: APIContext
    /// `https` when the service is reached over TLS (directly or behind a proxy), else `http`.
    let scheme: String
    /// The public base URL (`--issuer`) when the service runs behind a proxy; slips
    /// print it rather than the Host the proxy forwarded.
    let publicBaseURL: String?
    /// The keyring (the active ack key signs receipts) and the issuer receipts name.
    let keyring: Keyring
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        let login = LoginPages(context: context, scheme: scheme)
        let password = PasswordChangePages(context: context)
        let teacher = TeacherPages(context: context)
        let batches = BatchPages(context: context, scheme: scheme, publicBaseURL: publicBaseURL)
        let registration = RegistrationPages(context: context, scheme: scheme)
        let recovery = RecoveryPages(context: context, scheme: scheme)
        add(&router, .GET, Routes.home) { try await login.home($0) }
        add(&router, .GET, Routes.loginPage) { try await login.form($0) }
        add(&router, .POST, Routes.loginPage) { try await login.submit($0) }
        add(&router, .POST, Routes.logoutPage) { try await login.logout($0) }
        let account = AccountPages(context: context)
        add(&router, .GET, Routes.accountPage) { try await account.overview($0) }
        let secondFactor = SecondFactorPages(context: context, scheme: scheme)
        let enrolment = EnrolmentPages(context: context, scheme: scheme)
        add(&router, .GET, Routes.loginSecondFactorPage) { try await secondFactor.form($0) }
        add(&router, .POST, Routes.loginSecondFactorPage) { try await secondFactor.submit($0) }
        add(&router, .GET, Routes.loginEnrolPage) { try await enrolment.form($0) }
        add(&router, .POST, Routes.loginEnrolPage) { try await enrolment.submit($0) }
        add(&router, .GET, Routes.passwordChangePage) { try await password.form($0) }
        add(&router, .POST, Routes.passwordChangePage) { try await password.submit($0) }
        add(&router, .GET, Routes.teacherPage) { try await teacher.classes($0) }
        add(&router, .GET, Routes.teacherClassPage) { try await teacher.classPage($0) }
        add(&router, .POST, Routes.teacherClassUpload) { try await teacher.upload($0) }
        add(&router, .POST, Routes.teacherReissue, stepUpReturn: .formField(fallback: Routes.teacherPage)) {
            try await teacher.reissue($0)
        }
        add(&router, .GET, Routes.batchPage) { try await batches.progress($0) }
        add(&router, .GET, Routes.batchSlipsPage) { try await batches.slips($0) }
        add(&router, .GET, Routes.batchCSVPage) { try await batches.csv($0) }
        add(&router, .GET, Routes.registerPage) { try await registration.form($0) }
        add(&router, .POST, Routes.registerPage) { try await registration.submit($0) }
        add(&router, .GET, Routes.registerCodePage) { try await registration.codeForm($0) }
        add(&router, .POST, Routes.registerCodePage) { try await registration.codeSubmit($0) }
        add(&router, .GET, Routes.registerEmailPage) { try await registration.emailForm($0) }
        add(&router, .POST, Routes.registerEmailPage) { try await registration.emailSubmit($0) }
        let security = SecurityPages(context: context)
        add(&router, .GET, Routes.securityPage) { try await security.overview($0) }
        add(&router, .POST, Routes.securitySessionRevoke) { try await security.revoke($0) }
        add(&router, .POST, Routes.securityRevokeOthers) { try await security.revokeOthers($0) }
        add(&router, .GET, Routes.securityPhonePage) { try await security.changeForm($0, kind: .phone) }
        add(&router, .GET, Routes.securityEmailPage) { try await security.changeForm($0, kind: .email) }
        add(&router, .POST, Routes.securityPhonePage, stepUpReturn: .page(Routes.securityPhonePage)) {
            try await security.startChange($0, kind: .phone)
        }
        add(&router, .POST, Routes.securityEmailPage, stepUpReturn: .page(Routes.securityEmailPage)) {
            try await security.startChange($0, kind: .email)
        }
        add(&router, .POST, Routes.securityConfirmPage) { try await security.confirm($0) }
        let deletion = AccountDeletionPages(context: context)
        add(&router, .GET, Routes.accountDeletePage) { try await deletion.form($0) }
        add(&router, .POST, Routes.accountDeletePage, stepUpReturn: .page(Routes.accountDeletePage)) {
            try await deletion.submit($0)
        }
        add(&router, .GET, Routes.recoverPage) { try await recovery.choose($0) }
        add(&router, .GET, Routes.recoverLoginPage) { try await recovery.loginForm($0) }
        add(&router, .POST, Routes.recoverLoginPage) { try await recovery.submitLogin($0) }
        add(&router, .GET, Routes.recoverPasswordPage) { try await recovery.passwordForm($0) }
        add(&router, .POST, Routes.recoverPasswordPage) { try await recovery.submitPassword($0) }
        add(&router, .GET, Routes.recoverPasswordFlowPage) { try await recovery.flowForm($0) }
        add(&router, .POST, Routes.recoverPasswordFlowPage) { try await recovery.submitFlow($0) }
        let consent = ConsentPages(context: context, scheme: scheme)
        add(&router, .GET, Routes.consentPage) { try await consent.form($0) }
        add(&router, .POST, Routes.consentPage) { try await consent.submit($0) }
        add(&router, .GET, Routes.accountConsentPage) { try await consent.account($0) }
        add(&router, .POST, Routes.accountConsentPage) { try await consent.accountSubmit($0) }
        registerFactorPages(in: &router)
        registerFamilyPages(in: &router)
        registerAcknowledgementPages(in: &router)
        registerAdminPages(in: &router)
        let export = ExportPages(context: context)
        add(&router, .GET, Routes.exportPage) { try await export.overview($0) }
        add(&router, .GET, Routes.exportDownloadPage) { try await export.download($0) }
        let languages = LanguagePages(secure: context.cookie.secure)
        add(&router, .GET, Routes.languagePage) { try await languages.choose($0) }
        Assets.register(in: &router)
    }

    /// `/account/children`, `/account/trusted-persons` and the teacher console's family actions.
    private func registerFamilyPages(in router: inout Router) {
        let family = FamilyPages(context: context)
        let trusted = TrustedPersonPages(context: context)
        add(&router, .GET, Routes.childrenPage) { try await family.overview($0) }
        add(&router, .POST, Routes.childrenClaimPage) { try await family.claim($0) }
        add(&router, .POST, Routes.childLinkConfirmPage) { try await family.respond($0, confirm: true) }
        add(&router, .POST, Routes.childLinkDeclinePage) { try await family.respond($0, confirm: false) }
        add(&router, .POST, Routes.childTemporaryPasswordPage, stepUpReturn: .page(Routes.childrenPage)) {
            try await family.resetChildPassword($0)
        }
        let teacherReturn = StepUpReturn.formField(fallback: Routes.teacherPage)
        add(&router, .POST, Routes.teacherLinkCode, stepUpReturn: teacherReturn) { try await family.issueLinkCode($0) }
        add(&router, .POST, Routes.teacherGuardianProposal, stepUpReturn: teacherReturn) { try await family.propose($0) }
        add(&router, .GET, Routes.trustedPersonsPage) { try await trusted.overview($0) }
        add(&router, .POST, Routes.trustedInvitePage, stepUpReturn: .page(Routes.trustedPersonsPage)) {
            try await trusted.invite($0)
        }
        add(&router, .POST, Routes.trustedAcceptPage) { try await trusted.accept($0) }
        add(&router, .POST, Routes.trustedDeclinePage) { try await trusted.respond($0) { $0.decline } }
        add(&router, .POST, Routes.trustedRevokePage) { try await trusted.respond($0) { $0.revoke } }
        add(&router, .POST, Routes.trustedApprovePage) { try await trusted.respond($0) { $0.approve } }
    }

    /// `/account/acknowledgements…` (issue 10).
    private func registerAcknowledgementPages(in router: inout Router) {
        let acknowledgements = AcknowledgementPages(context: context, keyring: keyring, issuer: issuer)
        add(&router, .GET, Routes.acknowledgementsPage) { try await acknowledgements.overview($0) }
        add(&router, .GET, Routes.acknowledgementPage) { try await acknowledgements.detail($0) }
        add(&router, .GET, Routes.acknowledgementReceiptPage) { try await acknowledgements.receipt($0) }
        add(&router, .POST, Routes.acknowledgementCodePage) { try await acknowledgements.sendCode($0) }
        add(&router, .POST, Routes.acknowledgementSignPage) { try await acknowledgements.sign($0) }
        add(&router, .POST, Routes.acknowledgementWithdrawPage) { try await acknowledgements.withdraw($0) }
    }

    /// `/account/second-factors/…` and `/step-up`.
    private func registerFactorPages(in router: inout Router) {
        let factors = FactorPages(context: context)
        let stepUp = StepUpPages(context: context)
        let overview = StepUpReturn.page(Routes.secondFactorsPage)
        add(&router, .GET, Routes.secondFactorsPage) { try await factors.overview($0) }
        add(&router, .POST, Routes.secondFactorsTOTPPage, stepUpReturn: overview) { try await factors.beginTOTP($0) }
        add(&router, .POST, Routes.secondFactorsTOTPConfirmPage, stepUpReturn: overview) {
            try await factors.confirmTOTP($0)
        }
        add(&router, .GET, Routes.secondFactorsSMSPage) { try await factors.smsForm($0) }
        add(&router, .POST, Routes.secondFactorsSMSPage, stepUpReturn: overview) { try await factors.enrolSMS($0) }
        add(&router, .POST, Routes.secondFactorRemovePage, stepUpReturn: overview) { try await factors.remove($0) }
        add(&router, .POST, Routes.recoveryCodesPage, stepUpReturn: overview) { try await factors.regenerate($0) }
        add(&router, .GET, Routes.stepUpPage) { try await stepUp.form($0) }
        add(&router, .POST, Routes.stepUpPage) { try await stepUp.submit($0) }
    }

    /// The page a step-up returns to when a page action answers `step_up_required`.
    enum StepUpReturn: Sendable {
        /// The request's own path for `GET`, else `/account`.
        case requestPage
        /// A fixed page: the one whose form posted the action.
        case page(String)
        /// The form's `return_to` field (the posting page names itself, e.g. a class
        /// page's reissue buttons), else `fallback`.
        case formField(fallback: String)

        /// The page for `request` (checked again by ``StepUpPages/redirect(returningTo:)``).
        func page(for request: Request) -> String {
            switch self {
            case .requestPage: request.method == .GET ? request.path : StepUpPages.defaultReturn
            case .page(let page): page
            case .formField(let fallback):
                (try? request.formFields())?["return_to"].flatMap(StepUpPages.returnPath) ?? fallback
            }
        }
    }

    func add(_ router: inout Router, _ method: HTTPMethod, _ path: String,
                     stepUpReturn: StepUpReturn = .requestPage,
                     _ handler: @escaping @Sendable (Request) async throws -> Response)
    {
        router.add(method, path) { request in
            // The frame's language switch returns to this page (``Page/currentTarget``).
            try await Page.$currentTarget.withValue(Page.target(of: request)) {
                do {
                    return try await handler(request)
                } catch let error as DomainError where error.code == .stepUpRequired {
                    // The person proves a factor and repeats the action (its form is not replayed).
                    return StepUpPages.redirect(returningTo: stepUpReturn.page(for: request))
                } catch {
                    return try Self.page(for: error, language: request.pageLanguage)
                }
            }
        }
    }

    /// Runs a page handler registered outside ``add(_:_:_:stepUpReturn:_:)`` (the OAuth
    /// authorize and logout pages): binds the language switch's return target and turns
    /// an error into its page.
    static func guarded(_ request: Request, _ body: () async throws -> Response) async throws -> Response {
        try await Page.$currentTarget.withValue(Page.target(of: request)) {
            do {
                return try await body()
            } catch {
                return try page(for: error, language: request.pageLanguage)
            }
        }
    }

    /// The page for an error a page handler threw; errors that are not ours go on to
    /// the pipeline (logged, then the HTML `500` page of ``PageFallback``).
    static func page(for error: any Error, language: MessageLanguage) throws -> Response {
        switch error {
        case let error as DomainError where error.code == .unauthorized:
            return PageResponse.redirect(to: Routes.loginPage)
        case let error as APIError where error.code == .unauthorized:
            return PageResponse.redirect(to: Routes.loginPage)
        case let error as DomainError:
            return PageResponse.error(error.code, language: language)
        case let error as APIError:
            return PageResponse.error(error.code, language: language, status: error.status, headers: error.headers)
        case let error as ThrottleError:
            return PageResponse.error(error.code, language: language, status: .tooManyRequests,
                                      headers: retryAfter(error.retryAfterSeconds))
        case let error as BlockingWorkPool.Saturated:
            return PageResponse.error(.serviceBusy, language: language, headers: retryAfter(Int64(error.retryAfterSeconds)))
        default:
            throw error
        }
    }

    /// `Retry-After: <seconds>` (RFC 9110 §10.2.3).
    static func retryAfter(_ seconds: Int64) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.set("Retry-After", String(seconds))
        return headers
    }

    /// The logged-in staff member of a page request, and their session token.
    /// - Throws: `DomainError(.unauthorized)` (→ 303 to `/login`) without a session,
    ///   `.permissionDenied` for someone who is not staff.
    static func staff(_ request: Request, context: APIContext) async throws -> (Actor, SessionToken) {
        let (actor, token) = try await session(request, context: context)
        guard actor.isStaff else { throw DomainError(.permissionDenied) }
        return (actor, token)
    }

    /// The logged-in person of a page request, and their session token.
    /// - Throws: `DomainError(.unauthorized)` (→ 303 to `/login`) without a session.
    static func session(_ request: Request, context: APIContext) async throws -> (Actor, SessionToken) {
        guard let session = await context.authenticator.pageSession(request) else { throw DomainError(.unauthorized) }
        return session
    }
}
