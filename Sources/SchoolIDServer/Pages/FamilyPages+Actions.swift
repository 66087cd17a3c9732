import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

extension FamilyPages {
    /// `POST /account/children/claim`: the slip form (`login`, `password`, `relation`) or
    /// the code form (`link_code`, `relation`). `303` back to the list on success; the
    /// page again with the error next to its field otherwise (throttling is an error
    /// page with `Retry-After`).
    func claim(_ request: Request) async throws -> Response {
        let (actor, token) = try await Self.adultSession(request, context: context)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        let relation = try Self.relation(fields)
        let requestContext = APIContext.requestContext(request)
        let byCode = fields["link_code"] != nil
        do {
            if let code = fields["link_code"] {
                _ = try await context.guardianship.claim(actor: actor, linkCode: code, relation: relation,
                                                         context: requestContext)
            } else {
                _ = try await context.guardianship.claim(actor: actor, login: fields["login"] ?? "",
                                                         password: fields["password"] ?? "", relation: relation,
                                                         context: requestContext)
            }
        } catch let error as DomainError where Self.isShownOnForm(error.code) {
            let form = byCode ? Self.codeForm : Self.slipForm
            let field = byCode ? Self.codeField(error.code) : Self.slipField(error.code)
            return try await render(request, actor: actor, token: token,
                                    error: FieldError(form: form, field: field, message: error.message(in: request.pageLanguage)),
                                    status: error.code.httpStatus, fields: ["login": fields["login"] ?? ""])
        }
        return PageResponse.redirect(to: Routes.childrenPage)
    }

    /// Errors the children page shows on its forms; the rest (no session, step-up, a
    /// student) keep their usual page handling.
    static func isShownOnForm(_ code: ErrorCode) -> Bool {
        switch code {
        case .unauthorized, .stepUpRequired, .permissionDenied, .csrfTokenInvalid: false
        default: true
        }
    }

    private static func slipField(_ code: ErrorCode) -> String? {
        switch code {
        case .loginInvalidLength, .loginInvalidCharacter: "login"
        case .invalidCredentials, .accountLocked: "password"
        case .guardianLinkExists, .guardianLimitReached, .enrolmentNotFound: nil
        default: code.rawValue.hasPrefix("password") ? "password" : nil
        }
    }

    private static func codeField(_ code: ErrorCode) -> String? {
        code == .linkCodeInvalid ? "link_code" : nil
    }

    /// `POST /account/children/links/{link_id}/confirm` and `…/decline`: `303` back to the list.
    func respond(_ request: Request, confirm: Bool) async throws -> Response {
        let (actor, token) = try await Self.adultSession(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let id: GuardianLink.ID = try request.identifier("link_id")
        let requestContext = APIContext.requestContext(request)
        if confirm {
            _ = try await context.guardianship.confirm(actor: actor, linkID: id, context: requestContext)
        } else {
            _ = try await context.guardianship.decline(actor: actor, linkID: id, context: requestContext)
        }
        return PageResponse.redirect(to: Routes.childrenPage)
    }

    /// `POST /account/children/{account_id}/temporary-password` (step-up): the child's new
    /// temporary password, shown once (`Cache-Control: no-store`, printable).
    func resetChildPassword(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await Self.adultSession(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let studentID: Account.ID = try request.identifier("account_id")
        let temporary = try await context.guardianship.resetChildPassword(actor: actor, studentID: studentID,
                                                                          context: APIContext.requestContext(request))
        let login = try await context.guardianship.children(of: actor).first { $0.studentID == studentID }?.login
        let text = { (key: FamilyPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.childPasswordTitle))</h1>
            <p class="notice">\(text(.childPasswordExplanation))</p>
            <dl>
            <dt>\(text(.loginLabel))</dt><dd class="secret">\(login?.rawValue ?? "")</dd>
            <dt>\(text(.temporaryPasswordLabel))</dt><dd class="secret">\(temporary.text)</dd>
            <dt>\(text(.validUntil))</dt><dd>\(ISODate.string(temporary.expiresAt))</dd>
            </dl>
            <p class="no-print"><a href="\(Routes.childrenPage)">\(text(.backToChildren))</a></p>
            """
        return Self.noStore(Page.render(title: text(.childPasswordTitle), language: language, body: body, printable: true))
    }

    /// `response` marked never to be stored (RFC 9111 §5.2.2.5): it shows a secret once.
    static func noStore(_ response: Response) -> Response {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
