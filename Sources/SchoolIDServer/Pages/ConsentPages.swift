import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET|POST /consent` (the consent step of a login, issue 8) and `GET|POST
/// /account/consent` (the consents given, and giving the current one again).
///
/// The login page leaves a consent ticket (``Session/Purpose/consent``) in a cookie sent
/// only to `/consent` (``TicketCookie``) when the guardian has not accepted the current
/// text; the page shows the text and an accept button (login-CSRF double-submit cookie
/// and the Origin check, as on `/login`); accepting records the consents
/// (``ConsentService/accept(actor:version:channel:context:)``), sets the session cookie
/// and answers 303 to `/`.
struct ConsentPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    private var csrfCookie: LoginCSRFCookie { LoginCSRFCookie(secure: context.cookie.secure, path: Routes.consentPage) }
    private var ticketCookie: TicketCookie { TicketCookie(kind: .consent, secure: context.cookie.secure) }
    private var policy: ConsentPolicy { context.environment.policies.consent }

    /// `GET /consent`: the text and the accept button.
    func form(_ request: Request) async throws -> Response {
        guard await pending(request) != nil else { return toLogin() }
        return render(request.pageLanguage)
    }

    /// `POST /consent`: records the consents and opens the session.
    func submit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let fields = try request.formFields()
        guard let actor = await pending(request) else { return toLogin() }
        guard LoginCSRFCookie.isValid(request, fields: fields) else {
            return render(language, error: .csrfTokenInvalid, status: .forbidden)
        }
        if request.isCrossOrigin(scheme: scheme) {
            return render(language, error: .originNotAllowed, status: .forbidden)
        }
        do {
            guard let issued = try await context.consent.accept(actor: actor, version: Self.version(fields),
                                                                channel: .web, context: APIContext.requestContext(request))
            else { return toLogin() }
            var headers = context.sessionHeaders(issued)
            headers.add(ticketCookie.cleared())
            return PageResponse.redirect(to: Routes.home, headers: headers)
        } catch let error as DomainError where error.code == .unauthorized {
            return toLogin()
        } catch let error as DomainError {
            return render(language, error: error.code, status: error.code.httpStatus)
        }
    }

    /// `GET /account/consent`: the consents given and, when the current text is not
    /// yet accepted, the text and an accept button.
    func account(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        return try await renderAccount(request.pageLanguage, actor: actor, token: token)
    }

    /// `POST /account/consent`: gives consent to the current text (renewal).
    func accountSubmit(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        do {
            _ = try await context.consent.accept(actor: actor, version: Self.version(fields), channel: .web,
                                                 context: APIContext.requestContext(request))
        } catch let error as DomainError {
            return try await renderAccount(request.pageLanguage, actor: actor, token: token, error: error.code,
                                           status: error.code.httpStatus)
        }
        return PageResponse.redirect(to: Routes.accountConsentPage)
    }

    /// The `consent_version` field (0 when missing or not a number: refused as outdated).
    private static func version(_ fields: [String: String]) -> Int { Int(fields["consent_version"] ?? "") ?? 0 }

    /// The text of the current consent, its operator and version, as HTML paragraphs.
    static func textBlock(_ policy: ConsentPolicy, language: MessageLanguage) -> HTML {
        let text = { (key: ConsentPageText) in key.text(in: language) }
        let paragraphs = policy.text(language).components(separatedBy: "\n\n")
            .map { paragraph -> HTML in "<p>\(paragraph.trimmingCharacters(in: .whitespacesAndNewlines))</p>\n" }
        return """
            <section class="consent-text">
            <p><small>\(text(.operatorLabel)) \(policy.operatorName(language)) · \(text(.versionLabel)) \(policy.currentTextVersion)</small></p>
            \(paragraphs)</section>

            """
    }

    /// The usable consent ticket's actor, if the browser holds one.
    private func pending(_ request: Request) async -> Actor? {
        guard let ticket = ticketCookie.ticket(in: request) else { return nil }
        return try? await context.sessions.authenticate(ticket, purpose: .consent)
    }

    /// 303 to `/login`, clearing a ticket that is missing, used or expired.
    private func toLogin() -> Response {
        var headers = HTTPHeaders()
        headers.add(ticketCookie.cleared())
        return PageResponse.redirect(to: Routes.loginPage, headers: headers)
    }

    private func acceptForm(action: String, csrfToken: String, language: MessageLanguage) -> HTML {
        let hidden: HTML = "<input type=\"hidden\" name=\"consent_version\" value=\"\(policy.currentTextVersion)\">\n"
        return Form.render(action: action, csrfToken: csrfToken, fields: hidden,
                           submitLabel: ConsentPageText.acceptSubmit.text(in: language))
    }

    private func render(_ language: MessageLanguage, error: ErrorCode? = nil, status: HTTPStatus = .ok) -> Response {
        let text = { (key: ConsentPageText) in key.text(in: language) }
        let (token, cookie) = csrfCookie.issue(random: context.environment.random)
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.loginIntro))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(Self.textBlock(policy, language: language))\
            \(acceptForm(action: Routes.consentPage, csrfToken: token, language: language))
            """
        var response = Page.render(title: text(.title), language: language, body: body, status: status)
        response.headers.set("Cache-Control", "no-store")
        response.headers.add(cookie)
        return response
    }

    private func renderAccount(_ language: MessageLanguage, actor: Actor, token: SessionToken, error: ErrorCode? = nil,
                               status: HTTPStatus = .ok) async throws -> Response
    {
        let text = { (key: ConsentPageText) in key.text(in: language) }
        let records = try await context.consent.records(of: actor)
        let current = records.contains {
            $0.basis == .own && $0.givenBy == actor.account.id && $0.textVersion >= policy.currentTextVersion
        }
        let rows: [HTML] = records.map { record in
            let basis = record.basis == .own ? text(.givenOwn) : text(.givenForChild)
            let subject = record.basis == .own ? "" : " (\(record.subjectID.rawValue))"
            return "<li>\(basis)\(subject) · \(text(.versionLabel)) \(record.textVersion) · \(record.channel.rawValue) · \(ISODate.string(record.givenAt))</li>\n"
        }
        let list: HTML = rows.isEmpty ? "<p>\(text(.givenNone))</p>\n" : "<ul>\n\(rows)</ul>\n"
        let action: HTML = current ? "<p>\(text(.currentGiven))</p>\n"
            : acceptForm(action: Routes.accountConsentPage, csrfToken: token.csrfToken, language: language)
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.accountIntro))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(Self.textBlock(policy, language: language))\
            <h2>\(text(.givenTitle))</h2>
            \(list)\(action)
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.title), language: language, body: body, status: status)
    }
}
