import Foundation
import SchoolIDTesting
import Testing

/// `keys rotate --purpose data|index` against a running `schoolid serve` on the same
/// installation: the per-owner keys are re-wrapped and the blind indexes recomputed
/// while the service answers, and afterwards a lookup by phone (the login reminder)
/// still finds the account and can open its sealed contact.
@Suite struct KeyRotationCLITests {
    static let phone = "+79161234567"

    /// Waits for the `index`-th SMS to `phone` (delivery runs in the background).
    static func sms(_ gateway: FakeSMSGateway, index: Int) async throws -> FakeSMSGateway.Received {
        // Generous for a loaded machine: an attempt that times out (10 s) is retried by
        // the outbox after 2 s, then 4 s.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let received = gateway.received.filter { $0.to == phone }
            if received.count > index { return received[index] }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestClient.Failure.timedOut
    }

    @Test("data and index keys rotate with serve running; a registered guardian is still found by phone afterwards")
    func rotateWhileServing() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let otp = cli.directory.file("policies/otp.json")
        try String(contentsOfFile: otp, encoding: .utf8)
            .replacingOccurrences(of: #""resend_cooldown_seconds": 60"#, with: #""resend_cooldown_seconds": 10"#)
            .write(toFile: otp, atomically: true, encoding: .utf8)
        let gateway = try await FakeSMSGateway()
        defer { Task { try? await gateway.stop() } }
        let arguments = ["serve", "--port", "0", "--sms-gateway-url", gateway.url.absoluteString,
                         "--sms-gateway-token", gateway.token]
        let server = try await ServeProcess.launch(arguments, in: cli.directory.path)
        defer { server.kill() }
        let api = APIClient(port: server.port)
        let started = try await api.post("/v1/registrations", json: [
            "last_name": "Петрова", "first_name": "Анна", "phone": Self.phone, "login": "petrova.anna",
            "password": "correct horse battery staple 42", "consent_version": 1,
        ])
        let id = try #require(started.string("registration_id"), "\(started.text)")
        let code = try #require(DeliveryWorld.code(in: try await Self.sms(gateway, index: 0).text))
        let confirmed = try await api.post("/v1/registrations/\(id)/confirm", json: ["code": code])
        try #require(confirmed.status == 200 || confirmed.status == 201, "\(confirmed.text)")

        for purpose in ["data", "index"] {
            let rotated = try await cli.run("keys", "rotate", "--purpose", purpose, "--batch", "1")
            #expect(rotated.status == 0, "\(purpose): \(rotated.stderr)")
        }
        let listed = try await cli.run("keys", "list")
        #expect(listed.stdout.split(separator: "\n").filter { $0.contains("data") && $0.contains("active") }.count == 1)

        // The registration's code went to the same phone moments ago: wait out the
        // per-destination cooldown (10 s in this installation) the server names.
        var reminded = try await api.post("/v1/recovery/login", json: ["contact": "8 916 123-45-67"])
        if reminded.status == 429, let wait = reminded.header("Retry-After").flatMap(Int.init), wait <= 10 {
            try await Task.sleep(for: .seconds(wait))
            reminded = try await api.post("/v1/recovery/login", json: ["contact": "8 916 123-45-67"])
        }
        #expect(reminded.status == 202, "\(reminded.text)")
        let reminder = try await Self.sms(gateway, index: 1)
        #expect(reminder.text.contains("petrova.anna"), "\(reminder.text)")
        let login = try await api.post("/v1/login", json: ["login": "petrova.anna", "password": "correct horse battery staple 42"])
        #expect(login.string("status") == "logged_in", "\(login.text)")
    }
}
