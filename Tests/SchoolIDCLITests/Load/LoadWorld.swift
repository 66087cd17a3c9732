import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Synchronization

/// The installation the load and kill-cycle tests run against, seeded in one place.
///
/// A temporary directory with the test policies (scrypt N=2^10), the real
/// `schoolid serve --port 0` as a child process sending SMS to the in-process
/// ``FakeSMSGateway``, and loopback trusted as a proxy so that each virtual user sends
/// from an address of its own (`X-Forwarded-For`): a morning peak comes from many
/// homes, and the per-address budgets would otherwise throttle the test, not the
/// server. Seeded through the command line (`init`, a school, a class, a first-party
/// confidential client) and the API (the first admin's password change and TOTP
/// enrolment, a roster uploaded as a credential batch, guardians registered with the
/// gateway's SMS code who each claim one child and hold a refresh token from the
/// authorization-code flow).
final class LoadWorld: Sendable {
    static let clientID = "load-diary"
    static let redirectURI = "http://127.0.0.1:9/callback"
    /// RFC 7636 Appendix B.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    static let password = "Сирень-над-Волгой-1947"

    let directory: TemporaryDirectory
    let gateway: FakeSMSGateway
    let clientSecret: String
    let consentVersion: Int
    let guardians: [GuardianSeed]
    private let serve: Mutex<ServeProcess?>
    /// The port of `serve` (a restart binds the same one, so the issuer and every token stay valid).
    let port: Int

    /// The pid of the running `serve`.
    var pid: pid_t? { serve.withLock { $0?.pid } }
    /// `Authorization: Basic …` of the client.
    var basic: String { "Basic " + Data("\(Self.clientID):\(clientSecret)".utf8).base64EncodedString() }

    /// One seeded guardian and their child.
    struct GuardianSeed: Sendable {
        let login: String
        let phone: String
        let studentID: String
        let session: String
        let refreshToken: String
    }

    /// Builds and seeds the world; `guardians` guardians, each with one child.
    static func start(guardians count: Int) async throws -> LoadWorld {
        let directory = try TemporaryDirectory(prefix: "schoolid-load")
        try FileManager.default.copyItem(atPath: Fixtures.url("policies").path, toPath: directory.file("policies"))
        try? FileManager.default.removeItem(atPath: directory.file("policies/invalid"))
        let gateway = try await FakeSMSGateway()
        do {
            func cli(_ arguments: String...) async throws -> String {
                let result = try await SchoolIDExecutable.run(arguments, in: directory.path)
                guard result.status == 0 else { throw LoadWorldError.step("\(arguments.joined(separator: " ")): \(result.stderr)") }
                return result.stdout
            }
            _ = try await cli("init")
            _ = try await cli("school", "add", "--code", "s57", "--name", "Школа № 57", "--region", "Москва")
            let classLine = try await cli("class", "add", "--school", "s57", "--grade", "5", "--letter", "А")
            let classID = String(classLine.split(separator: "\t")[0]).trimmingCharacters(in: .whitespacesAndNewlines)
            let added = try await cli("client", "add", "--id", clientID, "--name", "Дневник (нагрузка)",
                                      "--redirect-uri", redirectURI, "--first-party",
                                      "--grant", "authorization_code", "--grant", "refresh_token",
                                      "--grant", "client_credentials", "--scope", "openid", "--scope", "offline_access",
                                      "--scope", "diary", "--scope", "ack:request", "--school", "s57")
            let secret = String(added.split(whereSeparator: \.isWhitespace).last ?? "")
            let process = try await launch(directory: directory, gateway: gateway)
            let seeder = Seeder(port: process.port, gateway: gateway, directory: directory)
            do {
                let seeded = try await seeder.seed(guardians: count, classID: classID, clientSecret: secret)
                return LoadWorld(directory: directory, gateway: gateway, clientSecret: secret,
                                 consentVersion: seeded.consentVersion, guardians: seeded.guardians, serve: process)
            } catch {
                process.kill()
                throw error
            }
        } catch {
            try? await gateway.stop()
            directory.remove()
            throw error
        }
    }

    private init(directory: TemporaryDirectory, gateway: FakeSMSGateway, clientSecret: String, consentVersion: Int,
                 guardians: [GuardianSeed], serve: ServeProcess)
    {
        self.directory = directory
        self.gateway = gateway
        self.clientSecret = clientSecret
        self.consentVersion = consentVersion
        self.guardians = guardians
        self.serve = Mutex(serve)
        port = serve.port
    }

    static func launch(directory: TemporaryDirectory, gateway: FakeSMSGateway, port: Int = 0) async throws -> ServeProcess {
        try await ServeProcess.launch(["serve", "--port", "\(port)", "--trusted-proxy", "127.0.0.1/32",
                                       "--sms-gateway-url", gateway.url.absoluteString],
                                      in: directory.path, environment: ["SCHOOLID_SMS_GATEWAY_TOKEN": gateway.token])
    }

