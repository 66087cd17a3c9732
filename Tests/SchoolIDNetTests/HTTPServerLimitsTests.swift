#if canImport(Glibc)
import Glibc
#endif
import SchoolIDHTTP
@testable import SchoolIDNet
import SchoolIDTesting
import Testing

@Suite(.serialized) struct HTTPServerLimitsTests {
    @Test("slowloris: a header sent slowly is cut off with 408 at the header timeout")
    func slowHeaderCutOff() async throws {
        let live = try await LiveServer.start { $0.limits.headerTimeout = .milliseconds(300) }
        let client = try await live.client()
        var sent = 0
        for byte in Array("GET / HTTP/1.1\r\nHost: slow.example\r\nX-Padding: aaaaaaaaaaaaaaaa\r\n\r\n".utf8) {
            // Paced like a slowloris sender; stop once the server has hung up.
            guard (try? await client.send([byte])) != nil, try await !client.receivesData(within: .milliseconds(40)) else {
                break
            }
            sent += 1
        }
        let response = try await client.readResponse()
        #expect(response.status == 408)
        #expect(response.bodyText == #"{"error":"request_timeout"}"#)
        #expect(await client.waitForClose())
        #expect(sent < 60)  // cut off long before the 70-byte header was complete
        try await live.stop()
    }

    @Test("IPv6 loopback is served when available")
    func ipv6() async throws {
        // Skip only when the host has no IPv6 loopback; otherwise the server must serve it.
        guard let probe = try? Socket.listen(host: "::1", port: 0) else { return }
        close(probe.fd)
        let live = try await LiveServer.start(host: "::1")
        let client = try await TestClient(host: "::1", port: live.port)
        try await client.send("GET /six HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("X-Remote") == "::1")
        try await live.stop()
    }

    @Test("200 concurrent connections each get 200, and their sockets are all closed afterwards")
    func concurrentConnections() async throws {
        let live = try await LiveServer.start()
        // The listener. Snapshots of /proc race with the sockets of tests running in
        // parallel, so every count is awaited rather than read once.
        #expect(await eventually { OpenSockets.count(port: live.port) == 1 })
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let client = try await live.client()
                    defer { client.close() }
                    try await client.send("GET /c\(index) HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    return try await client.readResponse(timeout: .seconds(10)).status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(await eventually { OpenSockets.count(port: live.port) == 1 && live.server.openConnections == 0 })
        try await live.stop()
        #expect(await eventually { OpenSockets.count(port: live.port) == 0 })
    }

    @Test("cancelling run lets an in-flight slow request finish, closes idle connections, then returns")
    func gracefulDrain() async throws {
        let started = Signal()
        let live = try await LiveServer.start { $0.drainTimeout = .seconds(5) } handler: { request in
            started.fire()
            try? await Task.sleep(for: .milliseconds(300))
            return Response(status: .ok, body: Array((Task.isCancelled ? "cancelled" : "finished").utf8))
        }
        let idle = try await live.client()
        let busy = try await live.client()
        try await busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        await started.wait()
        live.task.cancel()
        let response = try await busy.readResponse()
        #expect(response.bodyText == "finished")
        #expect(response.header("Connection") == "close")
        #expect(await idle.waitForClose())
        try await live.task.value
        #expect(live.server.openConnections == 0)
    }

    @Test("with maxConnections 2, a third connection waits unserved until one closes")
    func connectionCap() async throws {
        let live = try await LiveServer.start { $0.limits.maxConnections = 2 }
        let first = try await live.client()
        let second = try await live.client()
        for client in [first, second] {
            try await client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
        let third = try await live.client()  // completes in the kernel backlog
        try await third.send("GET /third HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try await third.receivesData(within: .milliseconds(300)) == false)
        first.close()
        let response = try await third.readResponse()
        #expect(response.bodyText == "GET /third ")
        try await live.stop()
    }

    @Test("beyond the per-address cap a connection is closed at once")
    func perAddressCap() async throws {
        let live = try await LiveServer.start { $0.limits.maxConnectionsPerAddress = 1 }
        let first = try await live.client()
        try await first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try await first.readResponse().status == 200)
        let second = try await live.client()
        #expect(await second.waitForClose())
        try await live.stop()
    }
}

/// Polls `condition` until it holds or `timeout` passes (for asynchronous cleanup, not time rules).
func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
