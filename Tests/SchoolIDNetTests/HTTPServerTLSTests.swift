import SchoolIDCrypto
import SchoolIDHTTP
@testable import SchoolIDNet
import SchoolIDTesting
import Testing

/// The live server with ``ServerConfiguration/tls`` set, driven by a real TLS client
/// (RFC 8446) that trusts the test CA in `Tests/Fixtures/keys/tls/`.
@Suite struct HTTPServerTLSTests {
    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        let tls = try TLSTestClient.serverContext()
        return try await LiveServer.start {
            $0.tls = tls
            configure(&$0)
        }
    }

    @Test("a TLS client verifying the server's certificate gets 200 for a GET",
          arguments: ["127.0.0.1", "localhost"])
    func get(serverName: String) async throws {
        let live = try await Self.start()
        let (version, responses) = try await TLSTestClient.exchange(
            port: live.port, serverName: serverName, requests: ["GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"])
        #expect(responses.map(\.status) == [200])
        #expect(responses.first?.bodyText == "GET /hello ")
        #expect(version == "TLSv1.3")
        try await live.stop()
    }

    @Test("two keep-alive requests are answered in order over one TLS connection")
    func keepAlive() async throws {
        let live = try await Self.start()
        let (_, responses) = try await TLSTestClient.exchange(port: live.port, requests: [
            "GET /one HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody",
        ])
        #expect(responses.map(\.status) == [200, 200])
        #expect(responses.map(\.bodyText) == ["GET /one ", "POST /two body"])
        try await live.stop()
    }

    @Test("a 1 MiB response arrives whole: writes go record by record and wait for writability")
    func largeResponse() async throws {
        let body = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let tls = try TLSTestClient.serverContext()
        let live = try await LiveServer.start { $0.tls = tls } handler: { _ in Response(status: .ok, body: body) }
        let (_, responses) = try await TLSTestClient.exchange(port: live.port, requests: ["GET /big HTTP/1.1\r\nHost: a\r\n\r\n"])
        #expect(responses.first?.body == body)
        try await live.stop()
    }

    @Test("a plain-HTTP client on the TLS port is closed, and the server keeps serving TLS")
    func plainClientOnTLSPort() async throws {
        let live = try await Self.start()
        let plain = try await live.client()
        try await plain.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(await plain.waitForClose(timeout: .seconds(5)))
        #expect(await eventually { live.server.openConnections == 0 })
        let (_, responses) = try await TLSTestClient.exchange(port: live.port, requests: ["GET / HTTP/1.1\r\nHost: a\r\n\r\n"])
        #expect(responses.map(\.status) == [200])
        try await live.stop()
    }

    @Test("a client that never sends a ClientHello is cut off at the header timeout")
    func silentClient() async throws {
        let live = try await Self.start { $0.limits.headerTimeout = .milliseconds(200) }
        let silent = try await live.client()
        // Generous: the bound only tells "cut off" from "kept open"; a loaded test run can
        // delay the close by seconds.
        #expect(await silent.waitForClose(timeout: .seconds(30)))
        #expect(await eventually { live.server.openConnections == 0 })
        try await live.stop()
    }
}