    /// SIGKILL: the crash no handler sees.
    func kill() {
        serve.withLock { process in
            process?.kill()
            process = nil
        }
    }

    /// Starts `serve` again on the same data directory and port, as an operator's restart
    /// does: tokens and sessions issued before the crash are still the issuer's.
    func restart() async throws {
        let process = try await Self.launch(directory: directory, gateway: gateway, port: port)
        serve.withLock { $0 = process }
    }

    /// Kills `serve`, stops the gateway and removes the directory.
    func stop() async {
        kill()
        try? await gateway.stop()
        directory.remove()
    }

    /// `PRAGMA integrity_check` through the `sqlite3` shell, read-only (serve stopped).
    func integrityCheck() async throws -> String {
        let database = directory.file("data/schoolid.sqlite")
        let output = directory.file("integrity.txt")
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let pid = try ProcessLaunch.spawn(["/usr/bin/sqlite3", "-readonly", database, "PRAGMA integrity_check;"],
                                                      stdout: .file(output), stderr: .file(output + ".err"))
                    return ChildProcess.wait(pid)
                })
            }.start()
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return status == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : "sqlite3 failed (\(status)): \(text)"
    }
}

enum LoadWorldError: Error, CustomStringConvertible {
    case step(String)
    var description: String { switch self { case .step(let text): text } }
}

/// The API half of the seeding, with ``APIClient`` (one connection per request).
private struct Seeder {
    let port: Int
    let gateway: FakeSMSGateway
    let directory: TemporaryDirectory

    var api: APIClient { APIClient(port: port) }

    func expect(_ status: Int, _ response: APIResponse, _ what: String) throws -> APIResponse {
        guard response.status == status else { throw LoadWorldError.step("\(what): \(response.status) \(response.text)") }
        return response
    }

    func seed(guardians count: Int, classID: String, clientSecret: String) async throws
        -> (consentVersion: Int, guardians: [LoadWorld.GuardianSeed])
    {
        let admin = try await adminSession()
        let students = try await roster(count: count, classID: classID, admin: admin)
        let consent = try expect(200, try await api.get("/v1/consent"), "consent")
        let version = consent.json["version"] as? Int ?? 1
        var seeds: [LoadWorld.GuardianSeed] = []
        // A few at a time: the first registrations and claims are part of the setup, not the test.
        for start in stride(from: 0, to: count, by: 4) {
            try await withThrowingTaskGroup(of: LoadWorld.GuardianSeed.self) { group in
                for index in start..<min(start + 4, count) {
                    group.addTask {
                        try await guardian(index, student: students[index], consentVersion: version, clientSecret: clientSecret)
                    }
                }
                for try await seed in group { seeds.append(seed) }
            }
        }
        return (version, seeds.sorted { $0.login < $1.login })
    }

