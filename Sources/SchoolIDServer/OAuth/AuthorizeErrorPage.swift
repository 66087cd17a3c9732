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
        let text = { (key: AuthorizePageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.errorTitle))</h1>
            \(PageResponse.errorBox(text(reason)))\
            <p>\(text(.errorExplanation))</p>
            """
        var response = Page.render(title: text(.errorTitle), language: language, body: body, status: .badRequest)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
