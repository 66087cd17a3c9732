import SchoolIDCore
import SchoolIDHTTP

/// The page that shows a new set of recovery codes, once: after a TOTP enrolment at
/// login (``EnrolmentPages``), after one from the account (``FactorPages``) and after
/// new codes were made.
///
/// NIST SP 800-63B-4 §3.1.2 (look-up secrets): the codes are shown only at issue, so the
/// page is printable and never cached (`Cache-Control: no-store`, RFC 9111 §5.2.2.5).
enum RecoveryCodeSheet {
    /// The ten codes in a printable, uncached page.
    /// - Parameters:
    ///   - codes: the codes, `xxxxx-xxxxx`, as issued.
    ///   - language: the page's language.
    ///   - continueTo: where the "continue" link leads.
    ///   - intro: an extra paragraph before the usual explanation (plain text), if any.
    ///   - headers: extra headers, e.g. the session cookie set by the login enrolment.
    static func response(_ codes: [String], language: MessageLanguage, continueTo: String, intro: String? = nil,
                         headers: HTTPHeaders = HTTPHeaders()) -> Response
    {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        let items: [HTML] = codes.map { "<li><code class=\"secret\">\($0)</code></li>\n" }
        let extra: HTML = intro.map { "<p class=\"notice\">\($0)</p>\n" } ?? .empty
        let body: HTML = """
            <h1>\(text(.codesTitle))</h1>
            \(extra)<p>\(text(.codesIntro))</p>
            <ol class="recovery-codes">
            \(items)</ol>
            <p><a href="\(continueTo)">\(text(.continueLink))</a></p>
            """
        var response = Page.render(title: text(.codesTitle), language: language, body: body, printable: true)
        for (name, value) in headers { response.headers.add(name, value) }
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
