import Foundation
import SchoolIDCore
import SchoolIDHTTP
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// The frame every page shares: headers, the linked style sheet and script, nothing
/// inline, and HTML error pages for browser paths (issue 11).
@Suite struct ShellPagesTests {
    static let anonymousPages = ["/login", "/register", "/recover", "/recover/login", "/recover/password"]
    static let accountPages = ["/account", "/teacher", "/account/security", "/account/second-factors", "/account/export"]

    /// The security headers and frame every page must carry; `page` names the failure.
    static func expectFrame(_ response: TestResponse, page: String, language: String = "ru") {
        let body = response.bodyText
        #expect(response.status == 200, "\(page)")
        #expect(response.header("Content-Security-Policy") == Page.contentSecurityPolicy, "\(page)")
        #expect(response.header("Content-Security-Policy")?.contains("unsafe-inline") == false, "\(page)")
        #expect(response.header("Referrer-Policy") == "no-referrer", "\(page)")
        #expect(response.header("X-Frame-Options") == "DENY", "\(page)")
        #expect(response.header("X-Content-Type-Options") == "nosniff", "\(page)")
        #expect(response.header("Cache-Control") == "no-store", "\(page)")
        #expect(body.contains("<html lang=\"\(language)\">"), "\(page)")
        #expect(body.contains("<link rel=\"stylesheet\" href=\"\(Assets.stylesheet.path)\">"), "\(page)")
        #expect(body.contains("<main id=\"main\""), "\(page)")
        #expect(body.contains("<a class=\"skip-link\" href=\"#main\">"), "\(page)")
        #expect(body.contains("<a class=\"home\" href=\"/\">SchoolID</a>"), "\(page)")
        #expect(!body.contains("style="), "\(page) has a style attribute")
        #expect(!body.contains("<style"), "\(page) has an inline style sheet")
        #expect(!body.contains("<script>"), "\(page) has an inline script")
        let scripts = body.components(separatedBy: "<script").dropFirst()
        #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/assets/") }, "\(page) has a script that is not the asset")
        #expect(!body.contains(" onclick=") && !body.contains(" onload="), "\(page) has an inline handler")
    }

    @Test("every anonymous page and every page of a logged-in teacher carries the headers, the frame and nothing inline")
    func framesAndHeaders() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        for path in Self.anonymousPages { Self.expectFrame(try await browser.get(path), page: path) }
        try await fixture.firstLogin(browser, login: "teacher", password: fixture.teacherPassword)
        for path in Self.accountPages + ["/teacher/classes/\(fixture.schoolClass.id.rawValue)"] {
            Self.expectFrame(try await browser.get(path), page: path)
        }
        let english = Browser(port: fixture.server.port, acceptLanguage: "en")
        Self.expectFrame(try await english.get("/login"), page: "/login in English", language: "en")
        try await fixture.server.stop()
    }

    @Test("the language switch links return to the current page and its query, and mark the current language")
    func switchLinks() async throws {
        let fixture = try await PageFixture.start()
        let page = try await Browser(port: fixture.server.port).get("/recover/password?from=login")
        let body = page.bodyText
        #expect(body.contains("href=\"/language?lang=en&amp;return_to=/recover/password%3Ffrom%3Dlogin\" lang=\"en\" hreflang=\"en\">English</a>"))
        #expect(body.contains("href=\"/language?lang=ru&amp;return_to=/recover/password%3Ffrom%3Dlogin\" lang=\"ru\" hreflang=\"ru\" aria-current=\"true\">Русский</a>"))
        try await fixture.server.stop()
    }

    @Test("the OAuth logout and authorize pages' language switch returns to them too")
    func switchLinksOnOAuthPages() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        for (path, target) in [("/oauth/logout", "/oauth/logout"),
                               ("/oauth/authorize?client_id=nobody", "/oauth/authorize%3Fclient_id%3Dnobody")] {
            let body = try await browser.get(path).bodyText
            #expect(body.contains("href=\"/language?lang=en&amp;return_to=\(target)\""), "\(path)")
        }
        try await fixture.server.stop()
    }

    @Test("an unknown browser path is an HTML 404 page in the page language, an unknown API path keeps the JSON 404")
    func notFound() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.get("/nope")
        #expect(page.status == 404)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.bodyText.contains(PageText.notFoundTitle.russian))
        #expect(page.header("Content-Security-Policy") == Page.contentSecurityPolicy)
        let english = try await Browser(port: fixture.server.port, acceptLanguage: "en").get("/nope/deeper")
        #expect(english.status == 404 && english.bodyText.contains(PageText.notFoundTitle.english))
        for path in ["/v1/nope", "/oauth/nope", "/.well-known/nope", "/assets/nope.css"] {
            let api = try await browser.get(path)
            #expect(api.status == 404, "\(path)")
            #expect(api.header("Content-Type")?.hasPrefix("application/json") == true, "\(path)")
            #expect(api.bodyText.contains("\"not_found\""), "\(path)")
        }
        try await fixture.server.stop()
    }

    @Test("a page path asked with another method is an HTML 405 page with Allow, an API path keeps JSON")
    func methodNotAllowed() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let page = try await browser.send("DELETE", "/login", contentType: nil, body: [])
        #expect(page.status == 405)
        #expect(page.header("Allow") == "GET, HEAD, POST")
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.bodyText.contains(PageText.methodNotAllowedTitle.russian))
        let api = try await browser.send("DELETE", "/v1/login", contentType: nil, body: [])
        #expect(api.status == 405 && api.header("Content-Type")?.hasPrefix("application/json") == true)
        try await fixture.server.stop()
    }

    @Test("the HTML 500 page shows the catalogue text and no detail, in the cookie's language")
    func serverError() {
        var request = Request(method: .GET, target: "/teacher")
        request.headers.set("Cookie", "schoolid_lang=en")
        let response = PageFallback.serverError(request)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == .internalServerError)
        #expect(body.contains("<html lang=\"en\">"))
        #expect(body.contains(ErrorCode.serverError.message(in: .english)))
        #expect(body.contains(PageText.serverErrorTitle.english))
    }

    @Test("only browser paths get HTML error pages", arguments: [
        ("/nope", true), ("/teacher/x", true), ("/", true), ("/v1/x", false), ("/v1", false), ("/oauth/x", false),
        ("/.well-known/x", false), ("/assets/x", false), ("/healthz", false), ("/readyz", false), ("/metrics", false),
    ])
    func htmlPaths(path: String, html: Bool) {
        #expect(PageFallback.servesHTML(path: path) == html)
    }
}