    /// One-time password → new password → TOTP enrolment → session.
    private func adminSession() async throws -> String {
        let first = try String(contentsOfFile: directory.file("data/initial-admin-password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let ticket = try expect(200, try await api.post("/v1/login", json: ["login": "admin", "password": first]), "admin login")
        let changed = try expect(200, try await api.post("/v1/password/change", json: [
            "change_ticket": ticket.string("change_ticket") ?? "", "new_password": LoadWorld.password,
        ]), "admin password change")
        let enrolment = api.with(bearer: changed.string("enrolment_ticket"))
        let begun = try expect(201, try await enrolment.post("/v1/me/second-factors/totp"), "totp enrolment")
        let grouped = begun.string("secret") ?? ""
        guard let secret = Base32.decode(grouped.replacingOccurrences(of: " ", with: "")) else {
            throw LoadWorldError.step("totp secret \(grouped)")
        }
        let code = TOTP.standard.code(secret: secret, at: UnixTime(seconds: Int64(Date().timeIntervalSince1970)))
        let confirmed = try expect(200, try await enrolment.post("/v1/me/second-factors/totp/confirm", json: ["code": code]),
                                   "totp confirm")
        guard let session = confirmed.string("session_token") else { throw LoadWorldError.step("admin: \(confirmed.text)") }
        return session
    }

    /// The class roster as a credential batch: `(account id, login, temporary password)` per row.
    private func roster(count: Int, classID: String, admin: String) async throws -> [(id: String, login: String, password: String)] {
        let surnames = ["Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Волков", "Соколов"]
        let names = ["Пётр", "Иван", "Олег", "Павел", "Роман", "Глеб", "Лев", "Марк", "Егор", "Илья", "Фёдор", "Юрий"]
        var csv = "Фамилия;Имя\n"
        for index in 0..<count { csv += "\(surnames[index % surnames.count]);\(names[(index / surnames.count) % names.count])\n" }
        let client = api.with(bearer: admin)
        let batch = try expect(202, try await client.send("POST", "/v1/classes/\(classID)/credential-batches",
                                                          body: Array(csv.utf8), contentType: "text/csv"), "batch")
        let id = batch.string("id") ?? ""
        let deadline = ContinuousClock.now + .seconds(120)
        while try await client.get("/v1/credential-batches/\(id)").string("status") != "finished" {
            guard ContinuousClock.now < deadline else { throw LoadWorldError.step("the credential batch did not finish") }
            try await Task.sleep(for: .milliseconds(200))
        }
        let table = try expect(200, try await client.get("/v1/credential-batches/\(id)/credentials.csv"), "credentials.csv")
        let students = try expect(200, try await client.get("/v1/classes/\(classID)/students"), "class students")
        var ids: [String: String] = [:]
        for student in students.objects("students") {
            if let login = student["login"] as? String, let account = (student["account_id"] ?? student["id"]) as? String {
                ids[login] = account
            }
        }
        let rows = table.text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        return rows.map { (id: ids[$0[3]] ?? "", login: $0[3], password: $0[4]) }
    }

    /// Registers guardian `index` with the gateway's code, claims the child, and takes a
    /// refresh token through the authorization-code flow (first-party: no consent page).
    private func guardian(_ index: Int, student: (id: String, login: String, password: String), consentVersion: Int,
                          clientSecret: String) async throws -> LoadWorld.GuardianSeed
    {
        let login = String(format: "load.parent%03d", index)
        let phone = String(format: "+7916%07d", index)
        let address = "10.1.\(index / 250).\(index % 250 + 1)"
        let client = api.from(address)
        let registration = try expect(201, try await client.post("/v1/registrations", json: [
            "last_name": "Петрова", "first_name": "Анна", "phone": phone, "password": LoadWorld.password,
            "login": login, "consent_version": consentVersion,
        ]), "registration \(login)")
        let code = try await LoadWorld.code(gateway, to: phone, after: 0)
        let done = try expect(201, try await client.post(
            "/v1/registrations/\(registration.string("registration_id") ?? "")/confirm", json: ["code": code]), "confirm \(login)")
        let session = done.string("session_token") ?? ""
        _ = try expect(201, try await client.with(bearer: session).post("/v1/me/children/claim", json: [
            "login": student.login, "password": student.password, "relation": "mother",
        ]), "claim \(student.login)")
        let refresh = try await LoadWorld.authorize(port: port, session: session, basic: LoadWorld.basic(clientSecret))
        return LoadWorld.GuardianSeed(login: login, phone: phone, studentID: student.id, session: session, refreshToken: refresh)
    }
}

extension LoadWorld {
    static func basic(_ secret: String) -> String {
        "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString()
    }

    /// Waits (30 s at most) for the code of an SMS to `phone` beyond the first `count`.
    static func code(_ gateway: FakeSMSGateway, to phone: String, after count: Int) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            // Skip the notices (a new acknowledgement request is announced by SMS too).
            if let code = gateway.received.filter({ $0.to == phone }).dropFirst(count)
                .lazy.compactMap({ DeliveryWorld.code(in: $0.text) }).first
            {
                return code
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw LoadWorldError.step("no SMS code for \(phone)")
    }

    /// `/oauth/authorize` with the session cookie, then the code at `/oauth/token`: a refresh token.
    static func authorize(port: Int, session: String, basic: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let connection = LoadConnection(port: port)
                continuation.resume(with: Result { try authorize(on: connection, session: session, basic: basic) })
            }.start()
        }
    }

    /// The same, blocking, on a virtual user's connection.
    static func authorize(on connection: LoadConnection, session: String, basic: String) throws -> String {
        let query = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
                     ("scope", "openid offline_access diary"), ("state", "load"), ("nonce", "n-load"),
                     ("code_challenge", challenge), ("code_challenge_method", "S256")]
            .map { "\($0.0)=\(LoadConnection.encode($0.1))" }.joined(separator: "&")
        let authorized = try connection.send("GET", "/oauth/authorize?" + query, headers: [("Cookie", "schoolid_session=\(session)")])
        guard authorized.status == 303, let location = authorized.header("Location"),
              let code = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "code" })?.value
        else { throw LoadWorldError.step("authorize: \(authorized.status) \(authorized.header("Location") ?? authorized.text)") }
        let token = try connection.post("/oauth/token", form: [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier),
        ], headers: [("Authorization", basic)])
        guard token.status == 200, let refresh = token.string("refresh_token") else {
            throw LoadWorldError.step("token: \(token.status) \(token.text)")
        }
        return refresh
    }
}
