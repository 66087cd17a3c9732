import Foundation
import SchoolIDCore
import SchoolIDHTTP
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// `GET /language`: the persistent switch, its precedence, and no open redirect (issue 11).
@Suite struct LanguagePagesTests {
    @Test("the switch sets a year-long HttpOnly Lax cookie for the whole site and returns to the page")
    func setsCookie() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        let switched = try await browser.get("/language?lang=en&return_to=/recover/password%3Ffrom%3Dlogin")
        #expect(switched.status == 303)
        #expect(switched.header("Location") == "/recover/password?from=login")
        let cookie = try #require(Browser.setCookie("schoolid_lang", in: switched))
        #expect(cookie.hasPrefix("schoolid_lang=en"))
        #expect(cookie.contains("Max-Age=31536000"))
        #expect(cookie.contains("Path=/"))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(!cookie.contains("Secure"))
        let page = try await browser.get("/recover/password")
        #expect(page.bodyText.contains("<html lang=\"en\">"))
        #expect(page.bodyText.contains(RecoveryPageText.passwordTitle.english))
        try await fixture.server.stop()
    }

    @Test("the cookie wins over Accept-Language, which decides without it; Russian by default")
    func precedence() async throws {
        let fixture = try await PageFixture.start()
        let english = Browser(port: fixture.server.port, acceptLanguage: "en-GB,en;q=0.9")
        #expect(try await english.get("/login").bodyText.contains("<html lang=\"en\">"))
        _ = try await english.get("/language?lang=ru&return_to=/login")
        let chosen = try await english.get("/login")
        #expect(chosen.bodyText.contains("<html lang=\"ru\">"))
        #expect(chosen.bodyText.contains(PageText.loginTitle.russian))
        #expect(try await Browser(port: fixture.server.port).get("/login").bodyText.contains("<html lang=\"ru\">"))
        try await fixture.server.stop()
    }

    @Test("a cookie with an unknown language is ignored", arguments: ["de", "", "EN", "rus"])
    func unknownCookie(value: String) {
        var request = Request(method: .GET, target: "/login")
        request.headers.set("Cookie", "schoolid_lang=\(value)")
        request.headers.set("Accept-Language", "en")
        #expect(request.pageLanguage == .english)
    }

    @Test("return_to that is not a local path goes to /", arguments: [
        "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "evil.example",
        "javascript:alert(1)", "/%0d%0aSet-Cookie:x=y", "",
    ])
    func openRedirect(returnTo: String) {
        #expect(LanguagePages.localPath(returnTo.removingPercentEncoding ?? returnTo) == nil)
    }

    @Test("the switch over HTTP refuses foreign return_to targets and still sets the language")
    func openRedirectOverHTTP() async throws {
        let fixture = try await PageFixture.start()
        let browser = Browser(port: fixture.server.port)
        for target in ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example", "evil"] {
            let switched = try await browser.get("/language?lang=en&return_to=\(target)")
            #expect(switched.status == 303, "\(target)")
            #expect(switched.header("Location") == "/", "\(target)")
            #expect(Browser.setCookie("schoolid_lang", in: switched)?.hasPrefix("schoolid_lang=en") == true, "\(target)")
        }
        let unknown = try await browser.get("/language?lang=fr&return_to=/login")
        #expect(unknown.header("Location") == "/login")
        #expect(Browser.setCookie("schoolid_lang", in: unknown) == nil)
        try await fixture.server.stop()
    }
}
