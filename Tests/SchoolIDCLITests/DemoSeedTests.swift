import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// `schoolid serve --demo` seeding (issue 11), through the real executable: what the
/// first start prints works over the API, a second start seeds nothing and shows logins
/// only, the audit log marks the demo accounts, and no secret reaches the log.
@Suite struct DemoSeedTests {
    @Test("the first demo start prints every login and password, the client secret, the diary-demo command and where codes appear")
    func firstStartPrintsEverything() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let server = try await DemoServe.start(in: cli)
        let printed = DemoConsole(server.stdout)
        let stderr = try await server.stop()

        #expect(server.stdout.hasPrefix("SchoolID listening on http://127.0.0.1:\(server.port)\n"))
        #expect(printed.seeded)
        #expect(printed.people.map(\.kind) == ["teacher", "student", "student", "guardian"])
        #expect(printed.people.allSatisfy { $0.password != nil }, "\(server.stdout)")
        #expect(printed.login("teacher") == "demo.teacher" && printed.login("guardian") == "demo.parent")
        #expect(printed.people.filter { $0.kind == "student" }.allSatisfy { $0.login.hasPrefix("demo") })
        #expect(printed.clientID == "diary-demo" && printed.clientSecret != nil)
        #expect(printed.linkCode != nil)
        let secret = try #require(printed.clientSecret)
        #expect(server.stdout.contains("DIARY_DEMO_CLIENT_SECRET=\(secret) swift run diary-demo --issuer http://127.0.0.1:\(server.port) --client-id diary-demo"))
        #expect(server.stdout.contains("./data/outbox.log"))  // the default --data, as given
        #expect(server.stdout.contains("+79000000001"))
        #expect(server.stdout.components(separatedBy: "SchoolID demo: end").count == 2, "printed once")
        // Nothing secret in the log, and the welcome is not in it either.
        for secret in printed.secrets { #expect(!stderr.contains(secret), "a secret reached standard error") }
        #expect(!stderr.contains("SchoolID demo"))
        let outbox = (try? String(contentsOfFile: cli.directory.file("data/outbox.log"), encoding: .utf8)) ?? ""
        for secret in printed.secrets { #expect(!outbox.contains(secret), "a secret reached outbox.log") }
    }

    @Test("the printed teacher, student and guardian log in and the printed client gets a client_credentials token")
    func printedCredentialsWork() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let server = try await DemoServe.start(in: cli)
        defer { server.kill() }
        let printed = DemoConsole(server.stdout)
        let api = APIClient(port: server.port)
        func login(_ kind: String) async throws -> APIResponse {
            let person = try #require(printed.people.first { $0.kind == kind })
            return try await api.post("/v1/login", json: ["login": person.login, "password": person.password ?? ""])
        }
        let teacher = try await login("teacher")
        #expect(teacher.status == 200 && teacher.string("status") == "second_factor_enrolment_required", "\(teacher.text)")
        let student = try await login("student")
        #expect(student.status == 200 && student.string("status") == "password_change_required", "\(student.text)")
        let guardian = try await login("guardian")
        #expect(guardian.status == 200 && guardian.string("status") == "logged_in", "\(guardian.text)")

        let session: String = try #require(guardian.string("session_token"))
        let guardianAPI = api.with(bearer: session)
        let children = try await guardianAPI.get("/v1/me/children")
        #expect(children.status == 200 && children.text.contains(printed.people[1].login), "\(children.text)")

        let basic = Data("diary-demo:\(try #require(printed.clientSecret))".utf8).base64EncodedString()
        let token = try await api.send("POST", "/oauth/token", body: Array("grant_type=client_credentials&scope=ack%3Arequest".utf8),
                                       contentType: "application/x-www-form-urlencoded",
                                       extraHeaders: [("Authorization", "Basic \(basic)")])
        #expect(token.status == 200 && token.string("access_token") != nil, "\(token.text)")
    }

    @Test("a second demo start seeds nothing, prints the same logins without passwords, and demo.seeded marks each account and the client")
    func secondStartRecalls() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let first = try await DemoServe.start(in: cli)
        _ = try await first.stop()
        let second = try await DemoServe.start(in: cli)
        let stderr = try await second.stop()
        let (seeded, recalled) = (DemoConsole(first.stdout), DemoConsole(second.stdout))

