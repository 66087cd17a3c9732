import SchoolIDHTTP
@testable import SchoolIDNet
import SchoolIDTesting
import Testing

@Suite struct HTTPServerTests {
    @Test("GET is answered 200 by the handler, with the peer address filled in")
    func simpleGet() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        try await client.send("GET /hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "GET /hello?x=1 ")
        #expect(response.header("X-Remote") == "127.0.0.1")
        client.close()
        try await live.stop()
    }

    @Test("keep-alive: two requests on one connection, which stays open")
    func keepAlive() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        for path in ["/one", "/two"] {
            try await client.send("POST \(path) HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc")
            let response = try await client.readResponse()
            #expect(response.bodyText == "POST \(path) abc")
            #expect(response.header("Connection") == nil)
        }
        #expect(await client.waitForClose(timeout: .milliseconds(100)) == false)
        try await live.stop()
    }

    @Test("Connection: close is honoured: the response says so and the server closes")
    func connectionClose() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        try await client.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(await client.waitForClose())
        try await live.stop()
    }

    @Test("HTTP/1.0 closes unless it asks for keep-alive")
    func http10() async throws {
        let live = try await LiveServer.start()
        let plain = try await live.client()
        try await plain.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try await plain.readResponse().status == 200)
        #expect(await plain.waitForClose())
        let kept = try await live.client()
        try await kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let response = try await kept.readResponse()
        #expect(response.header("Connection") == "keep-alive")
        #expect(await kept.waitForClose(timeout: .milliseconds(100)) == false)
        try await live.stop()
    }

    @Test("a handler's Connection: close ends the connection after its response")
    func handlerCloses() async throws {
        let live = try await LiveServer.start(handler: { _ in
            var headers = HTTPHeaders()
            headers.add("Connection", "close")
            return Response(status: .ok, headers: headers)
        })
        let client = try await live.client()
        try await client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try await client.readResponse().header("Connection") == "close")
        #expect(await client.waitForClose())
        try await live.stop()
    }

    @Test("100 pipelined requests in one write get 100 responses in order")
    func pipelining() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        let requests = (0..<100).map { "GET /r\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
        try await client.send(requests)
        for index in 0..<100 {
            let response = try await client.readResponse()
            #expect(response.bodyText == "GET /r\(index) ")
        }
        try await live.stop()
    }

    @Test("a smuggling attempt (Content-Length with Transfer-Encoding) gets 400 and the connection is closed")
    func parseErrorCloses() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        try await client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(response.bodyText == #"{"error":"content_length_and_transfer_encoding"}"#)
        #expect(await client.waitForClose())
        try await live.stop()
    }

    @Test("an oversize header block gets 431 and the connection is closed")
    func oversizeHeader() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        let big = String(repeating: "a", count: 40 * 1024)
        try await client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: \(big)\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 431)
        #expect(await client.waitForClose())
        try await live.stop()
    }

    @Test("Expect: 100-continue gets the interim 100 before the body is sent, then the final response")
    func expectContinue() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        try await client.send("PUT /up HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        #expect(try await client.readResponse().status == 100)
        try await client.send("data")
        let final = try await client.readResponse()
        #expect(final.status == 200)
        #expect(final.bodyText == "PUT /up data")
        try await live.stop()
    }

    @Test("a HEAD response carries the length but no body")
    func headRequest() async throws {
        let live = try await LiveServer.start()
        let client = try await live.client()
        try await client.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\nGET /g HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try await client.readResponse(headRequest: true)
        #expect(head.header("Content-Length") == "8")
        #expect(head.body.isEmpty)
        // Parsed as if bodiless: the next response follows directly.
        #expect(try await client.readResponse().bodyText == "GET /g ")
        try await live.stop()
    }
}
