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

        let first = try await Server.launch(cli, arguments)
        let response = try await APIClient(port: first.port).post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": "+79161234567",
            "password": "correct horse battery staple", "consent_version": 1,
        ])
        #expect(response.status == 201, "\(response.json)")
        first.kill()
        #expect(gateway.received.isEmpty)

        gateway.respondAlways(with: 200)
        let second = try await Server.launch(cli, arguments)
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

    /// One `schoolid serve` child; its first stdout line announces the URL.
    final class Server: @unchecked Sendable {
        /// Starts the child on a thread of its own (reading its first line blocks), so the
        /// cooperative pool stays free for the in-process fakes.
        static func launch(_ cli: CLI, _ arguments: [String]) async throws -> Server {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try Server(cli, arguments) }) }.start()
            }
        }

        let pid: pid_t
        let port: Int
        /// The read end of the child's standard output, open while it runs (a closed pipe
        /// would kill it with SIGPIPE at its next line).
        private let output: Int32
        private var reaped = false

        init(_ cli: CLI, _ arguments: [String]) throws {
            let out = try ChildProcess.pipe()
            let spawned = Swift.Result {
                try ProcessLaunch.spawn([CLI.executable] + arguments, stdout: .descriptor(out.write),
                                        directory: cli.directory.path)
            }
            close(out.write)
            output = out.read
            do {
                pid = try spawned.get()
            } catch {
                close(output)
                throw error
            }
            var line = [UInt8]()
            var byte: UInt8 = 0
            while true {
                let count = read(output, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count != 1 || byte == UInt8(ascii: "\n") { break }
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                  let port = Int(text[range].split(separator: ":").last ?? "")
            else {
                Foundation.kill(pid, SIGKILL)
                ChildProcess.wait(pid)
                close(output)
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no URL in \(text)"])
            }
            self.port = port
        }

        /// SIGKILL, then reap.
        func kill() {
            guard !reaped else { return }
            reaped = true
            Foundation.kill(pid, SIGKILL)
            ChildProcess.wait(pid)
            close(output)
        }
    }
}
