import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct SMTPDispatchTests {
    @Test("the dispatcher delivers a queued email through STARTTLS end to end and erases its body")
    func endToEnd() async throws {
        let server = try FakeSMTPServer(mode: .startTLS)
        defer { server.stop() }
        let clock = ManualWallClock(UnixTime(seconds: 1_790_000_000))
        let settings = SMTPSettings(host: "localhost", port: server.port, security: .startTLS,
                                    from: Email(rawValue: "noreply@school.example.ru")!,
                                    trustedCAFile: FakeSMTPServer.caFile, timeout: .seconds(5))
        let harness = try await DeliveryHarness(channels: [.email: try SMTPChannel(settings: settings, clock: clock)])
        let template = MessageTemplate.registrationCode(code: "482915")
        let keys = harness.keys, random = harness.random, now = harness.clock.now()
        let id = try await harness.storage.write { tx in
            try Courier.enqueue(channel: .email, destination: "parent@example.ru", body: template.emailText(in: .russian),
                                decoy: false, now: now, keys: keys, random: random, in: tx)
        }
        #expect(try await harness.dispatcher.runOnce().delivered == 1)
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .sent && stored.body == nil)
        let received = try #require(server.received.first)
        #expect(received.subject == template.email(in: .russian).subject)
        #expect(received.body == template.email(in: .russian).body)
        #expect(received.messageID == "<\(id.rawValue)@schoolid>")
        try await harness.tearDown()
    }

    @Test("a 451 leaves the email pending for a retry with a reason that holds only the code")
    func retryable() async throws {
        let server = try FakeSMTPServer(mode: .plain)
        defer { server.stop() }
        server.respond(with: 451)
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, security: .none,
                                    from: Email(rawValue: "noreply@school.example.ru")!, timeout: .seconds(5))
        let harness = try await DeliveryHarness(channels: [.email: try SMTPChannel(settings: settings, clock: ManualWallClock(UnixTime(seconds: 0)))])
        let keys = harness.keys, random = harness.random, now = harness.clock.now()
        let id = try await harness.storage.write { tx in
            try Courier.enqueue(channel: .email, destination: "parent@example.ru", body: "S\n\ncode 482915",
                                decoy: false, now: now, keys: keys, random: random, in: tx)
        }
        #expect(try await harness.dispatcher.runOnce().retried == 1)
        let stored = try #require(try await harness.message(id))
        #expect(stored.status == .pending && stored.lastError == "SMTP end of data answered 451")
        try await harness.tearDown()
    }
}
