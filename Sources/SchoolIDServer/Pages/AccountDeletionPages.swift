import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/account/delete` (issue 8): what deleting one's account means, and the button
/// that does it (through the step-up wrapper, with the session's CSRF token).
struct AccountDeletionPages: Sendable {
    let context: APIContext

    /// `GET /account/delete`: the consequences and, for an adult who is not staff,
    /// the form.
    func form(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let text = { (key: DeletionPageText) in key.text(in: language) }
        let consequences: [HTML] = [text(.consequenceData), text(.consequenceSessions), text(.consequenceChildren),
                                    text(.consequenceRecords), text(.consequenceLogin)].map { "<li>\($0)</li>" }
        let action: HTML = actor.account.category == .adult && !actor.isStaff
            ? Form.render(action: Routes.accountDeletePage, csrfToken: token.csrfToken, fields: .empty,
                          submitLabel: text(.submit))
            : "<p>\(text(.staffNotice))</p>"
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.intro))</p>
            <ul>\(consequences)</ul>
            \(action)
            <p><a href="\(Routes.accountPage)">\(text(.backLink))</a></p>
            """
        return Page.render(title: text(.title), language: language, body: body)
    }

    /// `POST /account/delete`: deletes the account, clears the cookie, `303` to `/login`.
    func submit(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        try await AccountDeletionService(environment: context.environment)
            .deleteSelf(actor: actor, context: APIContext.requestContext(request))
        var headers = HTTPHeaders()
        headers.add(context.cookie.cleared())
        return PageResponse.redirect(to: Routes.loginPage, headers: headers)
    }
}
