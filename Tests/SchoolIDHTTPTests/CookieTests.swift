import SchoolIDBase
import SchoolIDHTTP
import Testing

@Suite struct CookieTests {
    @Test("parses a Cookie header, skipping invalid pairs, first value wins", arguments: [
        ("sid=abc; theme=dark", ["sid": "abc", "theme": "dark"]),
        ("sid=\"quoted\"", ["sid": "quoted"]),
        ("a=1;b=2", ["a": "1", "b": "2"]),
        ("a=1; a=2", ["a": "1"]),
        ("bad name=1; ok=2", ["ok": "2"]),
        ("x=a b; y=c,d; z=ok", ["z": "ok"]),
        ("novalue; empty=", ["empty": ""]),
        ("", [:]),
    ])
    func parse(_ header: String, _ expected: [String: String]) {
        #expect(Cookie.parse(header: header) == expected)
    }

    @Test("a request's cookies come from every Cookie field line")
    func requestCookies() {
        let request = Request(method: .GET, target: "/", headers: HTTPHeaders([("Cookie", "a=1"), ("cookie", "b=2")]))
        #expect(request.cookies == ["a": "1", "b": "2"])
    }

    @Test("serializes every attribute, Expires as IMF-fixdate (RFC 9110 §5.6.7)")
    func serialize() throws {
        let cookie = try SetCookie(name: "sid", value: "abc123", path: "/app", domain: "school.test", maxAge: 3600,
                                   expires: UnixTime(seconds: 784_111_777), secure: true, httpOnly: true,
                                   sameSite: .strict)
        #expect(cookie.headerValue == "sid=abc123; Path=/app; Domain=school.test; Max-Age=3600; "
                + "Expires=Sun, 06 Nov 1994 08:49:37 GMT; Secure; HttpOnly; SameSite=Strict")
        #expect(try SetCookie(name: "a", value: "b").headerValue == "a=b; Path=/; Secure; HttpOnly; SameSite=Lax")
        let plain = try SetCookie(name: "a", value: "", path: nil, secure: false, httpOnly: false, sameSite: nil)
        #expect(plain.headerValue == "a=")
        var headers = HTTPHeaders()
        headers.add(try SetCookie(name: "x", value: "1", sameSite: SetCookie.SameSite.none))
        #expect(headers["set-cookie"] == "x=1; Path=/; Secure; HttpOnly; SameSite=None")
    }

    @Test("formats IMF-fixdate across leap years and the epoch", arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func imfFixdate(_ seconds: Int64, _ expected: String) {
        #expect(IMFFixdate.format(UnixTime(seconds: seconds)) == expected)
    }

    @Test("rejects invalid names, values, paths and domains", arguments: [
        ("", "v", "/", nil as String?, CookieError.invalidName),
        ("a b", "v", "/", nil, .invalidName),
        ("a;", "v", "/", nil, .invalidName),
        ("a", "v;x", "/", nil, .invalidValue),
        ("a", "v x", "/", nil, .invalidValue),
        ("a", "\"v\"", "/", nil, .invalidValue),
        ("a", "v\r\n", "/", nil, .invalidValue),
        ("a", "v", "/p;x", nil, .invalidPath),
        ("a", "v", "/p\n", nil, .invalidPath),
        ("a", "v", "/", "evil.test; x=1", .invalidDomain),
    ])
    func invalid(_ name: String, _ value: String, _ path: String, _ domain: String?, _ error: CookieError) {
        #expect(throws: error) { try SetCookie(name: name, value: value, path: path, domain: domain) }
    }

    @Test("refuses SameSite=None without Secure")
    func sameSiteNone() {
        #expect(throws: CookieError.sameSiteNoneRequiresSecure) {
            try SetCookie(name: "a", value: "b", secure: false, sameSite: SetCookie.SameSite.none)
        }
    }
}
