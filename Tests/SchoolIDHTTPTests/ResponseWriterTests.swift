import SchoolIDHTTP
import Testing

@Suite struct ResponseWriterTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("writes status line, headers in order, computed Content-Length and the body")
    func keepAlive() {
        let response = Response(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json"),
                                                                   ("X-Request-ID", "r1")]),
                                body: Array("{}".utf8))
        #expect(text(ResponseWriter.serialize(response, keepAlive: true, headRequest: false))
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-ID: r1\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test("adds Connection: close when the connection will close, replacing the handler's Connection")
    func close() {
        let response = Response(status: .notFound, headers: HTTPHeaders([("Connection", "keep-alive")]))
        #expect(text(ResponseWriter.serialize(response, keepAlive: false, headRequest: false))
                == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test("omits the body of a HEAD response but keeps its length (RFC 9110 §9.3.2)")
    func head() {
        let response = Response(body: Array("hello".utf8))
        #expect(text(ResponseWriter.serialize(response, keepAlive: true, headRequest: true))
                == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
    }

    @Test("drops handler framing fields and writes no Content-Length or body for 204 and 304")
    func framing() {
        let response = Response(status: .noContent,
                                headers: HTTPHeaders([("Content-Length", "99"), ("Transfer-Encoding", "chunked")]),
                                body: Array("x".utf8))
        #expect(text(ResponseWriter.serialize(response, keepAlive: true, headRequest: false))
                == "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(text(ResponseWriter.serialize(Response(status: .notModified), keepAlive: true, headRequest: false))
                == "HTTP/1.1 304 Not Modified\r\n\r\n")
    }

    @Test("neutralises CR and LF in values and drops invalid field names (response splitting)")
    func splitting() {
        let response = Response(status: .found, headers: HTTPHeaders([
            ("Location", "/a\r\nSet-Cookie: evil=1"), ("Bad Name", "x"),
        ]))
        #expect(text(ResponseWriter.serialize(response, keepAlive: true, headRequest: false))
                == "HTTP/1.1 302 Found\r\nLocation: /a  Set-Cookie: evil=1\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("the 100 Continue interim response is exact")
    func continueBytes() {
        #expect(text(ResponseWriter.continueResponse) == "HTTP/1.1 100 Continue\r\n\r\n")
    }
}

@Suite struct HTTPHeadersTests {
    @Test("looks names up case-insensitively and keeps order and spelling")
    func lookups() {
        var headers = HTTPHeaders([("Accept", "a"), ("X-One", "1"), ("accept", "b")])
        #expect(headers["ACCEPT"] == "a")
        #expect(headers.values(for: "Accept") == ["a", "b"])
        #expect(headers.contains("x-one"))
        headers.set("Accept", "c")
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["Accept=c", "X-One=1"])
        headers.remove("X-ONE")
        #expect(headers.count == 1)
        headers.add("Connection", "Keep-Alive , close,")
        #expect(headers.tokens(for: "connection") == ["keep-alive", "close"])
    }
}
