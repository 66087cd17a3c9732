import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

extension AcknowledgementPages {
    /// The form names on the confirmation page (errors are tied to one of them, or to
    /// ``pageForm`` for the page as a whole).
    static let smsForm = "sms", codeForm = "code", passwordForm = "password", withdrawForm = "withdraw"
    static let pageForm = "page"

    /// The code form of a sent SMS code: its challenge, and (right after sending) when
    /// the code stops working and when another may be sent.
    struct CodeForm: Sendable {
        let challenge: Challenge.ID
        let expiresAt: UnixTime?
        let resendAfter: UnixTime?
    }

    /// `GET /account/acknowledgements/{id}`.
    func detail(_ request: Request) async throws -> Response {
        let (actor, token) = try await FamilyPages.adultSession(request, context: context)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        return try await renderDetail(request, actor: actor, token: token,
                                      view: try await service.acknowledgement(id, guardian: actor))
    }

    /// The confirmation page: the title, the child, the requesting service, the document
    /// id, the full digest grouped for comparison and the deadline; then, while pending,
    /// the SMS form (or, once a code was sent, the code form with its challenge) and the
    /// password form; once signed, the signature, its ledger index, the receipt and, for
    /// its signer, the withdraw form. `error` shows next to its field.
    func renderDetail(_ request: Request, actor: Actor, token: SessionToken, view: AcknowledgementService.View,
                      code: CodeForm? = nil, error: FamilyPages.FieldError? = nil,
                      status: HTTPStatus = .ok) async throws -> Response
    {
        let language = request.pageLanguage
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let ack = view.acknowledgement
        let child = try await children(of: actor).first { $0.id == ack.studentID }
        let client = try await clientNames([ack.clientID])[ack.clientID] ?? ack.clientID.rawValue
        let deadline = ack.deadline.map(Self.time) ?? text(.noDeadline)
        let actions: HTML = switch ack.state {
        case .pending: signForms(ack, token: token, code: code, error: error, language: language)
        case .signed, .withdrawn:
            signatureBlock(ack, signature: try await signature(of: ack), actor: actor, token: token, error: error,
                           language: language)
        }
        let body: HTML = """
            <h1>\(text(.detailTitle))</h1>
            <p>\(text(.detailExplanation))</p>
            \(error?.box(form: Self.pageForm, field: nil) ?? .empty)\
            <h2 class="acknowledgement-title">\(Self.title(view, language))</h2>
            <dl class="acknowledgement">
            <dt>\(text(.childLabel))</dt><dd>\(child?.name ?? "")</dd>
            <dt>\(text(.requestedBy))</dt><dd>\(client)</dd>
            <dt>\(text(.documentLabel))</dt><dd class="secret">\(ack.documentID)</dd>
            <dt>\(text(.digestLabel))</dt><dd><code class="secret digest">\(Self.groupedDigest(ack.digest))</code>
            <br><small>\(text(.digestExplanation))</small></dd>
            <dt>\(text(.deadlineLabel))</dt><dd>\(deadline)</dd>
            </dl>
            \(actions)\
            <p><a href="\(Routes.acknowledgementsPage)">\(text(.backToList))</a></p>
            """
        return FamilyPages.noStore(Page.render(title: text(.detailTitle), language: language, body: body,
                                               status: status))
    }

    /// The digest in groups of four hex digits, four groups a line, so a person can
    /// compare it group by group with the diary service's page.
    static func groupedDigest(_ digest: String) -> HTML {
        let characters = Array(digest)
        let groups = stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
        let lines = stride(from: 0, to: groups.count, by: 4).map { groups[$0..<min($0 + 4, groups.count)].joined(separator: " ") }
        let rendered: [HTML] = lines.enumerated().map { index, line in index == 0 ? "\(line)" : "<br>\(line)" }
        return "\(rendered)"
    }

