import Foundation
import SchoolIDBase
import SchoolIDStore
import SchoolIDTesting
import Testing

/// A full disk, for real (issue 12 "Disk full (a size-limited tmpfs data directory)"):
/// the real `schoolid serve` child runs with its data directory on a small tmpfs, a
/// file fills what is left, and the kernel answers `ENOSPC`. Writes answer
/// `503 storage_unavailable` and change nothing, reads keep answering, the same writes
/// succeed once the file is deleted (no restart), and after a clean stop the database
/// passes `PRAGMA integrity_check` and the ledger check. The in-process variants of the
/// same faults are `Tests/SchoolIDServerTests/StorageFaults/` (FaultInjectingVFS).
///
/// The refusals rely on each write growing the WAL file (a fresh database stays far
/// below the 1,000-page auto-checkpoint, and checkpoints truncate the log): a write
/// that fits in pages a file already holds needs no new block and rightly succeeds.
@Suite struct DiskFullTests {
    static let phone = "+79161239001"
    static let newcomer = "+79161239002"
    static let login = "maria.diskfull"
    static let password = "correct horse battery staple 42"
    static let newPassword = "fresh-Meadow-compass-93"
    static let megabytes = 16

    @Test("on a full tmpfs writes answer 503 storage_unavailable and change nothing, reads answer 200, and freeing space heals without restart",
          .enabled(if: TmpfsMount.available, "needs permission to mount a size-limited tmpfs (root, mount(2))"))
    func diskFull() async throws {
        let directory = try TemporaryDirectory(prefix: "schoolid-disk-full")
        defer { directory.remove() }
        try FileManager.default.copyItem(atPath: Fixtures.url("policies").path, toPath: directory.file("policies"))
        try FileManager.default.removeItem(atPath: directory.file("policies/invalid"))
        try FileManager.default.createDirectory(atPath: directory.file("data"), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let tmpfs = try TmpfsMount(at: directory.file("data"), megabytes: Self.megabytes)
        defer { tmpfs.unmount() }
        let gateway = try await FakeSMSGateway()
        let serve = try await ServeProcess.launch(["serve", "--port", "0", "--sms-gateway-url", gateway.url.absoluteString,
                                                   "--sms-gateway-token", gateway.token], in: directory.path)
        defer { serve.kill() }
        let api = APIClient(port: serve.port)
        let session = try await Self.registerAndLogIn(api, gateway: gateway)

        let filled = try tmpfs.fill("filler")
        let before = try Self.digest(directory)
        var refused: [String: APIResponse] = [:]
        refused["registration"] = try await Self.register(api, phone: Self.newcomer)
        refused["login"] = try await api.post("/v1/login", json: ["login": Self.login, "password": Self.password])
        refused["password change"] = try await session.post("/v1/password/change", json: [
            "current_password": Self.password, "new_password": Self.newPassword,
        ])
        for (write, response) in refused.sorted(by: { $0.key < $1.key }) {
            #expect(response.status == 503 && response.errorCode == "storage_unavailable", "\(write): \(response.text)")
            #expect(response.header("Retry-After") == "30", "\(write)")
        }
        var reads: [String: Int] = [:]
        for path in ["/.well-known/jwks.json", "/.well-known/openid-configuration", "/healthz"] {
            reads[path] = try await api.get(path).status
        }
        reads["/v1/me"] = try await session.get("/v1/me").status
        #expect(reads.values.allSatisfy { $0 == 200 }, "\(reads)")
        #expect(try Self.digest(directory) == before, "a refused write changed a row")

        // Space back, same process: the same writes succeed.
        try FileManager.default.removeItem(atPath: directory.file("data/filler"))
        let registered = try await Self.register(api, phone: Self.newcomer)
        #expect(registered.status == 201, "\(registered.text)")
        let login = try await api.post("/v1/login", json: ["login": Self.login, "password": Self.password])
        #expect(login.status == 200, "\(login.text)")
        let changed = try await session.post("/v1/password/change", json: [
            "current_password": Self.password, "new_password": Self.newPassword,
        ])
        #expect(changed.status == 200, "\(changed.text)")
        let relogin = try await api.post("/v1/login", json: ["login": Self.login, "password": Self.newPassword])
        #expect(relogin.status == 200 && relogin.string("status") == "logged_in", "\(relogin.text)")

        // A clean stop, then the files are sound.
        try await Self.terminate(serve)
        let database = try SQLiteConnection(path: directory.file("data/schoolid.sqlite"), mode: .reader)
        let integrity = try database.integrityCheck()
        #expect(integrity == ["ok"])
        let ledger = try await SchoolIDExecutable.run(["ledger", "verify"], in: directory.path)
        #expect(ledger.status == 0, "\(ledger.stdout) \(ledger.stderr)")
        try await gateway.stop()
        print("disk full: tmpfs \(Self.megabytes) MiB, filler \(filled) bytes until ENOSPC; refused "
              + refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.status) \($0.value.errorCode ?? "-")" }
                  .joined(separator: ", ")
              + "; reads " + reads.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
              + "; after freeing: registration \(registered.status), login \(login.status), password change "
              + "\(changed.status); integrity_check \(integrity.joined()), ledger verify exit \(ledger.status)")
    }

