import SchoolIDCore
import SchoolIDHTTP

/// The responses pages answer with besides a rendered form: redirects and error pages.
enum PageResponse {
    /// `303 See Other` to `path` (RFC 9110 §15.4.4): how every page POST that sets
    /// credentials, and every request that needs a login, answers.
    static func redirect(to path: String, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers.set("Location", path)
        return Response(status: .seeOther, headers: headers)
    }

    /// A page with the catalogue message for `code` and a link home.
    /// - Parameters:
    ///   - code: the error whose message is shown.
    ///   - detail: extra text to show under the message (escaped), e.g. a roster row.
    ///   - status: the status; the code's usual one by default.
    ///   - headers: extra headers, e.g. `Retry-After`.
    static func error(_ code: ErrorCode, language: MessageLanguage, detail: String? = nil, status: HTTPStatus? = nil,
                      headers: HTTPHeaders = HTTPHeaders()) -> Response
    {
        let body: HTML = """
            <h1>\(PageText.errorTitle.text(in: language))</h1>
            \(errorBox(code.message(in: language), detail: detail))
            <p><a href="\(Routes.home)">\(PageText.backHome.text(in: language))</a></p>
            """
        var response = Page.render(title: PageText.errorTitle.text(in: language), language: language, body: body,
                                   status: status ?? code.httpStatus)
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }

    /// "You can try again in 45 s." for a throttled form (its `Retry-After`), so that a
    /// person who never asked for a code twice knows how long to wait; nil without one.
    static func waitLine(_ headers: HTTPHeaders, language: MessageLanguage) -> String? {
        guard let seconds = headers["Retry-After"].flatMap({ Int($0) }), seconds > 0 else { return nil }
        return "\(PageText.tryAgainIn.text(in: language)) \(seconds) \(PageText.secondsShort.text(in: language))."
    }

    /// `<p class="error" role="alert">message</p>`, with an optional second line and an
    /// `id` for fields to name in `aria-describedby`.
    static func errorBox(_ message: String, detail: String? = nil, id: String? = nil) -> HTML {
        let detailLine: HTML = detail.map { "<br><small>\($0)</small>" } ?? .empty
        let idAttribute: HTML = id.map { " id=\"\($0)\"" } ?? .empty
        return "<p class=\"error\" role=\"alert\"\(idAttribute)>\(message)\(detailLine)</p>\n"
    }
}
