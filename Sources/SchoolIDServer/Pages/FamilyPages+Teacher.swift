import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The teacher console's family actions, per student on the class page: "link code"
/// (shown once, printable) and "propose a guardian" (verified phone or SNILS and the
/// relation), done by ``GuardianshipService`` as `POST /v1/students/{id}/link-codes` and
/// `…/guardian-proposals` are.
extension FamilyPages {
    /// The proposal form's name.
    static let proposalForm = "proposal"

    /// The two actions of a class page row; `classPage` is the hidden `return_to` field
    /// naming the class page (where a step-up and the result pages come back to).
    static func teacherActions(studentID: Account.ID, classPage: HTML, token: SessionToken,
                               language: MessageLanguage) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let id = studentID.rawValue
        let code = Form.render(action: Routes.path(Routes.teacherLinkCode, "account_id", id), csrfToken: token.csrfToken,
                               fields: classPage, submitLabel: text(.linkCodeSubmit))
        return """
            \(code)<details><summary>\(text(.proposeSummary))</summary>
            \(proposalForm(studentID: studentID, classPage: classPage, token: token, language: language))</details>
            """
    }

    private static func proposalForm(studentID: Account.ID, classPage: HTML, token: SessionToken,
                                     language: MessageLanguage, error: FieldError? = nil,
                                     fields: [String: String] = [:]) -> HTML
    {
        let text = { (key: FamilyPageText) in key.text(in: language) }
        // Each row has its own form: the student id keeps element ids unique on the page.
        let form = "\(proposalForm)-\(studentID.rawValue)"
        let inputs: HTML = """
            \(classPage)\(error?.box(form: form, field: nil) ?? .empty)\
            \(input(form: form, name: "phone", label: text(.phoneField), type: "tel", value: fields["phone"] ?? "",
                    autocomplete: "off", required: false, error: error))\
            \(input(form: form, name: "snils", label: text(.snilsField), value: fields["snils"] ?? "", autocomplete: "off",
                    required: false, error: error))\
            <p>\(text(.identifierNote))</p>
            \(relationSelect(form: form, language: language))
            """
        return """
            <p>\(text(.proposeExplanation))</p>
            \(Form.render(action: Routes.path(Routes.teacherGuardianProposal, "account_id", studentID.rawValue),
                          csrfToken: token.csrfToken, fields: inputs, submitLabel: text(.proposeSubmit)))
            """
    }

    /// The hidden `return_to` field and the page it names, from a teacher form.
    private static func classReturn(_ fields: [String: String]) -> (HTML, String) {
        let page = fields["return_to"].flatMap(StepUpPages.returnPath) ?? Routes.teacherPage
        return ("<input type=\"hidden\" name=\"return_to\" value=\"\(page)\">\n", page)
    }

    /// `POST /teacher/students/{account_id}/link-code`: a new link code, shown once on a
    /// printable `no-store` page with the student's login and the code's expiry.
    func issueLinkCode(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let studentID: Account.ID = try request.identifier("account_id")
        let (record, code) = try await context.guardianship.issueLinkCode(by: .person(actor), studentID: studentID,
                                                                          context: APIContext.requestContext(request))
        let login = try await context.environment.storage.read { tx in try tx.accounts.account(studentID)?.login }
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.linkCodeTitle))</h1>
            <div class="slip">
            <p>\(text(.linkCodeExplanation))</p>
            <dl>
            <dt>\(text(.studentLabel))</dt><dd class="secret">\(login?.rawValue ?? "")</dd>
            <dt>\(text(.codeField))</dt><dd class="secret link-code">\(code)</dd>
            <dt>\(text(.validUntil))</dt><dd>\(ISODate.string(record.expiresAt))</dd>
            </dl>
            </div>
            <p class="no-print"><a href="\(Self.classReturn(fields).1)">\(text(.backToClass))</a></p>
            """
        return Self.noStore(Page.render(title: text(.linkCodeTitle), language: language, body: body, printable: true))
    }

    /// `POST /teacher/students/{account_id}/guardian-proposal`: a pending link to the
    /// registered adult with that verified phone or SNILS; a notice page, or the form
    /// again with the error next to its field.
    func propose(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let studentID: Account.ID = try request.identifier("account_id")
        let relation = try Self.relation(fields)
        let (classPage, back) = Self.classReturn(fields)
        let text = { (key: FamilyPageText) in key.text(in: language) }
        do {
            let guardian: GuardianIdentifier = switch try Self.phoneOrSNILS(fields) {
            case .phone(let phone): .phone(phone)
            case .snils(let snils): .snils(snils)
            }
            _ = try await context.guardianship.propose(by: .person(actor), studentID: studentID, guardian: guardian,
                                                       relation: relation, context: APIContext.requestContext(request))
        } catch let error as DomainError where Self.isShownOnForm(error.code) {
            let form = "\(Self.proposalForm)-\(studentID.rawValue)"
            let field: String? = switch error.code {
            case .phoneInvalidFormat, .phoneInvalidLength, .snilsInvalid, .guardianNotFound, .inviteeInvalid:
                Self.identifierField(error.code)
            default: nil
            }
            let failed = FieldError(form: form, field: field, message: error.message(in: language))
            let body: HTML = """
                <h1>\(text(.proposeSummary))</h1>
                \(Self.proposalForm(studentID: studentID, classPage: classPage, token: token, language: language,
                                    error: failed, fields: fields))
                <p><a href="\(back)">\(text(.backToClass))</a></p>
                """
            return Page.render(title: text(.proposeSummary), language: language, body: body, status: error.code.httpStatus)
        }
        let body: HTML = """
            <h1>\(text(.proposedTitle))</h1>
            <p class="notice">\(text(.proposedExplanation))</p>
            <p><a href="\(back)">\(text(.backToClass))</a></p>
            """
        return Page.render(title: text(.proposedTitle), language: language, body: body)
    }
}
