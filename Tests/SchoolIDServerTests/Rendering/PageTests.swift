import SchoolIDCore
import SchoolIDHTTP
@testable import SchoolIDServer
import Testing

@Suite struct PageTests {
    private func text(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test("a page is an HTML5 document in the requested language with an escaped title") func document() {
        let response = Page.render(title: "Вход <b>", language: .russian, body: "<h1>\("Привет & пока")</h1>")
        let html = text(response)
        #expect(response.status == .ok)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Вход &lt;b&gt;</title>"))
        #expect(html.contains("<main id=\"main\" tabindex=\"-1\">\n<h1>Привет &amp; пока</h1>\n</main>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"\(Assets.stylesheet.path)\">"))
        #expect(html.contains("<script src=\"\(Assets.script.path)\" defer></script>"))
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(!html.contains("<style"))
        #expect(!html.contains("<body class=\"printable\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(text(Page.render(title: "Sign in", language: .english, body: .empty)).contains("<html lang=\"en\">"))
    }

    @Test("a page carries the HTML type, a strict CSP and refuses framing") func headers() {
        let response = Page.render(title: "t", language: .russian, body: .empty, status: .gone)
        #expect(response.status == .gone)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.headers["Content-Security-Policy"]
            == "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        #expect(response.headers["X-Frame-Options"] == "DENY")
    }

    @Test("a printable page is marked, and the one style sheet holds the print rules for slips") func printable() {
        let html = text(Page.render(title: "Слипы", language: .russian, body: .empty, printable: true))
        #expect(html.contains("<body class=\"printable\">"))
        #expect(AssetStylesheet.text.contains("@media print{"))
        #expect(AssetStylesheet.text.contains(".slip{margin:0;padding:6mm;border:1px dashed #000;break-inside:avoid}"))
    }

    @Test("a roster name with <script> appears only escaped on a page") func scriptName() throws {
        let entry = try AccountProfile(lastName: "<script>alert(1)</script>", firstName: "Ева", patronymic: nil, birthDate: nil)
        let html = text(Page.render(title: entry.lastName, language: .russian, body: "<p>\(entry.lastName)</p>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
    }
}
