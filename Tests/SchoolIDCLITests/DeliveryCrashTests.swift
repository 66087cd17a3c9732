import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// Kill -9 between "code requested" and "code sent": the outbox row was committed with
/// the registration, so a restarted `schoolid serve` delivers the message, once.
///
/// The real executable runs against the fake SMS gateway, which answers 503 at first:
/// the code request is answered (the row is durable) but nothing is delivered. The
/// server is then killed with SIGKILL, the gateway recovers, and a second `serve` on the
/// same data directory sends the message. A request the first server wrote just before
/// it died may still be read and answered 200 after the gateway recovers (the bytes sit
/// in the socket buffer): that duplicate carries the same idempotency key, which is
/// the documented crash window, so the test counts keys, not requests.
@Suite struct DeliveryCrashTests {
    @Test("a code acknowledged before SIGKILL is delivered after restart, under one idempotency key")
    func codeSurvivesKill() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let gateway = try await FakeSMSGateway()
        gateway.respondAlways(with: 503)
        let arguments = ["serve", "--port", "0", "--sms-gateway-url", gateway.url.absoluteString,
                         "--sms-gateway-token", gateway.token]

        let first = try await ServeProcess.launch(arguments, in: cli.directory.path)
        let response = try await APIClient(port: first.port).post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": "+79161234567",
            "password": "correct horse battery staple", "consent_version": 1,
        ])
        #expect(response.status == 201, "\(response.json)")
        first.kill()
        #expect(gateway.received.isEmpty)

        gateway.respondAlways(with: 200)
        let second = try await ServeProcess.launch(arguments, in: cli.directory.path)
        defer { second.kill() }
        let deadline = ContinuousClock.now + .seconds(30)
        while gateway.received.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        try await Task.sleep(for: .seconds(1))  // room for a wrongful second delivery to show up
        #expect(!gateway.received.isEmpty)
        #expect(Set(gateway.received.compactMap(\.idempotencyKey)).count == 1)
        #expect(gateway.received.allSatisfy { $0.to == "+79161234567" })
        #expect(gateway.received.first.flatMap { DeliveryWorld.code(in: $0.text) } != nil)
        #expect(gateway.distinctKeys.count == 1)
        try await gateway.stop()
    }
}
