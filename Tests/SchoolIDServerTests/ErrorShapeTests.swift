import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDServer
import SchoolIDTesting
import Synchronization
import Testing

struct Boom: Error { let secret = "SELECT * FROM accounts WHERE password = 'hunter2'" }

@Suite struct ErrorShapeTests {
    @Test("an unknown API path answers the one error shape, in Russian by default and English on request") func notFound() async throws {
        let server = try await TestServer()
        // URLSession on Linux sends "Accept-Language: en-US…" unless told otherwise.
        let russian = try await fetch(server.url("/v1/nope"), headers: ["Accept-Language": "de-DE"])
        let english = try await fetch(server.url("/v1/nope"), headers: ["Accept-Language": "en-GB,en;q=0.9,ru;q=0.5"])
        try await server.stop()
        #expect(russian.status == 404 && english.status == 404)
        #expect(russian.header("Content-Type") == "application/json; charset=utf-8")
        #expect(russian.json["error"] as? String == "not_found")
        #expect(russian.json["message"] as? String == ErrorCode.notFound.message(in: .russian))
        #expect(english.json["message"] as? String == ErrorCode.notFound.message(in: .english))
        #expect(russian.json["request_id"] as? String == russian.header("X-Request-ID"))
    }

    @Test("a known path with another method answers 405 with Allow") func methodNotAllowed() async throws {
        let server = try await TestServer()
        let response = try await fetch(server.url(Routes.health), method: "POST", body: Data("{}".utf8))
        try await server.stop()
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
        #expect(response.json["error"] as? String == "method_not_allowed")
    }

    @Test("an unexpected error is 500 server_error; the detail is logged under the request id, never sent") func serverError() async throws {
        let server = try await TestServer(extraRoutes: { router, _ in
            router.add(.GET, "/v1/test/boom") { _ in throw Boom() }
        })
        let response = try await fetch(server.url("/v1/test/boom"))
        let lines = server.logs.lines
        try await server.stop()
        let requestID = try #require(response.json["request_id"] as? String)
        #expect(response.status == 500 && response.json["error"] as? String == "server_error")
        #expect(!String(decoding: response.body, as: UTF8.self).contains("hunter2"))
        #expect(lines.contains { $0.contains("unhandled error") && $0.contains(requestID) && $0.contains("Boom") })
    }

    @Test("a domain error renders its catalogue code and status") func domainError() async throws {
        let server = try await TestServer(extraRoutes: { router, _ in
            router.add(.GET, "/test/phone") { _ in _ = try PhoneNumber(parsing: "12"); return Response() }
        })
        let response = try await fetch(server.url("/test/phone"), headers: ["Accept-Language": "en"])
        try await server.stop()
        #expect(response.status == 400)
        #expect(response.json["error"] as? String == "phone_invalid_length" || response.json["error"] as? String == "phone_invalid_format")
    }

    @Test("while the hashing pool is saturated, hashing routes answer 503 with Retry-After and JWKS still answers") func saturation() async throws {
        let gate = Gate()
        let started = Mutex(0)
        let server = try await TestServer(configure: { $0.hashingThreads = 1 }, extraRoutes: { router, pool in
            router.add(.POST, "/test/hash") { _ in
                try await pool.run(lane: "interactive") { started.withLock { $0 += 1 }; gate.wait() }
                return Response.init(status: .noContent)
            }
        })
        // 1 running + 16 queued fill the interactive lane (16 × threads).
        defer { gate.open() }
        let hash = { Task { try await fetch(server.url("/test/hash"), method: "POST", body: Data()) } }
        var blocked = [hash()]
        try await waitUntil { started.withLock { $0 } == 1 }  // the pool's one thread is busy
        blocked += (0..<16).map { _ in hash() }
        try await waitUntil { server.application.hashingPool.queueDepths["interactive"] == 16 }
        let busy = try await fetch(server.url("/test/hash"), method: "POST", body: Data())
        let jwks = try await fetch(server.url(Routes.jwks))
        gate.open()
        for task in blocked { _ = try? await task.value }
        try await server.stop()
        #expect(busy.status == 503)
        #expect(busy.json["error"] as? String == "service_busy")
        #expect(busy.header("Retry-After") == "1")
        #expect(jwks.status == 200)
    }
}

/// A one-shot latch that blocks pool threads until the test opens it.
final class Gate: Sendable {
    private let condition = NSCondition()
    private let isOpen = Mutex(false)
    func wait() {
        condition.lock()
        while !isOpen.withLock({ $0 }) { condition.wait() }
        condition.unlock()
    }
    func open() {
        condition.lock()
        isOpen.withLock { $0 = true }
        condition.broadcast()
        condition.unlock()
    }
}
