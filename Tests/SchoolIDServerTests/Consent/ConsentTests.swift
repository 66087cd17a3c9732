import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Consent to the processing of personal data (issue 8, 152-FZ art. 9) through the real
/// server: registration and linking record it, a new text version asks for it again at
/// the next login, and the consent ticket opens nothing but the consent.
@Suite struct ConsentTests {
    static let password = GuardianFixture.adultPassword

    @Test("registration records the guardian's own consent with its version, the start's channel and the clock's time")
    func registrationRecords() async throws {
        try await DeliveryWorld.run { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161230001", login: "consent.reg")
            world.server.clock.advance(seconds: 30)
            let confirmed = try await client.confirm(id, code: code)
            #expect(confirmed.status == 201, "\(confirmed.text)")
            let accountID = try Account.ID(parsing: try #require(confirmed.string("account_id")))
            let records = try await world.server.application.storage.read { tx in try tx.consents.records(subject: accountID) }
            #expect(records.count == 1)
            let record = try #require(records.first)
            #expect(record.basis == .own && record.givenBy == accountID && record.textVersion == 1)
            #expect(record.channel == .api && record.givenAt == world.server.clock.now())
            let login = try await client.api.post("/v1/login", json: ["login": "consent.reg",
                                                                      "password": RegistrationClient.password])
            #expect(login.string("status") == "logged_in")
        }
    }

    @Test("registration without consent_version is 400 consent_required; another version is 409 consent_outdated")
    func registrationRefusals() async throws {
        try await DeliveryWorld.run { world in
            let api = APIClient(world.server)
            var body: [String: Any] = ["last_name": "Иванова", "first_name": "Мария", "phone": "+79161230002",
                                       "password": RegistrationClient.password]
            let missing = try await api.post("/v1/registrations", json: body)
            #expect(missing.status == 400 && missing.errorCode == "consent_required", "\(missing.text)")
            body["consent_version"] = 2
            let outdated = try await api.post("/v1/registrations", json: body)
            #expect(outdated.status == 409 && outdated.errorCode == "consent_outdated", "\(outdated.text)")
            #expect(world.smsCount(to: "+79161230002") == 0)
        }
    }

    @Test("GET /v1/consent answers the current text without its comment line, in the Accept-Language")
    func currentText() async throws {
        let server = try await TestServer()
        let text = try await APIClient(server).send("GET", "/v1/consent", extraHeaders: [("Accept-Language", "en-GB")])
        try await server.stop()
        #expect(text.status == 200)
        #expect(text.json["version"] as? Int == 1 && text.string("language") == "en")
        let body = try #require(text.string("text"))
        #expect(body.hasPrefix("Consent to the processing of personal data") && !body.contains("needs legal review"))
        #expect(body.contains("152-FZ") && body.contains("SNILS"))
    }

    @Test("claiming a child records the guardian's consent for the child as legal representative")
    func linkingRecords() async throws {
        let server = try await TestServer()
        let fixture = GuardianFixture(server: server)
        let schoolClass = try await fixture.schoolClass()
        let child = try await fixture.student(login: "g57260701", in: schoolClass)
        let mother = try await fixture.adult(login: "anna.petrova", phone: "+79161234567")
        let claimed = try await mother.client.post("/v1/me/children/claim", json: [
            "login": child.login, "password": child.password, "relation": "mother"])
        #expect(claimed.status == 201, "\(claimed.text)")
        let records = try await server.application.storage.read { tx in try tx.consents.records(subject: child.id) }
        let listed = try await mother.client.get("/v1/me/consents")
        try await server.stop()
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.basis == .legalRepresentative && record.givenBy == mother.id && record.textVersion == 1)
        #expect(record.channel == .api)
        let consents = try #require(listed.json["consents"] as? [[String: Any]])
        #expect(consents.contains { $0["subject_id"] as? String == child.id.rawValue && $0["basis"] as? String == "legal_representative" })
        #expect(consents.contains { $0["subject_id"] as? String == mother.id.rawValue && $0["basis"] as? String == "own" })
    }