    private func signForms(_ ack: Acknowledgement, token: SessionToken, code: CodeForm?,
                           error: FamilyPages.FieldError?, language: MessageLanguage) -> HTML
    {
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let send = Form.render(action: Self.path(Routes.acknowledgementCodePage, ack.id), csrfToken: token.csrfToken,
                               fields: error?.box(form: Self.smsForm, field: nil) ?? .empty,
                               submitLabel: text(.smsSubmit))
        var sms: HTML = "<p>\(text(.smsExplanation))</p>\n\(send)\n"
        if let code {
            let fields: HTML = """
                <input type="hidden" name="method" value="sms-otp">
                <input type="hidden" name="challenge_id" value="\(code.challenge.rawValue)">
                \(error?.box(form: Self.codeForm, field: nil) ?? .empty)\
                \(FamilyPages.input(form: Self.codeForm, name: "code", label: text(.codeField), type: "text",
                                    autocomplete: "one-time-code", error: error))
                """
            let confirm = Form.render(action: Self.path(Routes.acknowledgementSignPage, ack.id),
                                      csrfToken: token.csrfToken, fields: fields, submitLabel: text(.codeSubmit))
            let expires: HTML = code.expiresAt.map { "<p>\(text(.codeSentExplanation)) \(Self.time($0)).</p>\n" } ?? .empty
            let resend: HTML = code.resendAfter.map {
                "<p class=\"resend\"><small>\(text(.resendAfterLabel)) \(Self.time($0)).</small></p>\n"
            } ?? .empty
            sms = """
                <h3>\(text(.codeHeading))</h3>
                \(expires)\(confirm)
                \(resend)\(send)

                """
        }
        let password: HTML = """
            <input type="hidden" name="method" value="password">
            \(error?.box(form: Self.passwordForm, field: nil) ?? .empty)\
            \(FamilyPages.input(form: Self.passwordForm, name: "password", label: text(.passwordField), type: "password",
                                autocomplete: "current-password", error: error))
            """
        return """
            <h2>\(text(.smsHeading))</h2>
            \(sms)\
            <h2>\(text(.passwordHeading))</h2>
            <p>\(text(.passwordExplanation))</p>
            \(Form.render(action: Self.path(Routes.acknowledgementSignPage, ack.id), csrfToken: token.csrfToken,
                          fields: password, submitLabel: text(.passwordSubmit)))

            """
    }

    private func signatureBlock(_ ack: Acknowledgement, signature: Signature, actor: Actor, token: SessionToken,
                                error: FamilyPages.FieldError?, language: MessageLanguage) -> HTML
    {
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let withdrawn = ack.state == .withdrawn
        let receipt: HTML = signature.receipt == nil ? .empty : """
            <p><a href="\(Self.path(Routes.acknowledgementReceiptPage, ack.id))" download>\(text(.receiptLink))</a></p>

            """
        let withdrawnAt: HTML = ack.withdrawnAt.map {
            "<dt>\(text(.withdrawnAtLabel))</dt><dd>\(Self.time($0))</dd>\n"
        } ?? .empty
        var withdraw: HTML = .empty
        if !withdrawn, ack.signedBy == actor.account.id {
            let fields: HTML = """
                \(error?.box(form: Self.withdrawForm, field: nil) ?? .empty)\
                \(FamilyPages.input(form: Self.withdrawForm, name: "password", label: text(.passwordField),
                                    type: "password", autocomplete: "current-password", error: error))
                """
            withdraw = """
                <h2>\(text(.withdrawHeading))</h2>
                <p>\(text(.withdrawExplanation))</p>
                \(Form.render(action: Self.path(Routes.acknowledgementWithdrawPage, ack.id), csrfToken: token.csrfToken,
                              fields: fields, submitLabel: text(.withdrawSubmit)))

                """
        }
        return """
            <p class="notice">\(text(withdrawn ? .withdrawnExplanation : .signedExplanation))</p>
            <dl class="signature">
            <dt>\(text(.signedAtLabel))</dt><dd>\(ack.signedAt.map(Self.time) ?? "")</dd>
            <dt>\(text(.signedByLabel))</dt><dd>\(Self.signerText(ack, signature: signature, actor: actor, language: language))</dd>
            <dt>\(text(.methodLabel))</dt><dd>\(Self.methodText(signature.method, language))</dd>
            <dt>\(text(.ledgerIndexLabel))</dt><dd class="ledger-index">\(ack.ledgerIndex ?? 0)</dd>
            \(withdrawnAt)</dl>
            \(receipt)\(withdraw)
            """
    }

    /// The page after signing: the receipt to download and its ledger index (`no-store`).
    func signedPage(_ entry: AcknowledgementSigningService.Entry, language: MessageLanguage) -> Response {
        let text = { (key: AcknowledgementPageText) in key.text(in: language) }
        let ack = entry.view.acknowledgement
        let body: HTML = """
            <h1>\(text(.successTitle))</h1>
            <p class="notice">\(text(.successExplanation))</p>
            <h2 class="acknowledgement-title">\(Self.title(entry.view, language))</h2>
            <dl class="signature">
            <dt>\(text(.signedAtLabel))</dt><dd>\(ack.signedAt.map(Self.time) ?? "")</dd>
            <dt>\(text(.ledgerIndexLabel))</dt><dd class="ledger-index">\(ack.ledgerIndex ?? 0)</dd>
            </dl>
            <p><a href="\(Self.path(Routes.acknowledgementReceiptPage, ack.id))" download>\(text(.receiptLink))</a></p>
            <p><a href="\(Self.path(Routes.acknowledgementPage, ack.id))">\(text(.detailTitle))</a></p>
            <p><a href="\(Routes.acknowledgementsPage)">\(text(.backToList))</a></p>
            """
        return FamilyPages.noStore(Page.render(title: text(.successTitle), language: language, body: body))
    }
}
