import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// The refusals around guardian links, through the real server (fixture lockout.json:
/// 5 free failures, then backoff per (login, client address): after the sixth failure
/// the pair waits 1 s).
@Suite struct GuardianshipRulesTests {
    /// Runs `body` with a fresh server (loopback trusted as a proxy, so tests speak for
    /// several client addresses) and a class.
    static func run(_ body: (GuardianFixture, SchoolClass) async throws -> Void) async throws {
        let server = try await TestServer { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
        do {
            let fixture = GuardianFixture(server: server)
            try await body(fixture, try await fixture.schoolClass())
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    static func claim(_ client: APIClient, _ student: GuardianFixture.Student, password: String? = nil,
                      relation: String = "mother") async throws -> APIResponse {
        try await client.post("/v1/me/children/claim", json: [
            "login": student.login, "password": password ?? student.password, "relation": relation])
    }

    @Test("a student account cannot claim a child: 403 permission_denied")
    func studentCannotLink() async throws {
        try await Self.run { fixture, schoolClass in
            let sibling = try await fixture.student(login: "g57-7201", in: schoolClass)
            let other = try await fixture.student(login: "g57-7202", in: schoolClass)
            let (child, _) = try await SchoolWorld.firstLogin(APIClient(fixture.server), login: sibling.login,
                                                             password: sibling.password, newPassword: "green-Kettle-river-81")
            let refused = try await Self.claim(child, other)
            #expect(refused.status == 403 && refused.errorCode == "permission_denied", "\(refused.text)")
        }
    }

    @Test("wrong passwords in claims count on the login counters: once the backoff starts both claim and login answer 429")
    func wrongPasswordThrottles() async throws {
        try await Self.run { fixture, schoolClass in
            let student = try await fixture.student(login: "g57-7201", in: schoolClass)
            let adult = try await fixture.adult(login: "anna.petrova", phone: nil).client.from("198.51.100.7")
            var statuses: [Int] = []
            for attempt in 0..<7 {
                let response = try await Self.claim(adult, student, password: "wrong-password-\(attempt)")
                statuses.append(response.status)
                if response.status == 401 { #expect(response.errorCode == "invalid_credentials") }
            }
            #expect(statuses == [401, 401, 401, 401, 401, 401, 429], "\(statuses)")
            let login = try await APIClient(fixture.server).from("198.51.100.7").post("/v1/login", json: [
                "login": student.login, "password": student.password])
            #expect(login.status == 429 && login.errorCode == "retry_later", "\(login.text)")
            // Elsewhere the right password still links, and does not use up the slip.
            let elsewhere = try await Self.claim(adult.from("198.51.100.8"), student)
            #expect(elsewhere.status == 201, "\(elsewhere.text)")
            let failures = try await fixture.environment.storage.read { tx in try tx.accounts.account(student.id)?.consecutiveFailures }
            #expect(failures == 6)
        }
    }

    @Test("wrong link codes count on the caller's login counters and throttle like login; each is audited")
    func linkCodeGuessingThrottles() async throws {
        try await Self.run { fixture, schoolClass in
            let student = try await fixture.student(login: "g57-7201", in: schoolClass)
            let (_, code) = try await GuardianshipService(
                environment: fixture.environment, attempts: PasswordAttempts(environment: fixture.environment),
                credentials: CredentialBatchService(environment: fixture.environment))
                .issueLinkCode(by: .commandLine, studentID: student.id, context: RequestContext(clientAddress: "cli", requestID: "t"))
            let adult = try await fixture.adult(login: "anna.petrova", phone: nil)
            let guesser = adult.client.from("198.51.100.9")
            var observed: [String] = []
            for guess in ["AAAAA-AAAAA", "CCCCC-CCCCC", "not a code", "DDDDD-DDDDD", "EEEEE-EEEEE", "FFFFF-FFFFF", code] {
                let response = try await guesser.post("/v1/me/children/claim", json: ["link_code": guess, "relation": "other"])
                observed.append("\(response.status) \(response.errorCode ?? "")")
            }
            #expect(observed == Array(repeating: "400 link_code_invalid", count: 6) + ["429 retry_later"], "\(observed)")
            let login = try await APIClient(fixture.server).from("198.51.100.9").post("/v1/login", json: [
                "login": "anna.petrova", "password": GuardianFixture.adultPassword])
            #expect(login.status == 429, "the guesser's own login from that address waits too: \(login.text)")
            let actions = try await fixture.auditActions(about: adult.id)
            #expect(actions.filter { $0 == "link_code.failed" }.count == 6)
            #expect(actions.filter { $0 == "login.failed" }.count == 6)
            let right = try await adult.client.from("198.51.100.10").post("/v1/me/children/claim", json: [
                "link_code": code, "relation": "other"])
            #expect(right.status == 201, "\(right.text)")
        }
    }

    @Test("two parallel confirmations of one proposal make exactly one transition")
    func parallelConfirm() async throws {
        try await Self.run { fixture, schoolClass in
            let student = try await fixture.student(login: "g57-7201", in: schoolClass)
            let father = try await fixture.adult(login: "oleg.petrov", phone: "+79167654321")
            let service = GuardianshipService(environment: fixture.environment,
                                              attempts: PasswordAttempts(environment: fixture.environment),
                                              credentials: CredentialBatchService(environment: fixture.environment))
            let link = try await service.propose(by: .commandLine, studentID: student.id,
                                                 phone: try PhoneNumber(parsing: "+79167654321"), relation: .father,
                                                 context: RequestContext(clientAddress: "cli", requestID: "t"))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await father.client.post("/v1/me/guardian-links/\(link.id)/confirm").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409, 409, 409, 409, 409], "\(statuses)")
            let actions = try await fixture.auditActions(about: student.id)
            #expect(actions.filter { $0 == "guardian_link.confirmed" }.count == 1)
        }
    }

    @Test("a child takes at most max_guardians_per_child guardians (4); the fifth gets 409 guardian_limit_reached")
    func guardianLimit() async throws {
        try await Self.run { fixture, schoolClass in
            let student = try await fixture.student(login: "g57-7201", in: schoolClass)
            var statuses: [Int] = []
            for index in 1...5 {
                let adult = try await fixture.adult(login: "parent\(index)", phone: nil)
                let response = try await Self.claim(adult.client, student, relation: "other")
                statuses.append(response.status)
                if index == 5 { #expect(response.errorCode == "guardian_limit_reached", "\(response.text)") }
            }
            #expect(statuses == [201, 201, 201, 201, 409])
        }
    }

    @Test("the same guardian cannot link the same child twice: 409 guardian_link_exists")
    func duplicateLink() async throws {
        try await Self.run { fixture, schoolClass in
            let student = try await fixture.student(login: "g57-7201", in: schoolClass)
            let adult = try await fixture.adult(login: "anna.petrova", phone: nil)
            #expect(try await Self.claim(adult.client, student).status == 201)
            let again = try await Self.claim(adult.client, student)
            #expect(again.status == 409 && again.errorCode == "guardian_link_exists", "\(again.text)")
        }
    }
}
