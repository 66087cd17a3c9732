import SchoolIDHTTP
@testable import SchoolIDNet
import SchoolIDTesting
import Testing

/// Live checks that the timeout actions are wired to the socket (the rules themselves are
/// tested with a manual clock in ``ConnectionStateMachineTests``).
@Suite struct HTTPServerTimeoutTests {
    @Test("an idle keep-alive connection is closed silently at the idle timeout")
    func idleTimeout() async throws {
        let live = try await LiveServer.start { $0.limits.idleTimeout = .milliseconds(200) }
        let client = try await live.client()
        try await client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try await client.readResponse().status == 200)
        #expect(await client.waitForClose(timeout: .seconds(5)))
        try await live.stop()
    }

    @Test("a client that stops reading a large response is disconnected instead of pinning the server")
    func stalledReader() async throws {
        let body = [UInt8](repeating: 0x61, count: 16 << 20)
        let live = try await LiveServer.start { $0.limits.bodyTimeout = .milliseconds(300) } handler: { _ in
            Response(status: .ok, body: body)
        }
        let client = try await live.client()
        try await client.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
        // Never read: kernel buffers fill, the server's write waits, its deadline closes it.
        #expect(await eventually { live.server.openConnections == 0 })
        try await live.stop()
    }

    @Test("connections spread over two reactors are all served")
    func twoReactors() async throws {
        let live = try await LiveServer.start { $0.reactorCount = 2 }
        let clients = try await [live.client(), live.client(), live.client()]
        for (index, client) in clients.enumerated() {
            try await client.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await client.readResponse().bodyText == "GET /\(index) ")
        }
        try await live.stop()
    }
}
