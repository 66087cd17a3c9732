@testable import SchoolIDServer
import Testing

@Suite struct FormTests {
    @Test("a form posts to its action with the CSRF token in a hidden input, then fields, then the button")
    func form() {
        let fields = Form.field(name: "login", label: "Логин", autocomplete: "username")
        let html = Form.render(action: "/login?next=a&b", csrfToken: "tok\"en<", fields: fields, submitLabel: "Войти").rendered
        #expect(html.hasPrefix(
            "<form method=\"post\" action=\"/login?next=a&amp;b\" enctype=\"application/x-www-form-urlencoded\">\n"
                + "<input type=\"hidden\" name=\"csrf_token\" value=\"tok&quot;en&lt;\">\n"))
        let token = html.range(of: "csrf_token")!.lowerBound
        let field = html.range(of: "name=\"login\"")!.lowerBound
        let button = html.range(of: "<button type=\"submit\">Войти</button>")!.lowerBound
        #expect(token < field && field < button)
        #expect(html.hasSuffix("</form>"))
    }

    @Test("a file upload form is multipart") func multipart() {
        let html = Form.render(action: "/roster", csrfToken: "t", fields: Form.field(name: "roster", label: "Файл", type: "file"),
                               submitLabel: "Загрузить", encoding: .multipart).rendered
        #expect(html.contains("enctype=\"multipart/form-data\""))
        #expect(html.contains("type=\"file\""))
    }

    @Test("a field is labelled, escaped, required by default, with optional autocomplete") func field() {
        #expect(Form.field(name: "new_password", label: "Новый пароль", type: "password", autocomplete: "new-password").rendered
            == "<label for=\"field-new_password\">Новый пароль</label>\n"
            + "<input id=\"field-new_password\" name=\"new_password\" type=\"password\" value=\"\" autocomplete=\"new-password\" required>\n")
        let optional = Form.field(name: "note", label: "<i>", value: "\"><script>", required: false).rendered
        #expect(optional == "<label for=\"field-note\">&lt;i&gt;</label>\n"
            + "<input id=\"field-note\" name=\"note\" type=\"text\" value=\"&quot;&gt;&lt;script&gt;\">\n")
    }
}
