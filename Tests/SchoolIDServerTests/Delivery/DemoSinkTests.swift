import Foundation
import Synchronization
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct DemoSinkTests {
    /// Enqueues one message through the courier, as a registration would.
    static func enqueue(_ server: TestServer, channel: OutboxMessage.Channel, to destination: String,
                        text: String) async throws -> OutboxMessage.ID {
        let environment = server.application.environment
        let keys = environment.dataKeys, random = environment.random, now = server.clock.now()
        return try await environment.storage.write { tx in
            try Courier.enqueue(channel: channel, destination: destination, body: text, decoy: false, now: now,
                                keys: keys, random: random, in: tx)
        }
    }

    @Test("with demo, SMS and email go to data/outbox.log as JSON lines (mode 0600) and are marked sent")
    func writesFile() async throws {
        let server = try await TestServer { $0.demo = true }
        let sms = try await Self.enqueue(server, channel: .sms, to: DeliveryHarness.phone, text: DeliveryHarness.text)
        let email = try await Self.enqueue(server, channel: .email, to: "parent@example.ru", text: "Code 482915")
        // The server's own loop may take one of them first; passes never overlap, so
        // between them each message is written once.
        try await server.application.dispatcher.runOnce()

        let path = server.application.configuration.demoOutboxFile
        #expect(path == server.directory.file("data/outbox.log"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let decoded = try lines.map { try JSONDecoder().decode([String: JSONScalar].self, from: Data($0.utf8)) }
        let byID = Dictionary(uniqueKeysWithValues: decoded.map { ($0["id"]?.text ?? "", $0) })
        let smsLine = try #require(byID[sms.rawValue])
        #expect(smsLine["channel"] == .text("sms"))
        #expect(smsLine["to"] == .text(DeliveryHarness.phone))
        #expect(smsLine["text"] == .text(DeliveryHarness.text))
        #expect(smsLine["at"] == .number(server.clock.now().seconds))
        #expect(byID[email.rawValue]?["to"] == .text("parent@example.ru"))
        #expect(byID[email.rawValue]?["text"] == .text("Code 482915"))

        let stored = try await server.application.storage.read { tx in
            (try tx.outbox.message(sms), try tx.outbox.message(email))
        }
        #expect(stored.0?.status == .sent && stored.0?.body == nil)
        #expect(stored.1?.status == .sent)
        try await server.stop()
    }

    @Test("the demo sink appends to an existing file and narrows it to 0600; the console gets one line per message")
    func appends() async throws {
        let directory = try TemporaryDirectory(prefix: "demo-sink")
        defer { directory.remove() }
        let path = directory.file("outbox.log")
        _ = FileManager.default.createFile(atPath: path, contents: Data("earlier\n".utf8), attributes: [.posixPermissions: 0o644])
        let console = ConsoleLines()
        let channel = FileChannel(path: path, clock: ManualWallClock(UnixTime(seconds: 1_790_000_000))) { console.append($0) }
        let id = OutboxMessage.ID.random(using: SeededRandomSource(seed: 1))
        let result = await channel.send(OutgoingMessage(id: id, channel: .sms, destination: DeliveryHarness.phone,
                                                        body: DeliveryHarness.text))
        #expect(result == .delivered)
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents == "earlier\n" + #"{"at":1790000000,"channel":"sms","id":"\#(id.rawValue)","text":"\#(DeliveryHarness.text)","to":"\#(DeliveryHarness.phone)"}"# + "\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(console.lines == ["[demo] sms to \(DeliveryHarness.phone): \(DeliveryHarness.text)"])
    }

    @Test("an unwritable demo file is a retryable outcome")
    func unwritable() async throws {
        let channel = FileChannel(path: "/nonexistent-dir/outbox.log", clock: ManualWallClock(UnixTime(seconds: 0))) { _ in }
        let id = OutboxMessage.ID.random(using: SeededRandomSource(seed: 2))
        let result = await channel.send(OutgoingMessage(id: id, channel: .email, destination: "a@example.ru", body: "x"))
        #expect(result == .retryable("cannot write /nonexistent-dir/outbox.log (errno \(ENOENT))"))
    }

    @Test("demo comes from the demo key, SCHOOLID_DEMO and the file's boolean; other values are refused")
    func configuration() throws {
        var configuration = ServeConfiguration()
        #expect(!configuration.demo)
        try configuration.apply(environment: ["SCHOOLID_DEMO": "1"])
        #expect(configuration.demo)
        try configuration.set("demo", "false", source: "test")
        #expect(!configuration.demo)
        let directory = try TemporaryDirectory(prefix: "demo-config")
        defer { directory.remove() }
        let file = directory.file("config.json")
        try Data(#"{"demo": true}"#.utf8).write(to: URL(fileURLWithPath: file))
        try configuration.apply(file: file)
        #expect(configuration.demo)
        #expect(throws: ServeConfiguration.Invalid.self) { try configuration.set("demo", "yes", source: "SCHOOLID_DEMO") }
    }

    @Test("demo is allowed on loopback literals and refused on any other host", arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("::1", true), ("[::1]", true), ("0:0:0:0:0:0:0:1", true),
        ("0.0.0.0", false), ("::", false), ("10.0.0.1", false), ("128.0.0.1", false), ("localhost", false),
        ("::ffff:127.0.0.1", false), ("192.168.1.5", false),
    ])
    func loopback(host: String, allowed: Bool) throws {
        var configuration = ServeConfiguration()
        configuration.demo = true
        configuration.host = host
        if allowed {
            try configuration.checkDemo()
        } else {
            #expect { try configuration.checkDemo() } throws: { error in
                (error as? ServeConfiguration.Invalid)?.description.hasPrefix("demo_requires_loopback: ") == true
            }
        }
    }

    @Test("the server refuses to start with demo on 0.0.0.0, or with demo and an SMS gateway")
    func refusesStart() async throws {
        await #expect { _ = try await TestServer { $0.demo = true; $0.host = "0.0.0.0" } } throws: { error in
            (error as? ServeConfiguration.Invalid)?.description.hasPrefix("demo_requires_loopback: ") == true
        }
        await #expect {
            _ = try await TestServer { configuration in
                configuration.demo = true
                configuration.smsGatewayURL = URL(string: "https://sms.example.ru/send")
                configuration.smsGatewayToken = Secret("tok-0123456789abcdef")
            }
        } throws: { error in
            (error as? ServeConfiguration.Invalid)?.description.hasPrefix("demo_excludes_sms_gateway: ") == true
        }
    }

    @Test("garbage collection deletes outbox rows finished over 30 days ago and keeps pending ones")
    func collectsOutbox() async throws {
        // No channel is configured, so nothing is sent behind the test's back: the old
        // message is marked sent directly.
        let server = try await TestServer()
        let old = try await Self.enqueue(server, channel: .sms, to: DeliveryHarness.phone, text: "old")
        let now = server.clock.now()
        _ = try await server.application.storage.write { tx in
            try tx.outbox.update(old) { DeliveryRetry.markSent(&$0, at: now) }
        }
        let pending = try await Self.enqueue(server, channel: .sms, to: DeliveryHarness.phone, text: "pending")
        server.clock.advance(seconds: 30 * 86_400)
        await server.application.collectGarbageOnce()
        #expect(try await server.application.storage.read { tx in try tx.outbox.message(old) } != nil)
        server.clock.advance(seconds: 1)
        await server.application.collectGarbageOnce()
        let (gone, kept) = try await server.application.storage.read { tx in
            (try tx.outbox.message(old), try tx.outbox.message(pending))
        }
        #expect(gone == nil)
        #expect(kept?.status == .pending)
        try await server.stop()
    }
}

/// A JSON scalar of the demo file's lines.
enum JSONScalar: Decodable, Equatable {
    case text(String)
    case number(Int64)

    var text: String? { if case .text(let value) = self { value } else { nil } }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
    }
}

/// Collects console lines from concurrent sends.
final class ConsoleLines: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}