    @Test("after a text version bump the next login asks for consent; accepting opens the session and records own and child rows")
    func renewalAtLogin() async throws {
        let policies = try ConsentPolicyDirectory(version: 2)
        defer { policies.remove() }
        let server = try await TestServer { $0.policies = policies.path }
        let environment = server.application.environment
        let fixture = GuardianFixture(server: server)
        let schoolClass = try await fixture.schoolClass()
        let child = try await fixture.student(login: "g57260702", in: schoolClass)
        let adult = try await AdultAccount.create(in: environment, login: "olga.old", password: Self.password,
                                                  consentVersion: 1)
        try await environment.storage.write { tx in
            try tx.guardianLinks.insert(GuardianLink(id: .random(using: environment.random), guardianID: adult,
                                                     studentID: child.id, relation: .mother, origin: .credentials,
                                                     state: .active, createdAt: environment.clock.now(),
                                                     confirmedAt: environment.clock.now()))
        }
        let anonymous = APIClient(server)
        let login = try await anonymous.post("/v1/login", json: ["login": "olga.old", "password": Self.password])
        #expect(login.status == 200 && login.string("status") == "consent_required", "\(login.text)")
        #expect(login.json["consent_version"] as? Int == 2 && login.string("session_token") == nil)
        #expect(login.setCookie("schoolid_session") == nil)
        let ticket = try #require(login.string("consent_ticket"))
        let withTicket = anonymous.with(bearer: ticket)

        // The ticket reaches nothing else.
        #expect(try await withTicket.get("/v1/me").status == 401)
        #expect(try await withTicket.get("/v1/me/consents").status == 401)
        #expect(try await withTicket.get("/v1/me/children").status == 401)

        let outdated = try await withTicket.post("/v1/me/consents", json: ["version": 1])
        #expect(outdated.status == 409 && outdated.errorCode == "consent_outdated")
        server.clock.advance(seconds: 20)
        let accepted = try await withTicket.post("/v1/me/consents", json: ["version": 2])
        #expect(accepted.status == 200 && accepted.string("status") == "logged_in", "\(accepted.text)")
        let session = anonymous.with(bearer: try #require(accepted.string("session_token")))
        let me = try await session.get("/v1/me")
        #expect(me.status == 200 && me.string("acr") == "1", "\(me.text)")
        #expect(try await withTicket.post("/v1/me/consents", json: ["version": 2]).status == 401)

        let now = server.clock.now()
        let (own, forChild) = try await environment.storage.read { tx in
            (try tx.consents.latestOwn(of: adult), try tx.consents.records(subject: child.id))
        }
        #expect(own?.textVersion == 2 && own?.channel == .api && own?.givenAt == now)
        #expect(forChild.map(\.basis) == [.legalRepresentative] && forChild.first?.givenBy == adult)
        #expect(forChild.first?.textVersion == 2)
        let again = try await anonymous.post("/v1/login", json: ["login": "olga.old", "password": Self.password])
        try await server.stop()
        #expect(again.string("status") == "logged_in")
    }

    @Test("a guardian who never consented is asked too; staff without a consent are never asked")
    func whoIsAsked() async throws {
        let fixture = try await PageFixture.start()
        let environment = fixture.server.application.environment
        _ = try await AdultAccount.create(in: environment, login: "never.asked", password: Self.password,
                                          consentVersion: nil)
        let api = APIClient(fixture.server)
        let guardian = try await api.post("/v1/login", json: ["login": "never.asked", "password": Self.password])
        let staff = try await api.post("/v1/login", json: ["login": "teacher", "password": fixture.teacherPassword])
        try await fixture.server.stop()
        #expect(guardian.string("status") == "consent_required" && guardian.json["consent_version"] as? Int == 1)
        #expect(staff.status == 200 && staff.string("status") == "password_change_required", "\(staff.text)")
    }

    @Test("a renewal from a logged-in session records the consent without a new session")
    func renewalWithSession() async throws {
        let server = try await TestServer()
        let fixture = GuardianFixture(server: server)
        let adult = try await fixture.adult(login: "anna.renew", phone: nil)
        let recorded = try await adult.client.post("/v1/me/consents", json: ["version": 1])
        let rows = try await server.application.storage.read { tx in try tx.consents.records(givenBy: adult.id) }
        try await server.stop()
        #expect(recorded.status == 200 && recorded.string("status") == "consent_recorded", "\(recorded.text)")
        #expect(recorded.string("session_token") == nil)
        #expect(rows.map(\.textVersion) == [1, 1])
    }

    @Test("a guardian with TOTP passes the second step first; the session opened by consent keeps amr pwd+otp and acr 2")
    func secondFactorThenConsent() async throws {
        let policies = try ConsentPolicyDirectory(version: 2)
        defer { policies.remove() }
        let server = try await TestServer { $0.policies = policies.path }
        let environment = server.application.environment
        let adult = try await AdultAccount.create(in: environment, login: "totp.mother", password: Self.password,
                                                  consentVersion: 1)
        let session = try await environment.storage.write { tx in
            try SessionService(environment: environment).open(for: adult, purpose: .session, at: environment.clock.now(),
                                                              policy: environment.policies.sessions, in: tx)
        }
        let anonymous = APIClient(server)
        let (_, secret) = try await TOTPEnrolmentSteps.enrol(anonymous.with(bearer: session.token.value.unredacted),
                                                             on: server)
        server.clock.advance(seconds: 30)
        let login = try await anonymous.post("/v1/login", json: ["login": "totp.mother", "password": Self.password])
        #expect(login.string("status") == "second_factor_required", "\(login.text)")
        let second = try await anonymous.post(Routes.loginSecondFactor, json: [
            "second_factor_ticket": try #require(login.string("second_factor_ticket")),
            "code": TOTPEnrolmentSteps.code(secret, server)])
        #expect(second.status == 200 && second.string("status") == "consent_required", "\(second.text)")
        let ticket = anonymous.with(bearer: try #require(second.string("consent_ticket")))
        let accepted = try await ticket.post("/v1/me/consents", json: ["version": 2])
        #expect(accepted.string("status") == "logged_in", "\(accepted.text)")
        let me = try await anonymous.with(bearer: try #require(accepted.string("session_token"))).get("/v1/me")
        try await server.stop()
        #expect(me.json["amr"] as? [String] == ["pwd", "otp"] && me.string("acr") == "2", "\(me.text)")
    }
}
