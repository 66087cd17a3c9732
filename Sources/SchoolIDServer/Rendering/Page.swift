import Foundation
import SchoolIDCore
import SchoolIDHTTP

/// A whole HTML page: the one document frame every SchoolID page uses.
///
/// The frame: a skip link to `<main id="main">` (WCAG 2.1 §2.4.1), a header with the
/// "SchoolID" home link and the language switch (two links to ``Routes/languagePage``
/// returning to the current page), `<html lang>` set to the page's language (§3.1.1),
/// and the one style sheet and script of ``Assets``. Nothing is inline, so the
/// Content-Security-Policy allows styles and scripts from this origin only; forms may
/// post only to this origin and the page cannot be framed (`frame-ancestors 'none'` and
/// `X-Frame-Options: DENY`). The pipeline adds `nosniff`, `no-referrer` and `no-store`.
///
/// Page handlers do not pass the current page: ``PageRoutes`` binds ``currentTarget``
/// (a `@TaskLocal`) around each handler, and the switch links read it.
enum Page {
    /// The policy on every page (CSP Level 3): no `unsafe-inline` anywhere.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The page being answered, as the language switch returns to it: the path and
    /// query of a `GET`, `/` otherwise (an action's URL is not a page to return to).
    @TaskLocal static var currentTarget: String = Routes.home

    /// The target of `request` for ``currentTarget``.
    static func target(of request: Request) -> String {
        guard request.method == .GET else { return Routes.home }
        return request.path + (request.query.map { "?" + $0 } ?? "")
    }

    /// A full HTML5 document in the frame.
    /// - Parameters:
    ///   - title: plain text, escaped.
    ///   - language: the page's `lang` and the language of the frame's texts.
    ///   - body: the content of `<main>`.
    ///   - status: the response status.
    ///   - printable: marks a page meant for paper (slips); the print rules are in the
    ///     one style sheet for every page.
    ///   - head: extra `<head>` markup (a `<meta http-equiv="refresh">`).
    static func render(
        title: String, language: MessageLanguage, body: HTML, status: HTTPStatus = .ok, printable: Bool = false,
        head: HTML = .empty
    ) -> Response {
        let bodyClass: HTML = printable ? " class=\"printable\"" : .empty
        let document: HTML = """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <link rel="stylesheet" href="\(Assets.stylesheet.path)">
            <script src="\(Assets.script.path)" defer></script>
            \(head)</head>
            <body\(bodyClass)>
            \(header(language: language, returnTo: currentTarget))<main id="main" tabindex="-1">
            \(body)
            </main>
            </body>
            </html>

            """
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/html; charset=utf-8")
        headers.set("Content-Security-Policy", contentSecurityPolicy)
        headers.set("X-Frame-Options", "DENY")
        return Response(status: status, headers: headers, body: Array(document.rendered.utf8))
    }

    /// The skip link and the header: home link and the language switch.
    static func header(language: MessageLanguage, returnTo: String) -> HTML {
        let links: [HTML] = MessageLanguage.allCases.map { option in
            let current: HTML = option == language ? " aria-current=\"true\"" : .empty
            return """
                <li><a href="\(switchLink(to: option, returnTo: returnTo))" lang="\(option.rawValue)" \
                hreflang="\(option.rawValue)"\(current)>\(option.endonym)</a></li>
                """
        }
        return """
            <a class="skip-link" href="#main">\(PageText.skipLink.text(in: language))</a>
            <header class="site-header">
            <a class="home" href="\(Routes.home)">SchoolID</a>
            <nav aria-label="\(PageText.languageSwitchLabel.text(in: language))"><ul class="language-switch">\(links)</ul></nav>
            </header>

            """
    }

    /// `/language?lang=<code>&return_to=<target, percent-encoded>`.
    static func switchLink(to language: MessageLanguage, returnTo: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~/")
        let encoded = returnTo.addingPercentEncoding(withAllowedCharacters: allowed) ?? Routes.home
        return "\(Routes.languagePage)?lang=\(language.rawValue)&return_to=\(encoded)"
    }
}
