import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct OutboxDispatcherTests {
    @Test("an enqueued SMS reaches the gateway with its number, text, bearer token and the message id as Idempotency-Key")
    func delivers() async throws {
        let harness = try await DeliveryHarness()
        let id = try await harness.enqueue()
        let report = try await harness.dispatcher.runOnce()
        #expect(report.delivered == 1)
        let received = harness.gateway.received
        #expect(received.count == 1)
        #expect(received.first?.to == DeliveryHarness.phone)
        #expect(received.first?.text == DeliveryHarness.text)
        #expect(received.first?.id == id.rawValue)
        #expect(received.first?.idempotencyKey == id.rawValue)
        #expect(received.first?.authorization == "Bearer \(harness.gateway.token)")
        #expect(received.first?.contentType == "application/json")
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .sent)
        #expect(stored.sentAt == harness.clock.now())
        #expect(try await harness.dispatcher.runOnce() == OutboxDispatcher.Report())
        #expect(harness.gateway.attempts.count == 1)
        try await harness.tearDown()
    }

    @Test("delivery erases the body and leaves the destination sealed under the data key")
    func erasesBody() async throws {
        let harness = try await DeliveryHarness()
        let id = try await harness.enqueue()
        let before = try #require(try await harness.message(id))
        #expect(before.body != nil)
        try await harness.dispatcher.runOnce()
        let stored = try #require(try await harness.message(id))
        #expect(stored.body == nil)
        #expect(!stored.destination.contains(subsequence: Array(DeliveryHarness.phone.utf8)))
        let field = try SealedField(serialized: stored.destination)
        let key = SealingKey(key: harness.keys.dataKey(version: 1)!, version: 1)
        #expect(try field.openString(with: key, for: OutboxMessage.destinationContext(id)) == DeliveryHarness.phone)
        try await harness.tearDown()
    }

    @Test("gateway 500s are retried after the backoff and delivered once it recovers, under one Idempotency-Key")
    func retriesWithBackoff() async throws {
        let harness = try await DeliveryHarness()
        harness.gateway.respond(with: 500, times: 2)
        let id = try await harness.enqueue()
        let start = harness.clock.now()

        #expect(try await harness.dispatcher.runOnce().retried == 1)
        var stored = try #require(try await harness.message(id))
        #expect(stored.status == .pending && stored.attempts == 1)
        #expect(stored.nextAttemptAt == start.adding(seconds: 2))
        #expect(stored.lastError == "gateway answered 500")

        harness.clock.advance(seconds: 1)
        #expect(try await harness.dispatcher.runOnce() == OutboxDispatcher.Report())
        #expect(harness.gateway.attempts.count == 1)

        harness.clock.advance(seconds: 1)
        #expect(try await harness.dispatcher.runOnce().retried == 1)
        stored = try #require(try await harness.message(id))
        #expect(stored.attempts == 2 && stored.nextAttemptAt == start.adding(seconds: 2 + 4))

        harness.clock.advance(seconds: 4)
        #expect(try await harness.dispatcher.runOnce().delivered == 1)
        stored = try #require(try await harness.message(id))
        #expect(stored.status == .sent && stored.body == nil && stored.lastError == nil)
        #expect(harness.gateway.attempts.map(\.status) == [500, 500, 200])
        #expect(harness.gateway.distinctKeys == [id.rawValue])
        #expect(harness.gateway.received.count == 1)
        #expect(harness.gateway.duplicates == 0)
        try await harness.tearDown()
    }

    @Test("a 400 marks the message failed without retry, erases its body and audits message.failed")
    func permanentFailure() async throws {
        let harness = try await DeliveryHarness()
        harness.gateway.respond(with: 400)
        let id = try await harness.enqueue()
        #expect(try await harness.dispatcher.runOnce().failed == 1)
        harness.clock.advance(seconds: 7200)
        #expect(try await harness.dispatcher.runOnce() == OutboxDispatcher.Report())
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .failed && stored.body == nil && stored.sentAt == nil)
        #expect(stored.lastError == "gateway answered 400")
        #expect(harness.gateway.attempts.map(\.status) == [400])
        #expect(harness.gateway.received.isEmpty)
        let events = try await harness.storage.read { tx in try tx.audit.events(AuditQuery()) }
        #expect(events.map(\.action) == [.messageFailed])
        #expect(events.first?.detail == "sms message \(id) failed after 1 attempts: gateway answered 400")
        try await harness.tearDown()
    }

    @Test("passes never overlap: concurrent passes send each due message once")
    func passesDoNotOverlap() async throws {
        let harness = try await DeliveryHarness()
        _ = try await harness.enqueue()
        async let first = harness.dispatcher.runOnce()
        async let second = harness.dispatcher.runOnce()
        let reports = try await [first, second]
        #expect(reports.map(\.delivered).sorted() == [0, 1])
        #expect(harness.gateway.attempts.count == 1)
        try await harness.tearDown()
    }

    @Test("a gateway that keeps answering 503 is given up after ten attempts")
    func givesUp() async throws {
        let harness = try await DeliveryHarness()
        harness.gateway.respondAlways(with: 503)
        let id = try await harness.enqueue()
        for _ in 1...9 {
            #expect(try await harness.dispatcher.runOnce().retried == 1)
            harness.clock.advance(seconds: DeliveryRetry.maximumDelay)
        }
        #expect(try await harness.dispatcher.runOnce().failed == 1)
        harness.clock.advance(seconds: DeliveryRetry.maximumDelay)
        #expect(try await harness.dispatcher.runOnce() == OutboxDispatcher.Report())
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .failed && stored.attempts == 10 && stored.body == nil)
        #expect(harness.gateway.attempts.count == 10)
        try await harness.tearDown()
    }

    @Test("a wrong bearer token is refused by the gateway (401) and fails the message for good")
    func wrongToken() async throws {
        let base = try await DeliveryHarness()
        let harness = try await DeliveryHarness(channels: [
            .sms: HTTPSMSChannel(url: base.gateway.url, token: Secret("not-the-token")),
        ])
        let id = try await harness.enqueue()
        #expect(try await harness.dispatcher.runOnce().failed == 1)
        #expect(try await harness.message(id)?.lastError == "gateway answered 401")
        #expect(base.gateway.attempts.map(\.status) == [401])
        try await harness.tearDown()
        try await base.tearDown()
    }

    @Test("a decoy is dropped without reaching the gateway, its body erased")
    func dropsDecoy() async throws {
        let harness = try await DeliveryHarness()
        let decoy = try await harness.enqueue(decoy: true)
        let real = try await harness.enqueue(to: "+79160000000")
        let report = try await harness.dispatcher.runOnce()
        #expect(report.dropped == 1 && report.delivered == 1)
        let stored = try #require(try await harness.message(decoy))
        #expect(stored.status == .dropped && stored.body == nil && stored.sentAt == nil)
        #expect(harness.gateway.attempts.map(\.idempotencyKey) == [real.rawValue])
        #expect(harness.gateway.received.map(\.to) == ["+79160000000"])
        try await harness.tearDown()
    }

    @Test("without an SMS gateway messages stay pending and the dispatcher says so once")
    func noGateway() async throws {
        let harness = try await DeliveryHarness(channels: [:])
        let id = try await harness.enqueue()
        try await harness.dispatcher.runOnce()
        try await harness.dispatcher.runOnce()
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .pending && stored.attempts == 0 && stored.body != nil)
        #expect(harness.logs.lines.filter { $0.contains("no SMS gateway is configured") }.count == 1)
        try await harness.tearDown()
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { start in self[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
