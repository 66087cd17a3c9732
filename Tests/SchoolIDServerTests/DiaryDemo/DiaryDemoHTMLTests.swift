@testable import DiaryDemo
import Testing

/// The demo's escaper: every value shown on a page passes through it.
@Suite struct DiaryDemoHTMLTests {
    @Test("the five HTML-significant characters are escaped and everything else is kept", arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\" onmouseover='x' &", "&quot; onmouseover=&#39;x&#39; &amp;"),
        ("Иванова Мария", "Иванова Мария"),
        ("", ""),
    ])
    func escapes(_ text: String, _ escaped: String) {
        #expect(HTML.escape(text) == escaped)
    }

    @Test("pages forbid scripts and framing and are never cached")
    func pageHeaders() {
        let page = HTML.page("<b>", body: "", formTargets: ["http://127.0.0.1:8080"])
        #expect(page.headers["Content-Security-Policy"]
            == "default-src 'none'; form-action 'self' http://127.0.0.1:8080; frame-ancestors 'none'; base-uri 'none'")
        #expect(page.headers["Cache-Control"] == "no-store")
        #expect(String(decoding: page.body, as: UTF8.self).contains("<title>&lt;b&gt; · Diary demo</title>"))
    }
}