    /// `POST /v1/registrations` for `phone`.
    static func register(_ api: APIClient, phone: String) async throws -> APIResponse {
        try await api.post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": phone, "password": password, "consent_version": 1,
        ])
    }

    /// Registers the guardian with the gateway's code and logs in: a client with the session.
    static func registerAndLogIn(_ api: APIClient, gateway: FakeSMSGateway) async throws -> APIClient {
        let started = try await api.post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": phone, "password": password, "consent_version": 1,
            "login": login,
        ])
        let id = try #require(started.string("registration_id"), "\(started.text)")
        let deadline = ContinuousClock.now + .seconds(60)
        while gateway.received.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        let code = try #require(gateway.received.first.flatMap { DeliveryWorld.code(in: $0.text) }, "no code SMS")
        let confirmed = try await api.post("/v1/registrations/\(id)/confirm", json: ["code": code])
        try #require(confirmed.status == 201, "\(confirmed.text)")
        let loggedIn = try await api.post("/v1/login", json: ["login": login, "password": password])
        let token = try #require(loggedIn.string("session_token"), "\(loggedIn.text)")
        return api.with(bearer: token)
    }

    /// What a write of this test would change, read through a read-only connection while
    /// the server runs: the row counts of the tables they write, and the password rows whole.
    static func digest(_ directory: TemporaryDirectory) throws -> [String: [SQLiteRow]] {
        let connection = try SQLiteConnection(path: directory.file("data/schoolid.sqlite"), mode: .reader)
        var digest: [String: [SQLiteRow]] = [:]
        for table in ["accounts", "password_credentials", "sessions", "registrations", "challenges", "otp_sends", "outbox",
                      "audit_events", "consents", "contacts"] {
            digest[table] = try connection.query("SELECT count(*) FROM \(table)")
        }
        digest["password rows"] = try connection.query("SELECT * FROM password_credentials ORDER BY 1")
        return digest
    }

    /// SIGTERM, then waits (on a thread of its own) until the child has exited, and reaps it.
    static func terminate(_ serve: ServeProcess) async throws {
        kill(serve.pid, SIGTERM)
        let exited: Bool = await withCheckedContinuation { continuation in
            Thread {
                let deadline = ContinuousClock.now + .seconds(60)
                var zombie = false
                while !zombie, ContinuousClock.now < deadline {
                    let stat = (try? String(contentsOfFile: "/proc/\(serve.pid)/stat", encoding: .utf8)) ?? ""
                    zombie = stat.split(separator: ")").last?.split(separator: " ").first == "Z"
                    if !zombie { usleep(50_000) }
                }
                continuation.resume(returning: zombie)
            }.start()
        }
        #expect(exited, "serve did not stop on SIGTERM")
        serve.kill()
    }
}
