import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer

/// A real server on loopback whose SMS go to a ``FakeSMSGateway`` and whose email goes
/// to a plain ``FakeSMTPServer`` on 127.0.0.1: what registration, recovery and contact
/// tests drive. The server's own dispatcher sends (every second); ``sms(to:after:)`` and
/// ``email(to:after:)`` wait for a message to arrive.
public struct DeliveryWorld: Sendable {
    public let server: TestServer
    public let gateway: FakeSMSGateway
    public let smtp: FakeSMTPServer

    /// Starts the fakes and the server.
    /// - Parameters:
    ///   - monotonic: see ``TestServer/init(monotonic:configure:extraRoutes:)``.
    ///   - configure: further configuration.
    public init(monotonic: ManualClock? = nil, configure: @escaping (inout ServeConfiguration) -> Void = { _ in })
        async throws
    {
        let gateway = try await FakeSMSGateway()
        let smtp = try FakeSMTPServer(mode: .plain)
        server = try await TestServer(monotonic: monotonic) { configuration in
            configuration.smsGatewayURL = gateway.url
            configuration.smsGatewayToken = Secret(gateway.token)
            configuration.smtp.host = "127.0.0.1"
            configuration.smtp.port = smtp.port
            configuration.smtp.security = .none
            configuration.smtp.from = Email(rawValue: "noreply@schoolid.test")
            configure(&configuration)
        }
        self.gateway = gateway
        self.smtp = smtp
    }

    /// Stops the server and the fakes.
    public func stop() async throws {
        try await server.stop()
        try await gateway.stop()
        smtp.stop()
    }

    /// Runs `body` in a fresh world and stops it afterwards, also when `body` throws.
    public static func run(monotonic: ManualClock? = nil,
                           configure: @escaping (inout ServeConfiguration) -> Void = { _ in },
                           _ body: (DeliveryWorld) async throws -> Void) async throws {
        let world = try await DeliveryWorld(monotonic: monotonic, configure: configure)
        do {
            try await body(world)
        } catch {
            try? await world.stop()
            throw error
        }
        try await world.stop()
    }

    /// Waits (up to `timeout`) for an SMS to `phone` beyond the first `count` ones.
    /// - Returns: the message.
    /// - Throws: ``DeliveryWorldError/timedOut`` when none came.
    public func sms(to phone: String, after count: Int = 0, timeout: Duration = .seconds(10)) async throws
        -> FakeSMSGateway.Received
    {
        try await poll(timeout) { gateway.received.filter { $0.to == phone }.dropFirst(count).first }
    }

    /// Waits (up to `timeout`) for an email to `address` beyond the first `count` ones.
    /// - Returns: the message.
    /// - Throws: ``DeliveryWorldError/timedOut`` when none came.
    public func email(to address: String, after count: Int = 0, timeout: Duration = .seconds(10)) async throws
        -> FakeSMTPServer.Received
    {
        try await poll(timeout) { smtp.received.filter { $0.recipients.contains(address) }.dropFirst(count).first }
    }

    /// The SMS sent to `phone` so far.
    public func smsCount(to phone: String) -> Int { gateway.received.filter { $0.to == phone }.count }

    /// The emails sent to `address` so far.
    public func emailCount(to address: String) -> Int {
        smtp.received.filter { $0.recipients.contains(address) }.count
    }

    /// The first run of exactly six digits in `text` (the code of a code message).
    public static func code(in text: String) -> String? {
        text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).first { $0.count == 6 }.map(String.init)
    }

    private func poll<T: Sendable>(_ timeout: Duration, _ probe: () -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = probe() { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DeliveryWorldError.timedOut
    }
}

/// Why a ``DeliveryWorld`` wait failed.
public enum DeliveryWorldError: Error, Sendable {
    /// No matching message arrived in time.
    case timedOut
}
