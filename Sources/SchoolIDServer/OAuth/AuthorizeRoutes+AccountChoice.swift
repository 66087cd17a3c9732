import SchoolIDCore
import SchoolIDHTTP

extension AuthorizeRoutes {
    /// The account-choice page for `prompt=select_account` (OIDC Core §3.1.2.1) when a
    /// session exists: a browser holds one SchoolID session, so the choice is between
    /// going on with it and signing in with another account — which a parent sharing a
    /// family computer with a child needs. "Continue" posts `decision=continue` and
    /// goes on as if `select_account` had not been asked (consent, or the code at once
    /// for a first-party client); "another account" posts `decision=switch`, which closes
    /// the session and returns to the same request through the login page.
    func accountChoicePage(_ authorization: AuthorizationRequest, client: OAuthClient,
                           pairs: [(name: String, value: String)], actor: Actor, token: SessionToken,
                           language: MessageLanguage) -> Response
    {
        let text = { (key: AuthorizePageText) in key.text(in: language) }
        let form = { (decision: String, label: AuthorizePageText) -> HTML in
            Self.decisionForm(decision, label: text(label), pairs: pairs, token: token)
        }
        let body: HTML = """
            <h1>\(text(.accountChoiceTitle))</h1>
            <p><strong>\(client.name)</strong> \(text(.accountChoiceIntro)) <strong class="secret">\(actor.account.login?.rawValue ?? "")</strong>.</p>
            \(form("continue", .continueAsSubmit))
            \(form("switch", .switchAccountSubmit))
            """
        // "Continue" may end in the redirect to the client (a first-party client gets its
        // code at once).
        return Self.decisionPage(title: text(.accountChoiceTitle), language: language, body: body,
                                 redirectURI: authorization.redirectURI)
    }

    /// A form posting `decision` and the request's parameters (hidden, escaped) to
    /// `/oauth/authorize/decision` with the session's CSRF token.
    static func decisionForm(_ decision: String, label: String, pairs: [(name: String, value: String)],
                             token: SessionToken) -> HTML
    {
        let hidden: HTML = "\(pairs.map { pair -> HTML in "<input type=\"hidden\" name=\"\(pair.name)\" value=\"\(pair.value)\">\n" })"
        return Form.render(action: Routes.oauthAuthorizeDecision, csrfToken: token.csrfToken,
                           fields: "<input type=\"hidden\" name=\"decision\" value=\"\(decision)\">\n\(hidden)",
                           submitLabel: label)
    }

    /// A page of decision forms, never cached. Its `form-action` also names the redirect
    /// URI's origin: browsers apply it to the redirects that follow the form's POST, which
    /// end at the client (CSP Level 3 §6.3.1).
    static func decisionPage(title: String, language: MessageLanguage, body: HTML, redirectURI: String) -> Response {
        var response = Page.render(title: title, language: language, body: body)
        response.headers.set("Cache-Control", "no-store")
        if let origin = origin(of: redirectURI) {
            response.headers.set("Content-Security-Policy", Page.contentSecurityPolicy
                .replacingOccurrences(of: "form-action 'self'", with: "form-action 'self' \(origin)"))
        }
        return response
    }

    /// The request's parameters with `select_account` taken out of `prompt` (and
    /// `prompt` dropped when nothing is left), so the request goes on past the choice.
    static func withoutAccountChoice(_ pairs: [(name: String, value: String)]) -> [(name: String, value: String)] {
        pairs.compactMap { pair in
            guard pair.name == "prompt" else { return pair }
            let kept = pair.value.split(separator: " ").filter { $0 != "select_account" }
            return kept.isEmpty ? nil : (pair.name, kept.joined(separator: " "))
        }
    }

    /// `/oauth/authorize?…` with `pairs` form-encoded in order.
    static func authorizePath(_ pairs: [(name: String, value: String)]) -> String {
        Routes.oauthAuthorize + "?" + pairs
            .map { AuthorizationResponse.encode($0.name) + "=" + AuthorizationResponse.encode($0.value) }
            .joined(separator: "&")
    }
}
