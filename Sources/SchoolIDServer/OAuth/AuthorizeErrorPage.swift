import SchoolIDCore
import SchoolIDHTTP

/// The page for an authorization request that cannot be answered at its redirect URI
/// (RFC 6749 §4.1.2.1: "the authorization server SHOULD inform the resource owner of the
/// error and MUST NOT automatically redirect the user-agent to the invalid redirection URI").
enum AuthorizeErrorPage {
    /// The sentence for a reason.
    static func text(for reason: AuthorizationFailure.PageReason) -> AuthorizePageText {
        switch reason {
        case .duplicatedParameter: .duplicatedParameter
        case .missingClientID: .missingClientID
        case .unknownClient: .unknownClient
        case .missingRedirectURI: .missingRedirectURI
        case .unregisteredRedirectURI: .unregisteredRedirectURI
        }
    }

    /// A 400 page naming what was wrong, with no link back to the unverified client.
    static func render(_ reason: AuthorizePageText, language: MessageLanguage) -> Response {
        render(title: AuthorizePageText.errorTitle.text(in: language), reason: reason.text(in: language),
               explanation: AuthorizePageText.errorExplanation.text(in: language), language: language)
    }

    /// The 400 page of an OAuth request that cannot be answered at any client URI (the
    /// authorization and the logout endpoints): title, reason and what to do, no link.
    static func render(title: String, reason: String, explanation: String, language: MessageLanguage) -> Response {
        let body: HTML = """
            <h1>\(title)</h1>
            \(PageResponse.errorBox(reason))\
            <p>\(explanation)</p>
            """
        var response = Page.render(title: title, language: language, body: body, status: .badRequest)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
