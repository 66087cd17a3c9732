import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A school class, a child linked to a guardian (by the child's temporary credentials),
/// and adults to invite, made through Core on a fresh test server (fixture policies:
/// acceptance window 24 h, activation delay 1 h, step-up not enforced).
struct TrustedFixture: Sendable {
    let server: TestServer
    let guardians: GuardianFixture
    let schoolClass: SchoolClass
    let child: GuardianFixture.Student
    let guardian: APIClient
    let guardianID: Account.ID
    var environment: ServiceEnvironment { server.application.environment }

    /// Runs `body` with a fresh fixture; `timeZone` is the school's.
    static func run(timeZone: String = School.defaultTimeZone, _ body: (TrustedFixture) async throws -> Void) async throws {
        let server = try await TestServer { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
        do {
            let guardians = GuardianFixture(server: server)
            let environment = server.application.environment
            let now = environment.clock.now()
            let schoolClass = try await environment.storage.write { tx in
                let school = School(id: .random(using: environment.random), code: try SchoolCode(parsing: "g57"),
                                    name: "Школа g57", region: "77", timeZone: timeZone, createdAt: now)
                let schoolClass = SchoolClass(id: .random(using: environment.random), schoolID: school.id, grade: 7,
                                              letter: "Б", schoolYearStart: 2026, createdAt: now)
                try tx.schools.insert(school)
                try tx.classes.insert(schoolClass)
                return schoolClass
            }
            let child = try await guardians.student(login: "g57-7301", in: schoolClass)
            let (guardianID, guardian) = try await guardians.adult(login: "anna.petrova", phone: "+79161110001")
            let claimed = try await guardian.post("/v1/me/children/claim", json: [
                "login": child.login, "password": child.password, "relation": "mother"])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
            try await body(TrustedFixture(server: server, guardians: guardians, schoolClass: schoolClass, child: child,
                                          guardian: guardian, guardianID: guardianID))
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// An active adult named `lastName` with an optional verified phone and SNILS
    /// (`verified` or declared); logged in.
    func person(login: String, lastName: String, phone: String? = nil, snils: String? = nil,
                snilsVerified: Bool = true) async throws -> (id: Account.ID, client: APIClient)
    {
        let environment = environment
        let hash = try await environment.hasher.hash(try Password(GuardianFixture.adultPassword, maximumLength: 128),
                                                     cost: environment.policies.passwords.userHashCost,
                                                     priority: .interactive)
        let now = environment.clock.now()
        let profile = try AccountProfile(lastName: lastName, firstName: "Иван", patronymic: nil, birthDate: nil)
        let parsed = try Login(parsing: login)
        let phone = try phone.map { OTPDestination.phone(try PhoneNumber(parsing: $0)) }
        let snils = try snils.map { try SNILS(parsing: $0) }
        let id = try await environment.storage.write { tx in
            let id = Account.ID.random(using: environment.random)
            let key = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            try tx.accounts.insert(Account(id: id, category: .adult, login: parsed,
                                           profile: try profile.sealed(for: id, under: key), createdAt: now))
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .permanent, issuedAt: now))
            if let phone {
                try tx.contacts.save(AccountContact(destination: phone, accountID: id, ownerKey: key,
                                                    indexKey: environment.dataKeys.indexKey, verifiedAt: now, now: now))
            }
            if let snils {
                try tx.snils.save(try AccountSNILS(snils: snils, accountID: id, status: snilsVerified ? .verified : .declared,
                                                   ownerKey: key, indexKey: environment.dataKeys.indexKey,
                                                   createdAt: now, now: now))
            }
            return id
        }
        return (id, try await GuardianFixture.login(APIClient(server), login, GuardianFixture.adultPassword))
    }

    /// A fresh session for `login` (after the clock passed the idle timeout).
    func login(_ login: String) async throws -> APIClient {
        try await GuardianFixture.login(APIClient(server), login, GuardianFixture.adultPassword)
    }

    /// The guardian invites for the child; answers the response.
    func invite(lastName: String, phone: String? = nil, snils: String? = nil, services: [String] = ["diary"],
                by client: APIClient? = nil, child: Account.ID? = nil) async throws -> APIResponse
    {
        var body: [String: Any] = ["last_name": lastName, "services": services]
        if let phone { body["phone"] = phone }
        if let snils { body["snils"] = snils }
        let guardian = try await login("anna.petrova")
        return try await (client ?? guardian).post("/v1/me/children/\((child ?? self.child.id).rawValue)/invitations",
                                                   json: body)
    }

    /// The invitation id of a 201 answer.
    static func invitationID(_ response: APIResponse) throws -> String {
        let invitation = try #require(response.json["invitation"] as? [String: Any], "\(response.text)")
        return try #require(invitation["id"] as? String)
    }

    /// Ids of the invitations the client received.
    static func received(_ client: APIClient) async throws -> [String] {
        let response = try await client.get("/v1/me/invitations/received")
        try #require(response.status == 200, "\(response.text)")
        let items = try #require(response.json["invitations"] as? [[String: Any]])
        return items.compactMap { ($0["invitation"] as? [String: Any])?["id"] as? String }
    }

    /// The students and services of `GET /v1/me/access`.
    static func access(_ client: APIClient) async throws -> [String: [String]] {
        let response = try await client.get("/v1/me/access")
        try #require(response.status == 200, "\(response.text)")
        let students = try #require(response.json["students"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: students.compactMap { entry in
            (entry["student_id"] as? String).map { ($0, entry["services"] as? [String] ?? []) }
        })
    }
}
