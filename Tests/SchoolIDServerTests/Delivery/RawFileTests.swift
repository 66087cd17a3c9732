import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Personal data and codes at rest: after a registration with a phone and an email went
/// through and every message was delivered, neither the phone, the email, nor any code
/// sent appears in the bytes of the database, its WAL or the logs.
@Suite struct RawFileTests {
    @Test("no phone, email or code in the database file, the WAL or the log after delivery")
    func nothingInClear() async throws {
        try await DeliveryWorld.run { world in
            let phone = "+79161234567", email = "maria.ivanova@example.ru"
            let client = APIClient(world.server)
            let started = try await client.post("/v1/registrations", json: [
                "last_name": "Иванова", "first_name": "Мария", "phone": phone, "email": email,
                "password": "correct horse battery staple", "login": "ivanova.m",
            ])
            #expect(started.status == 201, "\(started.json)")
            let id = try #require(started.string("registration_id"))
            let smsCode = try #require(DeliveryWorld.code(in: try await world.sms(to: phone).text))
            let confirmed = try await client.post("/v1/registrations/\(id)/confirm", json: ["code": smsCode])
            #expect(confirmed.status == 201, "\(confirmed.json)")
            let emailCode = try #require(DeliveryWorld.code(in: try await world.email(to: email).body))
            // The dispatcher erases a body once its message is marked sent: wait until none is pending.
            let storage = world.server.application.environment.storage
            let later = world.server.clock.now().adding(seconds: 86_400)
            while try await !storage.read({ tx in try tx.outbox.due(at: later, limit: 1) }).isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }

            let data = world.server.directory.file("data")
            let files = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasPrefix("schoolid.sqlite") }
            #expect(files.contains("schoolid.sqlite") && files.contains("schoolid.sqlite-wal"))
            let secrets = [phone, String(phone.dropFirst()), String(phone.dropFirst(2)), email, smsCode, emailCode]
            for file in files {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/" + file))
                for secret in secrets {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file)")
                    #expect(bytes.range(of: Data(secret.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == nil,
                            "\(secret) as UTF-16 in \(file)")
                }
            }
            let log = world.server.logs.lines.joined(separator: "\n")
            for secret in secrets { #expect(!log.contains(secret), "\(secret) in the log") }
        }
    }
}
