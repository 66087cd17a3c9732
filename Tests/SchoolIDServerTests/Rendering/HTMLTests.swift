import SchoolIDServer
import Testing

@Suite struct HTMLTests {
    @Test("escapes the five characters that matter in text and quoted attributes", arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (#"" onfocus="alert(1)"#, "&quot; onfocus=&quot;alert(1)"),
        ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&amp;", "&amp;amp;"),
        ("&lt;", "&amp;lt;"),
        ("Иванова Анна", "Иванова Анна"),
        ("", ""),
    ])
    func escape(_ text: String, _ expected: String) {
        #expect(HTML.escape(text) == expected)
        let html: HTML = "<p title=\"\(text)\">\(text)</p>"
        #expect(html.rendered == "<p title=\"\(expected)\">\(expected)</p>")
    }

    @Test("interpolated HTML, numbers and lists are embedded as is; literals are markup") func embedding() {
        let name = "<b>Ким</b>"
        let cells: [HTML] = ["<td>\(name)</td>", "<td>\(7)</td>"]
        let row: HTML = "<tr>\(cells)</tr>"
        #expect(row.rendered == "<tr><td>&lt;b&gt;Ким&lt;/b&gt;</td><td>7</td></tr>")
        let nested: HTML = "<table>\(row)</table>"
        #expect(nested.rendered == "<table>\(row.rendered)</table>")
        #expect(nested.description == nested.rendered)
        #expect(HTML(unsafeRaw: "<hr>").rendered == "<hr>")
        #expect(("<br>" as HTML).rendered == "<br>")
        #expect(HTML.empty.rendered.isEmpty)
    }

    @Test("escaping twice shows the once-escaped text, never the original markup") func doubleEscape() {
        let once: HTML = "\("<i>")"
        let twice: HTML = "\(once.rendered)"
        #expect(once.rendered == "&lt;i&gt;")
        #expect(twice.rendered == "&amp;lt;i&amp;gt;")
    }
}
