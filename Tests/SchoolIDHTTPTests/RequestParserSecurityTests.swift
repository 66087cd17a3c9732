import SchoolIDHTTP
import Testing

/// Each rejection RFC 9112 asks for, as its own named test; every case is drip-fed.
@Suite struct RequestParserSecurityTests {
    private func expectFailure(_ fixture: String, _ error: HTTPParseError, limits: HTTPLimits = HTTPLimits(),
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let seen = try DripFeed.parse(fixture: fixture, limits: limits, sourceLocation: sourceLocation)
        #expect(seen == [.failed(error)], sourceLocation: sourceLocation)
    }

    @Test("rejects Content-Length with Transfer-Encoding (request smuggling, RFC 9112 §6.1)")
    func contentLengthAndTransferEncoding() throws {
        try expectFailure("smuggling-cl-te.http", .contentLengthAndTransferEncoding)
        #expect(HTTPParseError.contentLengthAndTransferEncoding.status == .badRequest)
    }

    @Test("rejects a duplicate Content-Length even with equal values (RFC 9112 §6.3)")
    func duplicateContentLength() throws {
        try expectFailure("duplicate-content-length.http", .duplicateContentLength)
        try expectFailure("content-length-list.http", .duplicateContentLength)
    }

    @Test("rejects negative and overflowing Content-Length")
    func invalidContentLength() throws {
        try expectFailure("content-length-negative.http", .invalidContentLength)
        try expectFailure("content-length-overflow.http", .invalidContentLength)
    }

    @Test("rejects obs-fold continuation lines (RFC 9112 §5.2)")
    func obsoleteLineFolding() throws {
        try expectFailure("obs-fold.http", .obsoleteLineFolding)
    }

    @Test("rejects header fields beyond maxHeaderBytes with 431")
    func oversizeHeader() {
        var limits = HTTPLimits()
        limits.maxHeaderBytes = 256
        let big = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "b", count: 300))\r\n\r\n".utf8)
        #expect(DripFeed.parse(big, limits: limits) == [.failed(.headerTooLarge)])
        #expect(HTTPParseError.headerTooLarge.status.code == 431)
        var many = "GET / HTTP/1.1\r\nHost: a\r\n"
        for index in 0..<10 { many += "X-\(index): v\r\n" }
        limits.maxHeaderCount = 10
        #expect(DripFeed.parse(Array((many + "\r\n").utf8), limits: limits) == [.failed(.tooManyHeaders)])
    }

    @Test("a header section of exactly maxHeaderBytes is accepted")
    func headerAtLimit() {
        var limits = HTTPLimits()
        limits.maxHeaderBytes = "Host: a\r\n".utf8.count + "X: 123\r\n".utf8.count
        let request = Array("GET / HTTP/1.1\r\nHost: a\r\nX: 123\r\n\r\n".utf8)
        #expect(DripFeed.parse(request, limits: limits).first?.snapshot?.headers == ["Host: a", "X: 123"])
        limits.maxHeaderBytes -= 1
        #expect(DripFeed.parse(request, limits: limits) == [.failed(.headerTooLarge)])
    }

    @Test("rejects bare LF line ends in the request line and in fields (RFC 9112 §2.2)")
    func bareLineFeed() throws {
        try expectFailure("bare-lf.http", .bareLineFeed)
        try expectFailure("bare-lf-header.http", .bareLineFeed)
    }

    @Test("rejects NUL and bare CR in a field value")
    func controlInValue() throws {
        try expectFailure("nul-in-header.http", .invalidHeaderValue)
        try expectFailure("bare-cr-in-header.http", .invalidHeaderValue)
    }

    @Test("rejects whitespace between field name and colon (RFC 9112 §5.1)")
    func whitespaceBeforeColon() throws {
        try expectFailure("whitespace-before-colon.http", .whitespaceBeforeColon)
        try expectFailure("invalid-header-name.http", .invalidHeaderName)
    }

    @Test("rejects a chunk size that is not hex")
    func chunkedBadSize() throws {
        try expectFailure("chunked-bad-size.http", .invalidChunk)
        try expectFailure("chunk-missing-crlf.http", .invalidChunk)
    }

    @Test("rejects a chunk size that overflows instead of wrapping")
    func chunkSizeOverflow() throws {
        try expectFailure("chunk-size-overflow.http", .invalidChunk)
    }

    @Test("rejects transfer codings other than one final chunked (501 unknown, 400 not final)")
    func transferEncodingOtherThanChunked() throws {
        try expectFailure("te-gzip-chunked.http", .unsupportedTransferEncoding)
        #expect(HTTPParseError.unsupportedTransferEncoding.status.code == 501)
        try expectFailure("te-chunked-not-final.http", .invalidTransferEncoding)
        try expectFailure("te-identity.http", .invalidTransferEncoding)
    }

    @Test("rejects HTTP/1.1 without Host and with two Host fields (RFC 9112 §3.2)")
    func missingHost() throws {
        try expectFailure("missing-host.http", .missingHost)
        try expectFailure("duplicate-host.http", .duplicateHost)
    }

    @Test("answers 501 to a well-formed unknown method")
    func unknownMethod() throws {
        try expectFailure("unknown-method.http", .methodNotImplemented)
        #expect(HTTPParseError.methodNotImplemented.status.code == 501)
    }

    @Test("answers 414 to a request line longer than maxRequestLineBytes")
    func tooLongRequestLine() {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = 64
        let line = "GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(DripFeed.parse(Array(line.utf8), limits: limits) == [.failed(.uriTooLong)])
        #expect(HTTPParseError.uriTooLong.status.code == 414)
    }

    @Test("rejects absolute-form targets and answers 505 to HTTP/2.0")
    func requestLine() throws {
        try expectFailure("absolute-form.http", .invalidRequestTarget)
        try expectFailure("version-2.http", .versionNotSupported)
    }

    @Test("answers 417 to an Expect other than 100-continue")
    func otherExpectation() throws {
        try expectFailure("expect-other.http", .unsupportedExpectation)
    }

    @Test("answers 413 to a Content-Length above maxBodyBytes before reading it, and to chunks that grow past it")
    func bodyTooLarge() {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 8
        let fixed = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n".utf8)
        #expect(DripFeed.parse(fixed, limits: limits) == [.failed(.bodyTooLarge)])
        let chunked = Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n4\r\n".utf8)
        #expect(DripFeed.parse(chunked, limits: limits) == [.failed(.bodyTooLarge)])
    }

    @Test("counts trailer fields against the header limits (RFC 9112 §7.1.2)")
    func trailersCounted() {
        var limits = HTTPLimits()
        limits.maxHeaderCount = 3
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n"
        #expect(DripFeed.parse(Array((head + "T: 1\r\n\r\n").utf8), limits: limits).first?.snapshot?.bodyText == "x")
        #expect(DripFeed.parse(Array((head + "T: 1\r\nU: 2\r\n\r\n").utf8), limits: limits)
                == [.failed(.tooManyHeaders)])
        #expect(DripFeed.parse(Array((head + "T : 1\r\n\r\n").utf8)) == [.failed(.whitespaceBeforeColon)])
    }
}
