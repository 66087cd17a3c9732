import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Step-up end to end, with `enforce_step_up` on (the test profile turns it off for
/// the tests that log in with a password alone). The admin enrolled TOTP at their first
/// login, so their session starts with a fresh factor; later proofs are recorded
/// through the store, as the step-up routes do (those are `StepUpFlowTests`).
@Suite struct StepUpAPITests {
    /// A server whose policies enforce step-up, with `step_up_seconds` 300.
    static func enforcingServer() async throws -> TestServer {
        try await TestServer { configuration in
            let file = URL(fileURLWithPath: configuration.policies).appendingPathComponent(SecondFactorPolicy.fileName)
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            try? Data(text.replacingOccurrences(of: #""enforce_step_up": false"#, with: #""enforce_step_up": true"#).utf8)
                .write(to: file)
        }
    }

    static func run(_ body: (TestServer, APIClient) async throws -> Void) async throws {
        let server = try await enforcingServer()
        do {
            #expect(server.application.environment.policies.secondFactor.enforceStepUp)
            try await body(server, try await SchoolWorld.bootstrapAdmin(server).client)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// Proves a second factor in `client`'s session at the server's current time.
    static func proveSecondFactor(_ client: APIClient, on server: TestServer, method: Session.Method = .otp) async throws {
        let hash = SessionToken(presented: try #require(client.bearer)).hash
        let now = server.clock.now()
        let recorded = try await server.application.environment.storage.write { tx in
            try tx.sessions.recordSecondFactor(tokenHash: hash, method: method, at: now)
        }
        #expect(recorded)
    }

    static var school: [String: Any] { ["code": "s57", "name": "Школа № 57", "region": "77"] }

    @Test("an admin call without a recent second factor gets 403 step_up_required; with one it succeeds; 301 s later it is required again")
    func stepUp() async throws {
        try await Self.run { server, admin in
            server.clock.advance(seconds: 301)  // past the factor proven at enrolment
            let refused = try await admin.post("/v1/schools", json: Self.school)
            #expect(refused.status == 403 && refused.errorCode == "step_up_required", "\(refused.text)")
            #expect(refused.string("message") == ErrorCode.stepUpRequired.message(in: .russian))
            #expect(try await admin.get("/v1/schools").status == 200)  // reading needs no step-up

            try await Self.proveSecondFactor(admin, on: server)
            let created = try await admin.post("/v1/schools", json: Self.school)
            #expect(created.status == 201, "\(created.text)")
            let schoolID = try #require(created.string("id"))

            server.clock.advance(seconds: 300)
            let staff: [String: Any] = ["role": "school_admin", "login": "s57-admin", "last_name": "Иванова",
                                        "first_name": "Мария"]
            let added = try await admin.post("/v1/schools/\(schoolID)/staff", json: staff)
            #expect(added.status == 201, "\(added.text)")

            server.clock.advance(seconds: 1)
            let stale = try await admin.post("/v1/schools/\(schoolID)/staff", json: staff.merging(["login": "s57-admin2"]) { $1 })
            #expect(stale.status == 403 && stale.errorCode == "step_up_required", "\(stale.text)")
            let second = try await admin.post("/v1/schools", json: Self.school.merging(["code": "s58"]) { $1 })
            #expect(second.status == 403 && second.errorCode == "step_up_required")

            try await Self.proveSecondFactor(admin, on: server, method: .sms)
            #expect(try await admin.post("/v1/schools", json: Self.school.merging(["code": "s58"]) { $1 }).status == 201)
        }
    }

    @Test("GET /v1/me shows the session's amr, acr and second_factor_at for a password-only session and after a second factor")
    func meShowsStrength() async throws {
        try await Self.run { server, admin in
            let enrolled = try await admin.get("/v1/me")
            #expect(enrolled.json["amr"] as? [String] == ["pwd", "otp"])
            #expect(enrolled.string("acr") == "2")
            let rawID = try #require(enrolled.string("account_id"))
            let accountID = try #require(Account.ID(rawValue: rawID))
            let environment = server.application.environment
            let now = server.clock.now()
            let plain = try await environment.storage.write { tx in
                try SessionService(environment: environment).open(for: accountID, purpose: .session, at: now,
                                                                  policy: environment.policies.sessions, in: tx)
            }
            let client = APIClient(server, bearer: plain.token.value.unredacted)
            let before = try await client.get("/v1/me")
            #expect(before.status == 200)
            #expect(before.json["amr"] as? [String] == ["pwd"])
            #expect(before.string("acr") == "1")
            #expect(before.json.keys.contains("second_factor_at") && before.json["second_factor_at"] is NSNull)

            server.clock.advance(seconds: 7)
            try await Self.proveSecondFactor(client, on: server)
            let after = try await client.get("/v1/me")
            #expect(after.json["amr"] as? [String] == ["pwd", "otp"])
            #expect(after.string("acr") == "2")
            #expect((after.json["second_factor_at"] as? NSNumber)?.int64Value == server.clock.now().seconds)
        }
    }

    @Test("second-factor and enrolment tickets are refused wherever a logged-in session is required",
          arguments: [Session.Purpose.secondFactor, .factorEnrolment, .passwordChange])
    func ticketsAreNotSessions(_ purpose: Session.Purpose) async throws {
        try await Self.run { server, admin in
            let accountID = try #require(try await admin.get("/v1/me").string("account_id"))
            let environment = server.application.environment
            let now = server.clock.now()
            let ticket = try await environment.storage.write { tx in
                try SessionService(environment: environment).open(for: Account.ID(rawValue: accountID)!, purpose: purpose,
                                                                  at: now, policy: environment.policies.sessions, in: tx)
            }
            #expect(ticket.session.absoluteExpiresAt == now.adding(seconds: environment.policies.sessions.passwordChangeTicketSeconds))
            let client = APIClient(server, bearer: ticket.token.value.unredacted)
            let me = try await client.get("/v1/me")
            #expect(me.status == 401 && me.errorCode == "unauthorized")
            #expect(try await client.post("/v1/schools", json: Self.school).status == 401)
            // Even a ticket with a fresh factor recorded stays a ticket.
            let recorded = try await environment.storage.write { tx in
                try tx.sessions.recordSecondFactor(tokenHash: ticket.token.hash, method: .otp, at: now)
            }
            #expect(!recorded)
        }
    }
}
