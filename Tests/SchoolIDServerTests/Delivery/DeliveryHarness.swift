import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting

/// A temporary database, fixed data keys, a manual clock, a fake SMS gateway and a
/// dispatcher sending to it, driven pass by pass with `runOnce()`.
struct DeliveryHarness {
    static let phone = "+79161234567"
    static let text = "SchoolID: код 482915 для регистрации. Никому его не сообщайте."

    let temporary: TemporaryStorage
    let keys = StaticDataKeyProvider.random()
    let clock = ManualWallClock(UnixTime(seconds: 1_790_000_000))
    let random = SeededRandomSource(seed: 5)
    let gateway: FakeSMSGateway
    let logs = MemoryLogSink()
    let dispatcher: OutboxDispatcher

    var storage: SQLiteStorage { temporary.storage }

    /// A per-attempt limit for channels to the in-process fake gateway: it shares this
    /// process with every other test, and a loaded machine must not turn a delivery
    /// test into a timeout test.
    static let generousTimeout: Duration = .seconds(60)

    /// - Parameters:
    ///   - channels: the adapters; `nil` means an `HTTPSMSChannel` to the fake gateway.
    ///   - timeout: the SMS channel's per-attempt limit (``generousTimeout`` by default).
    init(channels: [OutboxMessage.Channel: any MessageChannel]? = nil, timeout: Duration = generousTimeout) async throws {
        temporary = try await TemporaryStorage()
        gateway = try await FakeSMSGateway()
        let keys = keys
        let channels = channels ?? [.sms: HTTPSMSChannel(url: gateway.url, token: Secret(gateway.token), timeout: timeout)]
        dispatcher = OutboxDispatcher(storage: temporary.storage, clock: clock, dataKeys: { keys }, channels: channels,
                                      logger: Logger(label: "test", minimumLevel: .debug, sink: logs, clock: clock))
    }

    /// Writes one message in its own unit, as a registration would beside its challenge.
    func enqueue(to destination: String = phone, text: String = text, decoy: Bool = false) async throws -> OutboxMessage.ID {
        let keys = keys, random = random, now = clock.now()
        return try await storage.write { tx in
            try Courier.enqueue(channel: .sms, destination: destination, body: text, decoy: decoy, now: now, keys: keys,
                                random: random, in: tx)
        }
    }

    /// The stored row.
    func message(_ id: OutboxMessage.ID) async throws -> OutboxMessage? {
        try await storage.read { tx in try tx.outbox.message(id) }
    }

    func tearDown() async throws {
        try await gateway.stop()
        await temporary.remove()
    }
}
