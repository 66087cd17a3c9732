import SchoolIDCore
import SchoolIDHTTP

/// The HTML answers for browsers when no page handled a request: `404` for an unknown
/// path, `405` for a known path asked with another method, and `500` for an unexpected
/// error a page route threw, each in the page language, in the page frame, and with no
/// detail of the failure (the pipeline logs it with the request id).
///
/// Only paths outside the machine interfaces get HTML: the JSON API (`/v1/`), OAuth
/// (`/oauth/`), discovery (`/.well-known/`), the static files and the probes keep their
/// JSON error shape (``ErrorResponse``).
enum PageFallback {
    /// Path prefixes and exact paths whose errors stay JSON.
    static let machinePrefixes = ["/v1/", "/oauth/", "/.well-known/", Routes.assetsPrefix]
    static let machinePaths: Set<String> = ["/v1", "/oauth", "/.well-known", "/assets", Routes.health, Routes.ready,
                                            Routes.metrics]

    /// Whether an error for `path` is answered as an HTML page.
    static func servesHTML(path: String) -> Bool {
        !machinePaths.contains(path) && !machinePrefixes.contains { path.hasPrefix($0) }
    }

    /// `404 Not Found` (RFC 9110 §15.5.5) as a page.
    static func notFound(_ request: Request) -> Response {
        render(request, title: .notFoundTitle, explanation: PageText.notFoundExplanation, status: .notFound)
    }

    /// `405 Method Not Allowed` (RFC 9110 §15.5.6) as a page, with the required `Allow`.
    static func methodNotAllowed(_ request: Request, allowed: [HTTPMethod]) -> Response {
        var response = render(request, title: .methodNotAllowedTitle, explanation: .methodNotAllowedExplanation,
                              status: .methodNotAllowed)
        response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
        return response
    }

    /// `500` as a page: the catalogue's `server_error` text and the request id to quote.
    static func serverError(_ request: Request) -> Response {
        let language = request.pageLanguage
        return render(request, title: .serverErrorTitle, message: ErrorCode.serverError.message(in: language),
                      status: .internalServerError)
    }

    /// An ``APIError`` the pipeline answers itself (`503 storage_unavailable`) as a page:
    /// the catalogue text of its code, its status and headers (`Retry-After`).
    static func error(_ request: Request, _ error: APIError) -> Response {
        let language = request.pageLanguage
        var response = render(request, title: .errorTitle, message: error.code.message(in: language), status: error.status)
        for (name, value) in error.headers { response.headers.set(name, value) }
        return response
    }

    private static func render(_ request: Request, title: PageText, explanation: PageText, status: HTTPStatus) -> Response {
        render(request, title: title, message: explanation.text(in: request.pageLanguage), status: status)
    }

    private static func render(_ request: Request, title: PageText, message: String, status: HTTPStatus) -> Response {
        let language = request.pageLanguage
        let body: HTML = """
            <h1>\(title.text(in: language))</h1>
            <p>\(message)</p>
            <p><a href="\(Routes.home)">\(PageText.backHome.text(in: language))</a></p>
            """
        return Page.$currentTarget.withValue(Page.target(of: request)) {
            Page.render(title: title.text(in: language), language: language, body: body, status: status)
        }
    }
}
