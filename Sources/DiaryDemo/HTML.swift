import SchoolIDHTTP

/// The demo's HTML: every interpolated value goes through ``escape(_:)``, and every page
/// carries a `Content-Security-Policy` that allows no script at all.
enum HTML {
    /// `text` safe in element content and in double- or single-quoted attribute values
    /// (the five characters HTML gives meaning to, as OWASP's XSS prevention rule 1 and 2).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A complete page: `title` is escaped here, `body` must already be escaped markup.
    /// - Parameters:
    ///   - status: the response status.
    ///   - formTargets: origins forms may post to or be redirected to besides `'self'`
    ///     (CSP 3 `form-action` also governs the redirects after a POST).
    static func page(_ title: String, body: String, status: HTTPStatus = .ok, formTargets: [String] = [])
        -> Response
    {
        let html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(escape(title)) · Diary demo</title></head>
        <body><h1>\(escape(title))</h1>
        \(body)
        </body></html>
        """
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/html; charset=utf-8")
        let actions = (["'self'"] + formTargets).joined(separator: " ")
        headers.set("Content-Security-Policy",
                    "default-src 'none'; form-action \(actions); frame-ancestors 'none'; base-uri 'none'")
        headers.set("Cache-Control", "no-store")
        headers.set("Referrer-Policy", "no-referrer")
        headers.set("X-Content-Type-Options", "nosniff")
        return Response(status: status, headers: headers, body: Array(html.utf8))
    }

    /// A POST form with the session's CSRF token and one button.
    static func button(_ label: String, action: String, csrf: String) -> String {
        """
        <form method="post" action="\(escape(action))"><input type="hidden" name="csrf_token" value="\(escape(csrf))">\
        <button type="submit">\(escape(label))</button></form>
        """
    }
}
