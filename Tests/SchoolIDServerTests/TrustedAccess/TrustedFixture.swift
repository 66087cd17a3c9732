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

    /// Runs `body` with a fresh fixture; `timeZone` is the school's (`monotonic`: see `TestServer`).
    static func run(timeZone: String = School.defaultTimeZone, monotonic: ManualClock? = nil,
                    _ body: (TrustedFixture) async throws -> Void) async throws {
        let server = try await TestServer(monotonic: monotonic) { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }
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
        let id = try await AdultAccount.create(in: environment, login: login, password: GuardianFixture.adultPassword,
                                               lastName: lastName, firstName: "Иван", phone: phone, snils: snils,
                                               snilsVerified: snilsVerified)
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