        #expect(!recalled.seeded)
        #expect(recalled.people.map(\.kind) == seeded.people.map(\.kind))
        #expect(recalled.people.map(\.login) == seeded.people.map(\.login))
        #expect(recalled.people.allSatisfy { $0.password == nil } && recalled.clientSecret == nil)
        #expect(recalled.clientID == "diary-demo" && recalled.linkCode == nil)
        for secret in seeded.secrets { #expect(!second.stdout.contains(secret) && !stderr.contains(secret)) }

        let schools = try await cli.run("school", "list")
        #expect(schools.stdout.split(separator: "\n").filter { $0.contains("\tdemo\t") }.count == 1)
        let audit = try await cli.run("audit", "--school", "demo", "--limit", "1000")
        let marks = audit.stdout.split(separator: "\n").filter { $0.contains(#""action":"demo.seeded""#) }
        #expect(marks.count == 5, "\(audit.stdout)")
        #expect(marks.allSatisfy { $0.contains(#""client_address":"demo""#) })
        for kind in ["teacher", "student", "guardian", "client diary-demo"] {
            #expect(marks.contains { $0.contains(#""detail":"\#(kind)""#) }, "no demo.seeded mark for \(kind)")
        }
        #expect(marks.filter { $0.contains(#""target_id":"acc_"#) }.count == 4)
    }

    @Test("serve --demo refuses a non-loopback bind before creating anything", arguments: ["::", "192.0.2.10", "localhost"])
    func refusesNonLoopback(host: String) async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run("serve", "--demo", "--host", host, "--port", "0")
        #expect(result.status == 1)
        #expect(result.stderr.contains("demo_requires_loopback: "))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("data")))
    }
}

/// The welcome `serve --demo` printed, read back line by line (`  label: value`).
struct DemoConsole {
    struct Person {
        let kind: String
        let login: String
        let password: String?
    }

    let seeded: Bool
    var people: [Person] = []
    var clientID: String?
    var clientSecret: String?
    var linkCode: String?

    init(_ stdout: String) {
        seeded = stdout.contains("SchoolID demo: seeded")
        for line in stdout.split(separator: "\n") where line.hasPrefix("  ") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            let value = { (marker: String) in words.firstIndex(of: marker).flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil } }
            switch words[0] {
            case "teacher:", "student:", "guardian:":
                people.append(Person(kind: String(words[0].dropLast()), login: words[1], password: value("password:")))
            case "client:":
                clientID = words[1]
                clientSecret = value("secret:")
            case "link" where words[1] == "code:":
                linkCode = words.count > 2 ? words[2] : nil
            default: break
            }
        }
    }

    func login(_ kind: String) -> String? { people.first { $0.kind == kind }?.login }

    /// Every password, the client secret and the link code.
    var secrets: [String] { people.compactMap(\.password) + [clientSecret, linkCode].compactMap { $0 } }
}

/// One `schoolid serve --demo --port 0` child with standard output and error in files:
/// started once the welcome's last line is out.
struct DemoServe {
    let pid: pid_t
    let port: Int
    /// Standard output up to the welcome's end.
    let stdout: String
    let stderrFile: String

    static func start(in cli: CLI) async throws -> DemoServe {
        let run = UUID().uuidString.prefix(8)
        let (out, err) = (cli.directory.file("serve-\(run).out"), cli.directory.file("serve-\(run).err"))
        let pid = try ProcessLaunch.spawn([SchoolIDExecutable.path, "serve", "--demo", "--port", "0"],
                                          stdout: .file(out), stderr: .file(err), directory: cli.directory.path)
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if text.contains("SchoolID demo: end\n"),
               let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let port = Int(text[range].split(separator: ":").last ?? "")
            {
                return DemoServe(pid: pid, port: port, stdout: text, stderrFile: err)
            }
            if waitpid(pid, nil, WNOHANG) == pid {
                let log = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "serve --demo exited: \(log)"])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Foundation.kill(pid, SIGKILL)
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "serve --demo printed no welcome"])
    }

    /// SIGTERM (a graceful stop, so the database is closed cleanly) and wait on a thread
    /// of its own; the standard error it wrote.
    func stop() async throws -> String {
        Foundation.kill(pid, SIGTERM)
        await withCheckedContinuation { continuation in
            Thread {
                ChildProcess.wait(pid)
                continuation.resume()
            }.start()
        }
        return try String(contentsOfFile: stderrFile, encoding: .utf8)
    }

    /// SIGKILL and reap, for `defer`.
    func kill() {
        Foundation.kill(pid, SIGKILL)
        ChildProcess.wait(pid)
    }
}
