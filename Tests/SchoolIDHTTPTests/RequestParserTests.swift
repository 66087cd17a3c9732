import SchoolIDHTTP
import Testing

/// Valid requests, framing and pipelining; every case is drip-fed.
@Suite struct RequestParserTests {
    @Test("parses a GET with a query into path and raw query")
    func getWithQuery() throws {
        let seen = try DripFeed.parse(fixture: "get-with-query.http")
        let request = try #require(seen.count == 1 ? seen[0].snapshot : nil)
        #expect(request.method == .GET)
        #expect(request.target == "/v1/search?q=a%20b&page=2")
        #expect(request.path == "/v1/search")
        #expect(request.query == "q=a%20b&page=2")
        #expect(request.version == .http1_1)
        #expect(request.headers == ["Host: school.test", "Accept: */*"])
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test("reads a POST body by Content-Length")
    func postWithContentLength() throws {
        let seen = try DripFeed.parse(fixture: "post-content-length.http")
        let request = try #require(seen.count == 1 ? seen[0].snapshot : nil)
        #expect(request.method == .POST)
        #expect(request.bodyText == "login=anna&password=s3cr%21t")
    }

    @Test("decodes a chunked body with extensions and discards its trailers (RFC 9112 §7.1)")
    func chunkedWithExtensionsAndTrailers() throws {
        let seen = try DripFeed.parse(fixture: "chunked-extensions-trailers.http")
        let request = try #require(seen.count == 1 ? seen[0].snapshot : nil)
        #expect(request.bodyText == "hello world!")
        #expect(request.headers == ["Host: school.test", "Transfer-Encoding: chunked"])
    }

    @Test("100 pipelined requests in one buffer come out as 100 requests in order")
    func pipelined() {
        var bytes: [UInt8] = []
        for index in 0..<100 {
            if index % 3 == 0 {
                bytes += Array("POST /item/\(index) HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok".utf8)
            } else {
                bytes += Array("GET /item/\(index) HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
            }
        }
        let seen = DripFeed.parse(bytes)
        #expect(seen.count == 100)
        #expect(seen.compactMap(\.snapshot?.path) == (0..<100).map { "/item/\($0)" })
        #expect(seen.compactMap(\.snapshot).filter { $0.bodyText == "ok" }.count == 34)
    }

    @Test("HTTP/1.0 keeps the connection only with Connection: keep-alive (RFC 9112 §9.3)")
    func http10KeepAlive() throws {
        let keep = try DripFeed.parse(fixture: "http10-keep-alive.http")
        #expect(keep.first?.snapshot?.version == .http1_0)
        #expect(keep.first?.snapshot?.keepAlive == true)
        let close = try DripFeed.parse(fixture: "http10-close.http")
        #expect(close.first?.snapshot?.keepAlive == false)
        let closing = Request(method: .GET, target: "/", headers: HTTPHeaders([("Connection", "Keep-Alive, close")]))
        #expect(!closing.wantsKeepAlive)
        #expect(Request(method: .GET, target: "/").wantsKeepAlive)
    }

    @Test("Expect: 100-continue yields expectContinue once, before the body")
    func expectContinue() throws {
        let seen = try DripFeed.parse(fixture: "expect-continue.http")
        #expect(seen.count == 2)
        #expect(seen.first == .continue100)
        #expect(seen.last?.snapshot?.bodyText == "body")
    }

    @Test("Expect: 100-continue without content, or from HTTP/1.0, yields no expectContinue")
    func expectContinueWithoutBody() {
        let noBody = Array("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n".utf8)
        #expect(DripFeed.parse(noBody).map(\.snapshot?.path) == ["/"])
        let old = Array("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx".utf8)
        #expect(DripFeed.parse(old).map(\.snapshot?.bodyText) == ["x"])
    }

    @Test("tolerates a few empty lines before the request line, but not many (RFC 9112 §2.2)")
    func leadingEmptyLines() throws {
        #expect(try DripFeed.parse(fixture: "leading-empty-lines.http").first?.snapshot?.path == "/")
        let many = Array((String(repeating: "\r\n", count: 5) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n").utf8)
        #expect(DripFeed.parse(many) == [.failed(.badRequestLine)])
    }

    @Test("accepts OPTIONS * and rejects * for other methods")
    func asterisk() throws {
        #expect(try DripFeed.parse(fixture: "options-asterisk.http").first?.snapshot?.target == "*")
        #expect(DripFeed.parse(Array("GET * HTTP/1.1\r\nHost: a\r\n\r\n".utf8)) == [.failed(.invalidRequestTarget)])
    }

    @Test("rejects malformed request lines", arguments: [
        "GET  / HTTP/1.1", "GET /", "GET / HTTP/1.1 ", "G@T / HTTP/1.1", "GET / http/1.1", "GET / HTTP/1.10",
    ])
    func malformedRequestLine(_ line: String) {
        #expect(DripFeed.parse(Array("\(line)\r\nHost: a\r\n\r\n".utf8)) == [.failed(.badRequestLine)])
    }

    @Test("rejects targets with fragments, spaces, controls or bad escapes", arguments: [
        "/a#b", "/a%zz", "/a%2", "/a\u{7F}", "/ä", "a/b",
    ])
    func invalidTargets(_ target: String) {
        #expect(DripFeed.parse(Array("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
                == [.failed(.invalidRequestTarget)])
    }

    @Test("reports the phase for timeouts: idle, head, body, idle")
    func phases() {
        var parser = RequestParser()
        #expect(parser.phase == .idle)
        parser.feed(Array("POST / HTTP/1.1\r\nHost: a\r\n".utf8))
        #expect(parser.next() == nil)
        #expect(parser.phase == .head)
        parser.feed(Array("Content-Length: 3\r\n\r\na".utf8))
        #expect(parser.next() == nil)
        #expect(parser.phase == .body)
        parser.feed(Array("bc".utf8))
        #expect(parser.next() != nil)
        #expect(parser.phase == .idle)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("stays failed: later bytes are discarded and next() returns nil")
    func staysFailed() {
        var parser = RequestParser()
        parser.feed(Array("GET / HTTP/1.1\nHost: a\r\n\r\n".utf8))
        guard case .failed(let error) = parser.next() else { Issue.record("expected a failure"); return }
        #expect(error == .bareLineFeed)
        parser.feed(DripFeed.follower)
        #expect(parser.next() == nil)
        #expect(parser.failure == .bareLineFeed)
    }

    @Test("keeps UTF-8 field values and rejects invalid UTF-8")
    func utf8Values() {
        let good = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Анна\r\n\r\n".utf8)
        #expect(DripFeed.parse(good).first?.snapshot?.headers.last == "X-Name: Анна")
        let bad = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: ".utf8) + [0xFF] + Array("\r\n\r\n".utf8)
        #expect(DripFeed.parse(bad) == [.failed(.invalidHeaderValue)])
    }
}

extension RequestParser.Event: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.expectContinue, .expectContinue): true
        case (.failed(let left), .failed(let right)): left == right
        case (.request(let left), .request(let right)): Snapshot(left) == Snapshot(right)
        default: false
        }
    }
}
