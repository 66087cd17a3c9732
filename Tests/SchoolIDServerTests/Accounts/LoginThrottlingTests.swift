import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Login hints, backoff per (login, client address), and the per-account cap
/// (fixture lockout.json: 5 free failures, backoff 1, 2, 4 … s, pair lock after 50 for
/// 900 s, account cap 100).
@Suite struct LoginThrottlingTests {
    /// What an attacker sees of one attempt.
    struct Observation: Equatable, CustomStringConvertible {
        let status: Int
        let code: String?
        let retryAfter: String?
        var description: String { "\(status) \(code ?? "-") \(retryAfter ?? "")" }
    }

    static func attempt(_ client: APIClient, _ login: String, _ password: String) async throws -> Observation {
        let response = try await client.post("/v1/login", json: ["login": login, "password": password])
        return Observation(status: response.status, code: response.errorCode, retryAfter: response.header("Retry-After"))
    }

    @Test("a login typed with Cyrillic а or о gets a hint, whether or not it exists", arguments: [
        "s57-teаcher",  // Cyrillic а: an existing login
        "nоbody",  // Cyrillic о: no such login
    ])
    func cyrillicHint(login: String) async throws {
        try await SchoolWorld.run { world in
            let response = try await world.anonymous.post("/v1/login", json: ["login": login, "password": SchoolWorld.staffPassword])
            #expect(response.status == 400)
            #expect(response.errorCode == "login_cyrillic_lookalike")
            #expect(response.string("message")?.isEmpty == false)
        }
    }

    @Test("known and unknown logins throttle identically, with 429 and Retry-After, until the backoff passes")
    func knownAndUnknownIndistinguishable() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Кузнецов", "Иван")]).first)
            let unknown = String(student.login.dropLast(3)) + "999"
            var sequences: [[Observation]] = []
            for (login, address) in [(student.login, "10.1.1.1"), (unknown, "10.1.1.2")] {
                let client = world.anonymous.from(address)
                var seen: [Observation] = []
                for _ in 0..<7 { seen.append(try await Self.attempt(client, login, "wrong-guess")) }
                world.server.clock.advance(seconds: 1)
                seen.append(try await Self.attempt(client, login, "wrong-guess"))
                seen.append(try await Self.attempt(client, login, "wrong-guess"))
                world.server.clock.advance(seconds: 2)
                seen.append(try await Self.attempt(client, login, "wrong-guess"))
                sequences.append(seen)
                world.server.clock.advance(seconds: 10_000)
            }
            #expect(sequences[0] == sequences[1])
            let expected = Array(repeating: Observation(status: 401, code: "invalid_credentials", retryAfter: nil), count: 6)
                + [Observation(status: 429, code: "retry_later", retryAfter: "1"),
                   Observation(status: 401, code: "invalid_credentials", retryAfter: nil),
                   Observation(status: 429, code: "retry_later", retryAfter: "2"),
                   Observation(status: 401, code: "invalid_credentials", retryAfter: nil)]
            #expect(sequences[0] == expected)
        }
    }

    @Test("a throttled pair refuses even the right password, and another address is not held back")
    func throttleIsPerAddress() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Кузнецов", "Иван")]).first)
            let attacker = world.anonymous.from("203.0.113.9")
            for _ in 0..<6 { _ = try await Self.attempt(attacker, student.login, "wrong-guess") }
            #expect(try await Self.attempt(attacker, student.login, student.password).status == 429)
            let desk = world.anonymous.from("10.1.1.3")
            let response = try await desk.post("/v1/login", json: ["login": student.login, "password": student.password])
            #expect(response.string("status") == "password_change_required")
        }
    }

    @Test("refusals are audited as login.throttled once a minute per refused pair, not once per refusal")
    func throttlingIsAuditedOnce() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Кузнецов", "Иван")]).first)
            let attacker = world.anonymous.from("203.0.113.10")
            for _ in 0..<6 { _ = try await Self.attempt(attacker, student.login, "wrong-guess") }
            for _ in 0..<5 { #expect(try await Self.attempt(attacker, student.login, "wrong-guess").status == 429) }
            let storage = world.server.application.environment.storage
            let events = try await storage.read { tx in
                var query = AuditQuery(limit: 100)
                query.actions = [.loginThrottled]
                return try tx.audit.events(query)
            }
            #expect(events.map(\.clientAddress) == ["203.0.113.10"])
            #expect(events.first?.detail.contains("after 6 failures") == true, "\(events)")
        }
    }

    @Test("after 100 consecutive failures the account is locked until a school admin unlocks it, all audited")
    func accountCapAndUnlock() async throws {
        try await SchoolWorld.run { world in
            let student = try #require(try await world.issue(names: [("Кузнецов", "Иван")]).first)
            let chosen = "maple-river-lamp"
            let (session, accountID) = try await SchoolWorld.firstLogin(world.anonymous, login: student.login,
                                                                         password: student.password, newPassword: chosen)
            for index in 0..<100 {
                // Ten addresses, and the clock skips every backoff: only the account cap can stop this.
                world.server.clock.advance(seconds: 1_000)
                let observed = try await Self.attempt(world.anonymous.from("10.2.0.\(index % 10)"), student.login, "wrong-\(index)")
                #expect(observed == Observation(status: 401, code: "invalid_credentials", retryAfter: nil), "attempt \(index)")
            }
            world.server.clock.advance(seconds: 1_000)
            let desk = world.anonymous.from("10.2.1.1")
            let right = try await Self.attempt(desk, student.login, chosen)
            #expect(right == Observation(status: 403, code: "account_locked", retryAfter: nil))
            let wrong = try await Self.attempt(desk, student.login, "wrong-again")
            #expect(wrong == Observation(status: 401, code: "invalid_credentials", retryAfter: nil))
            world.server.clock.advance(seconds: 1_000)  // wait out any backoff: only the lock remains
            #expect(try await Self.attempt(desk, student.login, chosen).code == "account_locked")
            _ = session

            let admin = try await world.staffClient("s57-admin")
            #expect(try await world.students(by: admin).first?["locked"] as? Bool == true)
            let unlocked = try await admin.post("/v1/accounts/\(accountID)/unlock")
            #expect(unlocked.status == 204, "\(unlocked.text)")
            let after = try await desk.post("/v1/login", json: ["login": student.login, "password": chosen])
            #expect(after.string("status") == "logged_in")

            let actions = try await SchoolWorld.auditActions(admin, query: "&account_id=\(accountID)")
            for action in ["login.failed", "account.locked", "account.unlocked", "login.succeeded"] {
                #expect(actions.contains(action), "\(action) in the school admin's audit view")
            }
        }
    }
}
