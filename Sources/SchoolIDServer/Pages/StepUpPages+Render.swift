import SchoolIDCore
import SchoolIDHTTP

extension StepUpPages {
    /// The step-up page: the code form for `mode` (none when the account has no way to
    /// prove a factor), the link between app and recovery codes, and the SMS button.
    /// Every form carries `return_to` (already checked) and the session's CSRF token.
    func render(_ language: MessageLanguage, token: SessionToken, methods: Methods, mode: Mode?, returnTo: String,
                error: ErrorCode? = nil, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response
    {
        let text = { (key: StepUpPageText) in key.text(in: language) }
        let factorText = { (key: SecondFactorPageText) in key.text(in: language) }
        let action = Routes.stepUpPage
        let back: HTML = "<input type=\"hidden\" name=\"return_to\" value=\"\(returnTo)\">\n"
        var sections: [HTML] = []
        switch mode {
        case .totp:
            sections.append("<p>\(text(.totpIntro))</p>\n")
            sections.append(Form.render(action: action, csrfToken: token.csrfToken, fields: """
                \(back)<input type="hidden" name="method" value="totp">
                \(SecondFactorPages.codeField(factorText(.totpField)))
                """, submitLabel: text(.confirmSubmit)))
        case .recoveryCode:
            sections.append("<p>\(text(.recoveryIntro))</p>\n")
            sections.append(Form.render(action: action, csrfToken: token.csrfToken, fields: """
                \(back)<input type="hidden" name="method" value="recovery_code">
                \(Form.field(name: "code", label: factorText(.recoveryField), autocomplete: "off"))
                """, submitLabel: text(.confirmSubmit)))
        case .sms(let id):
            sections.append("<p>\(factorText(.smsIntro))</p>\n")
            sections.append(Form.render(action: action, csrfToken: token.csrfToken, fields: """
                \(back)<input type="hidden" name="method" value="sms">
                <input type="hidden" name="challenge_id" value="\(id.rawValue)">
                \(SecondFactorPages.codeField(factorText(.smsField)))
                """, submitLabel: text(.confirmSubmit)))
        case nil:
            if !methods.canSendSMS { sections.append("<p>\(text(.noMethod))</p>\n") }
        }
        sections.append("\n")
        let page = "\(action)?return_to=\(returnTo)"
        if case .recoveryCode = mode, methods.hasTOTP {
            sections.append("<p><a href=\"\(page)\">\(text(.useAppLink))</a></p>\n")
        } else if methods.hasRecoveryCodes, mode != nil {
            sections.append("<p><a href=\"\(page)&use=recovery_code\">\(text(.useRecoveryLink))</a></p>\n")
        }
        if methods.canSendSMS {
            sections.append(Form.render(action: action, csrfToken: token.csrfToken,
                                        fields: "\(back)<input type=\"hidden\" name=\"action\" value=\"send_sms\">\n",
                                        submitLabel: factorText(.sendSMSSubmit)))
            sections.append("\n")
        }
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.intro))</p>
            \(error.map { PageResponse.errorBox($0.message(in: language)) } ?? .empty)\
            \(sections)<p><a href="\(returnTo)">\(text(.cancelLink))</a></p>
            """
        var response = Page.render(title: text(.title), language: language, body: body, status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
