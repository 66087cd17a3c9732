import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/children` (issue 7): a guardian's linked children (name, login, school,
/// class, relation), the school's pending proposals with confirm and decline buttons,
/// the "link a child" forms — the slip's login and temporary password, or a teacher's
/// link code, each with the relation — and "new temporary password" for a child
/// without contacts (step-up, shown once on a `no-store` page).
///
/// Every form posts with the session's CSRF token and is done by the same Core service
/// as the JSON API (``GuardianshipService``), so a claim here is counted by the same
/// shared attempt counters as one through `/v1/me/children/claim`. The teacher
/// console's link-code and proposal actions are in `FamilyPages+Teacher.swift`.
struct FamilyPages: Sendable {
    let context: APIContext

    /// The form names on the children page.
    static let slipForm = "slip"
    static let codeForm = "code"

    /// `GET /account/children`.
    func overview(_ request: Request) async throws -> Response {
        let (actor, token) = try await Self.adultSession(request, context: context)
        return try await render(request, actor: actor, token: token)
    }

    /// The logged-in adult of a family page: a student has no family pages.
    /// - Throws: `DomainError(.unauthorized)` without a session, `.permissionDenied` for a student.
    static func adultSession(_ request: Request, context: APIContext) async throws -> (Actor, SessionToken) {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        guard actor.account.category == .adult else { throw DomainError(.permissionDenied) }
        return (actor, token)
    }

    /// The page, with `error` shown next to its field and the given status.
    func render(_ request: Request, actor: Actor, token: SessionToken, error: FieldError? = nil,
                status: HTTPStatus = .ok, fields: [String: String] = [:]) async throws -> Response
    {
        let language = request.pageLanguage
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let children = try await context.guardianship.children(of: actor)
        let proposals = try await context.guardianship.pendingProposals(of: actor)
        let body: HTML = """
            <h1>\(text(.childrenTitle))</h1>
            <h2>\(text(.childrenHeading))</h2>
            \(childrenTable(children, token: token, language: language))\
            \(proposalList(proposals, token: token, language: language))\
            \(linkForms(token: token, language: language, error: error, fields: fields))\
            <p><a href="\(Routes.trustedPersonsPage)">\(text(.trustedLink))</a></p>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            """
        return Page.render(title: text(.childrenTitle), language: language, body: body, status: status)
    }

    private func childrenTable(_ children: [ChildSummary], token: SessionToken, language: MessageLanguage) -> HTML {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        guard !children.isEmpty else { return "<p>\(text(.noChildren))</p>\n" }
        let rows: [HTML] = children.map { child in
            let reset = Form.render(
                action: Routes.path(Routes.childTemporaryPasswordPage, "account_id", child.studentID.rawValue),
                csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.newPasswordSubmit))
            return """
                <tr><td>\(child.name)</td><td class="secret">\(child.login?.rawValue ?? "")</td>\
                <td>\(child.school.name)</td><td>\(child.schoolClass.name)</td>\
                <td>\(Self.relationText(child.relation, language))</td>\
                <td><a href="\(Routes.acknowledgementsPage)#child-\(child.studentID.rawValue)">\
                \(AcknowledgementPageText.childLink.text(in: language))</a></td><td>\(reset)</td></tr>

                """
        }
        return """
            <div class="table-scroll"><table class="children">
            <thead><tr><th>\(text(.columnName))</th><th>\(text(.columnLogin))</th><th>\(text(.columnSchool))</th>\
            <th>\(text(.columnClass))</th><th>\(text(.columnRelation))</th><th></th><th></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            <p>\(text(.newPasswordNote))</p>

            """
    }

    private func proposalList(_ proposals: [ChildSummary], token: SessionToken, language: MessageLanguage) -> HTML {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        guard !proposals.isEmpty else { return .empty }
        let items: [HTML] = proposals.map { proposal in
            let id = proposal.linkID.rawValue
            let confirm = Form.render(action: Routes.path(Routes.childLinkConfirmPage, "link_id", id),
                                      csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.confirmSubmit))
            let decline = Form.render(action: Routes.path(Routes.childLinkDeclinePage, "link_id", id),
                                      csrfToken: token.csrfToken, fields: .empty, submitLabel: text(.declineSubmit))
            return """
                <li class="proposal"><strong>\(proposal.name)</strong>, \(proposal.school.name), \
                \(proposal.schoolClass.name) (\(Self.relationText(proposal.relation, language)))
                \(confirm)\(decline)</li>

                """
        }
        return """
            <h2>\(text(.proposalsHeading))</h2>
            <p>\(text(.proposalsExplanation))</p>
            <ul>
            \(items)</ul>

            """
    }

    private func linkForms(token: SessionToken, language: MessageLanguage, error: FieldError?,
                           fields: [String: String]) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let slip: HTML = """
            \(error?.box(form: Self.slipForm, field: nil) ?? .empty)\
            \(Self.input(form: Self.slipForm, name: "login", label: text(.slipLoginField), value: fields["login"] ?? "",
                         autocomplete: "off", error: error))\
            \(Self.input(form: Self.slipForm, name: "password", label: text(.slipPasswordField), type: "password",
                         autocomplete: "off", error: error))\
            \(Self.relationSelect(form: Self.slipForm, language: language))
            """
        let code: HTML = """
            \(error?.box(form: Self.codeForm, field: nil) ?? .empty)\
            \(Self.input(form: Self.codeForm, name: "link_code", label: text(.codeField), autocomplete: "off",
                         error: error))\
            \(Self.relationSelect(form: Self.codeForm, language: language))
            """
        return """
            <h2>\(text(.linkHeading))</h2>
            <p>\(text(.linkExplanation))</p>
            <p><small>\(ConsentPageText.linkingNotice.text(in: language)) <a href="\(Routes.accountConsentPage)">\(ConsentPageText.textLink.text(in: language))</a></small></p>
            <h3>\(text(.slipHeading))</h3>
            \(Form.render(action: Routes.childrenClaimPage, csrfToken: token.csrfToken, fields: slip,
                          submitLabel: text(.linkSubmit)))
            <h3>\(text(.codeHeading))</h3>
            \(Form.render(action: Routes.childrenClaimPage, csrfToken: token.csrfToken, fields: code,
                          submitLabel: text(.linkSubmit)))

            """
    }
}
