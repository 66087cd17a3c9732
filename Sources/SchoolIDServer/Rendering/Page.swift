import SchoolIDCore
import SchoolIDHTTP

/// A whole HTML page: the one document shell every SchoolID page uses.
///
/// Pages are plain server-rendered HTML with no script at all, so the
/// Content-Security-Policy allows none (`default-src 'none'`) and only the inline
/// style sheet below; forms may post only to this origin and the page cannot be
/// framed (clickjacking: `frame-ancestors 'none'` and `X-Frame-Options: DENY`).
///
/// CSS classes for page bodies: `.error` (an alert box), `.notice`, `.no-print`
/// (hidden on paper), `.slips` and `.slip` (cut-out slips, two per row in print),
/// `.secret` (a login or password set in monospace).
enum Page {
    /// The policy on every page (CSP Level 3).
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// A full HTML5 document: `<!doctype html>`, `<html lang="ru|en">`,
    /// `<meta charset="utf-8">`, viewport, `<title>`, inline minimal CSS (+ print CSS
    /// when `printable`), body.
    /// - Parameters:
    ///   - title: plain text, escaped.
    ///   - language: the page's `lang`.
    ///   - body: the content of `<main>`.
    ///   - status: the response status.
    ///   - printable: adds the print style sheet (slips).
    static func render(
        title: String, language: MessageLanguage, body: HTML, status: HTTPStatus = .ok, printable: Bool = false,
        head: HTML = .empty
    ) -> Response {
        let style = HTML(unsafeRaw: printable ? screenCSS + printCSS : screenCSS)
        let document: HTML = """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(style)</style>
            \(head)</head>
            <body>
            <main>
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

    /// Readable on a phone (16 px+ text, full-width fields, 44 px touch targets), high
    /// contrast, and a focus ring that is always visible (WCAG 2.2 §2.4.7, §2.5.8).
    static let screenCSS = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}\
        body{margin:0;padding:1rem;font-size:1.0625rem}\
        main{max-width:40rem;margin:0 auto}\
        h1{font-size:1.5rem;line-height:1.25}\
        a{color:#0b57d0}\
        label{display:block;font-weight:600;margin-top:1rem}\
        input,select,textarea,button{font:inherit;padding:.6rem .75rem;border:1px solid #6b6b6b;border-radius:.375rem;box-sizing:border-box;min-height:2.75rem}\
        input:not([type=checkbox]):not([type=radio]),select,textarea{width:100%}\
        button{margin-top:1.25rem;background:#0b57d0;color:#fff;border-color:#0b57d0;cursor:pointer}\
        :focus-visible{outline:3px solid #b35c00;outline-offset:2px}\
        .error,.notice{border-left:4px solid #b3261e;padding:.5rem .75rem;background:#fdecea}\
        .notice{border-color:#0b57d0;background:#e8f0fe}\
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}\
        .slip{border:1px dashed #6b6b6b;padding:1rem;margin:.5rem 0}\
        .secret{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:1.2em;letter-spacing:.05em}

        """

    /// Paper: no controls, slips two per row with dashed cut lines, never split.
    static let printCSS = """
        @page{margin:10mm}\
        @media print{body{padding:0;font-size:11pt}main{max-width:none}.no-print,button,form{display:none}\
        .slips{display:grid;grid-template-columns:1fr 1fr}.slip{margin:0;padding:6mm;border:1px dashed #000;break-inside:avoid}}

        """
}
