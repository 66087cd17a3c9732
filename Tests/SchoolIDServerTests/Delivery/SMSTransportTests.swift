import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct SMSTransportTests {
    @Test("a gateway that does not answer within the timeout leaves the message pending for a retry")
    func timeoutIsRetryable() async throws {
        let harness = try await DeliveryHarness(timeout: .milliseconds(300))
        harness.gateway.stall(for: .seconds(3))
        let id = try await harness.enqueue()
        #expect(try await harness.dispatcher.runOnce().retried == 1)
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .pending && stored.attempts == 1 && stored.body != nil)
        #expect(stored.lastError == "gateway timed out")
        try await harness.tearDown()
    }

    @Test("a refused connection leaves the message pending for a retry")
    func connectionRefusedIsRetryable() async throws {
        let closed = try ClosedPort()
        defer { closed.close() }
        let url = try #require(URL(string: "http://127.0.0.1:\(closed.port)/v1/sms"))
        let harness = try await DeliveryHarness(channels: [.sms: HTTPSMSChannel(url: url, token: Secret("t"))])
        let id = try await harness.enqueue()
        #expect(try await harness.dispatcher.runOnce().retried == 1)
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .pending && stored.attempts == 1)
        #expect(stored.lastError?.hasPrefix("transport error") == true)
        try await harness.tearDown()
    }

    @Test("a repeated Idempotency-Key is answered 200 and recorded once, as a duplicate")
    func gatewayDeduplicates() async throws {
        let gateway = try await FakeSMSGateway()
        let channel = HTTPSMSChannel(url: gateway.url, token: Secret(gateway.token),
                                     timeout: DeliveryHarness.generousTimeout)
        let message = OutgoingMessage(id: .random(using: SeededRandomSource(seed: 9)), channel: .sms,
                                      destination: DeliveryHarness.phone, body: "код 123456")
        let first = await channel.send(message), second = await channel.send(message)
        #expect(first == .delivered && second == .delivered)
        #expect(gateway.received.count == 1)
        #expect(gateway.duplicates == 1)
        try await gateway.stop()
    }

    @Test("a send whose outcome was never recorded (a crash after the gateway's 200) is resent with the same key")
    func resendAfterLostOutcome() async throws {
        let harness = try await DeliveryHarness()
        let id = try await harness.enqueue()
        let sealed = try #require(try await harness.message(id))
        #expect(try await harness.dispatcher.runOnce().delivered == 1)
        // The row as it was before the dispatcher could mark it: pending, body present.
        try await harness.storage.writeSQLite { tx in
            try tx.connection.execute("UPDATE outbox SET status = 'pending', sent_at = NULL, body = ? WHERE id = ?",
                                      [sealed.body, id.rawValue])
        }
        #expect(try await harness.dispatcher.runOnce().delivered == 1)
        #expect(harness.gateway.attempts.map(\.idempotencyKey) == [id.rawValue, id.rawValue])
        #expect(harness.gateway.received.count == 1)
        #expect(harness.gateway.duplicates == 1)
        #expect(try await harness.message(id)?.status == .sent)
        try await harness.tearDown()
    }

    @Test("after delivery neither the phone number nor the text is anywhere in the database or its WAL")
    func nothingInClear() async throws {
        let harness = try await DeliveryHarness()
        let id = try await harness.enqueue()
        #expect(try await harness.dispatcher.runOnce().delivered == 1)
        #expect(try await harness.message(id)?.status == .sent)
        var files = 0
        for path in [harness.temporary.path, harness.temporary.path + "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: path).map(Array.init) else { continue }
            files += 1
            for secret in [DeliveryHarness.phone, DeliveryHarness.text, "482915", "79161234567"] {
                #expect(!bytes.contains(subsequence: Array(secret.utf8)), "\(secret) in \(path)")
            }
        }
        #expect(files == 2)
        try await harness.tearDown()
    }
}
