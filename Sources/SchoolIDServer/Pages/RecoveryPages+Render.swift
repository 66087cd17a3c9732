import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

extension RecoveryPages {
    /// The "remind me of my login" form; the typed contact is kept (escaped).
    func renderLogin(_ language: MessageLanguage, contact: String = "", error: Refusal? = nil) -> Response {
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let fields = Form.field(name: "contact", label: text(.contactField), value: contact, autocomplete: "username")
        return render(language, title: text(.loginTitle), intro: text(.loginIntro), action: Routes.recoverLoginPage,
                      fields: fields, submit: text(.loginSubmit), error: error)
    }

    /// The "recover my password" form; the typed identifier is kept (escaped).
    func renderStart(_ language: MessageLanguage, identifier: String = "", error: Refusal? = nil) -> Response {
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let fields = Form.field(name: "identifier", label: text(.identifierField), value: identifier,
                                autocomplete: "username")
        return render(language, title: text(.passwordTitle), intro: text(.passwordIntro),
                      action: Routes.recoverPasswordPage, fields: fields, submit: text(.passwordSubmit), error: error)
    }

    /// The codes-and-new-password form, with the resend button under it.
    func renderConfirm(_ language: MessageLanguage, flowID: RecoveryFlow.ID, error: Refusal? = nil,
                       notice: RecoveryPageText? = nil, status: HTTPStatus = .ok) -> Response {
        let text = { (key: RecoveryPageText) in key.text(in: language) }
        let action = Routes.path(Routes.recoverPasswordFlowPage, "flow_id", flowID.rawValue)
        let fields: HTML = """
            \(Form.field(name: "sms_code", label: text(.smsCodeField), autocomplete: "one-time-code"))\
            <p><small>\(text(.emailCodeHint))</small></p>
            \(Form.field(name: "email_code", label: text(.emailCodeField), autocomplete: "one-time-code", required: false))\
            \(Form.field(name: "new_password", label: text(.newPasswordField), type: "password", autocomplete: "new-password"))\
            \(Form.field(name: "repeat_password", label: text(.repeatPasswordField), type: "password", autocomplete: "new-password"))
            """
        var response = render(language, title: text(.confirmTitle), intro: text(.confirmIntro), action: action,
                              fields: fields, submit: text(.confirmSubmit), error: error, notice: notice,
                              status: status) { csrf in
            Form.render(action: action, csrfToken: csrf, fields: "<input type=\"hidden\" name=\"action\" value=\"resend\">",
                        submitLabel: text(.resendSubmit))
        }
        response.headers.set("Referrer-Policy", "no-referrer")
        return response
    }

    /// A titled form with a fresh CSRF cookie pair, an optional error or notice box and
    /// an optional second form (sharing the CSRF value).
    private func render(_ language: MessageLanguage, title: String, intro: String, action: String, fields: HTML,
                        submit: String, error: Refusal?, notice: RecoveryPageText? = nil, status: HTTPStatus = .ok,
                        extra: (String) -> HTML = { _ in .empty }) -> Response {
        let (value, cookie) = csrfCookie.issue(random: context.environment.random)
        let box: HTML = error.map { PageResponse.errorBox($0.code.message(in: language),
                                                          detail: PageResponse.waitLine($0.headers, language: language)) }
            ?? notice.map { PageResponse.errorBox($0.text(in: language)) } ?? .empty
        let body: HTML = """
            <h1>\(title)</h1>
            <p>\(intro)</p>
            \(box)\(Form.render(action: action, csrfToken: value, fields: fields, submitLabel: submit))
            \(extra(value))
            """
        var response = Page.render(title: title, language: language, body: body, status: error?.status ?? status)
        for (name, value) in error?.headers ?? HTTPHeaders() { response.headers.set(name, value) }
        response.headers.add(cookie)
        return response
    }
}
