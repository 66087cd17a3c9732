import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Personal data and codes at rest: after a registration with a phone and an email went
/// through, every message was delivered, and SNILS numbers were declared, verified,
/// changed and cleared, neither the phone, the email, any SNILS (with or without
/// separators) nor any code sent appears in the bytes of the database, its WAL, any
/// other file under `data/`, or the logs.
@Suite struct RawFileTests {
    @Test("no name, phone, email, SNILS or code in the database file, the WAL, a backup, data/ or the log after delivery and SNILS changes")
    func nothingInClear() async throws {
        try await DeliveryWorld.run { world in
            let phone = "+79161234567", email = "maria.ivanova@example.ru"
            let client = APIClient(world.server)
            let started = try await client.post("/v1/registrations", json: [
                "last_name": "Иванова", "first_name": "Мария", "phone": phone, "email": email,
                "password": "correct horse battery staple", "login": "ivanova.m", "consent_version": 1,
            ])
            #expect(started.status == 201, "\(started.json)")
            let id = try #require(started.string("registration_id"))
            let smsCode = try #require(DeliveryWorld.code(in: try await world.sms(to: phone).text))
            let confirmed = try await client.post("/v1/registrations/\(id)/confirm", json: ["code": smsCode])
            #expect(confirmed.status == 201, "\(confirmed.json)")
            let emailCode = try #require(DeliveryWorld.code(in: try await world.email(to: email).body))
            let snils = try await Self.changeSNILS(world, registered: confirmed)
            // The dispatcher erases a body once its message is marked sent: wait until none is pending.
            let storage = world.server.application.environment.storage
            let later = world.server.clock.now().adding(seconds: 86_400)
            while try await !storage.read({ tx in try tx.outbox.due(at: later, limit: 1) }).isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }

            let files = try await Self.rawFiles(of: world.server, backup: "raw-backup.sqlite")
            let secrets = [phone, String(phone.dropFirst()), String(phone.dropFirst(2)), "8" + phone.dropFirst(2), email,
                           "Иванова", "Мария", smsCode, emailCode] + snils
            try Self.expectAbsent(secrets, from: files)
            let log = world.server.logs.lines.joined(separator: "\n")
            for secret in secrets { #expect(!log.contains(secret), "\(secret) in the log") }
        }
    }

    /// Declares, verifies (by a platform admin), changes and clears SNILS numbers of the
    /// registered account, leaving the last one verified.
    /// - Returns: every number used, in each written form (separators, digits only, spaces).
    static func changeSNILS(_ world: DeliveryWorld, registered: APIResponse) async throws -> [String] {
        let me = APIClient(world.server).with(bearer: try #require(registered.string("session_token")))
        let accountID = try #require(registered.string("account_id"))
        let admin = try await SchoolWorld.bootstrapAdmin(world.server).client
        let numbers = ["123-456-789 64", "112-233-445 95", "291-417-776 94"]
        func put(_ client: APIClient, _ path: String, _ value: String) async throws {
            let response = try await client.send("PUT", path, body: Array(#"{"snils": "\#(value)"}"#.utf8),
                                                 contentType: "application/json")
            #expect(response.status == 200, "\(response.text)")
        }
        try await put(me, "/v1/me/snils", numbers[0])
        try await put(admin, "/v1/accounts/\(accountID)/snils", numbers[0])
        try await put(me, "/v1/me/snils", numbers[1])
        #expect(try await me.send("DELETE", "/v1/me/snils").status == 204)
        try await put(me, "/v1/me/snils", numbers[2].filter(\.isNumber))
        try await put(admin, "/v1/accounts/\(accountID)/snils", numbers[2])
        #expect(try await me.get("/v1/me/snils").string("status") == "verified")
        return numbers.flatMap { number in
            [number, number.filter(\.isNumber), number.replacingOccurrences(of: "-", with: " "),
             String(number.filter(\.isNumber).prefix(9))]
        }
    }
}

extension RawFileTests {
    /// Every file under the server's `data/` (the database and its WAL among them) and
    /// a backup taken now under `backup` in the server's directory.
    static func rawFiles(of server: TestServer, backup name: String) async throws -> [String] {
        let data = server.directory.file("data")
        let backup = server.directory.file(name)
        try await server.application.storage.backup(to: backup)
        let files = try FileManager.default.subpathsOfDirectory(atPath: data).filter {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: data + "/" + $0, isDirectory: &directory) && !directory.boolValue
        }.map { data + "/" + $0 }
        #expect(files.contains { $0.hasSuffix("schoolid.sqlite") } && files.contains { $0.hasSuffix("schoolid.sqlite-wal") })
        return files + [backup]
    }

    /// Expects none of `values` (as UTF-8 or UTF-16LE) and none of `traces` (raw bytes) in any of `files`.
    static func expectAbsent(_ values: [String], traces: [[UInt8]] = [], from files: [String]) throws {
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for value in values {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "\(value) in \(file)")
                #expect(bytes.range(of: Data(value.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == nil,
                        "\(value) as UTF-16 in \(file)")
            }
            for (offset, trace) in traces.enumerated() {
                #expect(bytes.range(of: Data(trace)) == nil, "stored trace \(offset) in \(file)")
            }
        }
    }
}
