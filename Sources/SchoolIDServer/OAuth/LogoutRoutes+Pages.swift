import SchoolIDCore
import SchoolIDHTTP

extension LogoutRoutes {
    /// "Sign out of SchoolID?": the request's parameters in hidden fields, the session's
    /// CSRF token and ``confirmField``. `form-action` names the post-logout URI's origin
    /// besides this one: browsers apply it to the redirect after the POST (CSP Level 3 §6.3.1).
    static func confirmationPage(_ logout: LogoutRequest, pairs: [(name: String, value: String)],
                                 token: SessionToken, language: MessageLanguage) -> Response
    {
        let text = { (key: LogoutPageText) in key.text(in: language) }
        let hidden: HTML = "\(pairs.map { pair -> HTML in "<input type=\"hidden\" name=\"\(pair.name)\" value=\"\(pair.value)\">\n" })"
        let client: HTML = logout.client.map { "<p>\(text(.confirmClient)) <strong>\($0.name)</strong></p>\n" } ?? .empty
        let body: HTML = """
            <h1>\(text(.confirmTitle))</h1>
            <p>\(text(.confirmIntro))</p>
            \(client)\(Form.render(action: Routes.oauthLogout, csrfToken: token.csrfToken,
                                   fields: "<input type=\"hidden\" name=\"\(confirmField)\" value=\"1\">\n\(hidden)",
                                   submitLabel: text(.confirmSubmit)))
            """
        var response = Page.render(title: text(.confirmTitle), language: language, body: body)
        response.headers.set("Cache-Control", "no-store")
        if let origin = logout.postLogoutRedirectURI.flatMap(AuthorizeRoutes.origin(of:)) {
            response.headers.set("Content-Security-Policy", Page.contentSecurityPolicy
                .replacingOccurrences(of: "form-action 'self'", with: "form-action 'self' \(origin)"))
        }
        return response
    }

    /// "You are signed out of SchoolID", with a link to sign in again.
    static func signedOutPage(language: MessageLanguage) -> Response {
        let text = { (key: LogoutPageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.signedOutTitle))</h1>
            <p>\(text(.signedOutText))</p>
            <p><a href="\(Routes.loginPage)">\(text(.signInLink))</a></p>
            """
        var response = Page.render(title: text(.signedOutTitle), language: language, body: body)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// A 400 page naming what was wrong, with no link back to the unverified client.
    static func errorPage(_ reason: LogoutPageText, language: MessageLanguage) -> Response {
        AuthorizeErrorPage.render(title: LogoutPageText.errorTitle.text(in: language), reason: reason.text(in: language),
                                  explanation: LogoutPageText.errorExplanation.text(in: language), language: language)
    }

    /// The sentence for a refused request.
    static func text(for failure: LogoutFailure) -> LogoutPageText {
        switch failure {
        case .duplicatedParameter: .duplicatedParameter
        case .unknownClient: .unknownClient
        case .clientMismatch: .clientMismatch
        case .redirectWithoutClient: .redirectWithoutClient
        case .unregisteredRedirectURI: .unregisteredRedirectURI
        }
    }
}
