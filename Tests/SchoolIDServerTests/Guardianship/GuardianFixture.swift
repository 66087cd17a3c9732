import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// People for the guardianship tests, made straight through Core on any test server
/// (registration and roster import are other areas'): adults with a permanent password
/// and a verified phone, students enrolled in a class with a temporary password.
struct GuardianFixture: Sendable {
    static let adultPassword = "old-Harbour-lantern-7"

    let server: TestServer
    var environment: ServiceEnvironment { server.application.environment }

    /// A student with a temporary password.
    struct Student: Sendable {
        let id: Account.ID
        let login: String
        let password: String
    }

    /// Creates an active adult with `phone` verified (or no contact); logs them in.
    /// - Returns: the account id and a client with their session.
    func adult(login: String, phone: String?) async throws -> (id: Account.ID, client: APIClient) {
        let id = try await AdultAccount.create(in: environment, login: login, password: Self.adultPassword, phone: phone)
        return (id, try await Self.login(APIClient(server), login, Self.adultPassword))
    }

    /// Logs in with a password alone; a client with the session.
    static func login(_ anonymous: APIClient, _ login: String, _ password: String) async throws -> APIClient {
        let response = try await anonymous.post("/v1/login", json: ["login": login, "password": password])
        try #require(response.status == 200 && response.string("status") == "logged_in", "\(response.text)")
        return anonymous.with(bearer: try #require(response.string("session_token")))
    }

    /// A school with one class (`schoolCode`, class 7Б), made through Core.
    func schoolClass(code: String = "g57") async throws -> SchoolClass {
        let environment = environment
        let now = environment.clock.now()
        return try await environment.storage.write { tx in
            let school = School(id: .random(using: environment.random), code: try SchoolCode(parsing: code),
                                name: "Школа \(code)", region: "77", timeZone: School.defaultTimeZone, createdAt: now)
            let schoolClass = SchoolClass(id: .random(using: environment.random), schoolID: school.id, grade: 7,
                                          letter: "Б", schoolYearStart: 2026, createdAt: now)
            try tx.schools.insert(school)
            try tx.classes.insert(schoolClass)
            return schoolClass
        }
    }

    /// A student of `schoolClass` with a temporary password; `phone` adds a verified phone.
    func student(login: String, in schoolClass: SchoolClass, phone: String? = nil) async throws -> Student {
        let environment = environment
        let now = environment.clock.now()
        let temporary = TemporaryPassword(policy: environment.policies.credentials, random: environment.random,
                                          expiresAt: now.adding(seconds: environment.policies.credentials.lifetimeSeconds))
        let hash = try await environment.hasher.hash(temporary.password, cost: environment.policies.passwords.temporaryHashCost,
                                                     priority: .interactive)
        let profile = try AccountProfile(lastName: "Петров", firstName: "Миша", patronymic: nil, birthDate: nil)
        let parsed = try Login(parsing: login)
        let phone = try phone.map { OTPDestination.phone(try PhoneNumber(parsing: $0)) }
        let id = try await environment.storage.write { tx in
            let id = Account.ID.random(using: environment.random)
            let key = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            try tx.accounts.insert(Account(id: id, category: .student, login: parsed,
                                           profile: try profile.sealed(for: id, under: key), createdAt: now))
            try tx.accounts.insert(Enrolment(id: .random(using: environment.random), studentID: id,
                                             classID: schoolClass.id, schoolID: schoolClass.schoolID, startedAt: now))
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .temporary, issuedAt: now,
                                                              expiresAt: temporary.expiresAt))
            if let phone {
                try tx.contacts.save(AccountContact(destination: phone, accountID: id, ownerKey: key,
                                                    indexKey: environment.dataKeys.indexKey, verifiedAt: now, now: now))
            }
            return id
        }
        return Student(id: id, login: login, password: temporary.text)
    }

    /// The audit actions about `accountID`, newest first.
    func auditActions(about accountID: Account.ID) async throws -> [String] {
        try await environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: accountID, limit: 500)).map(\.action.rawValue)
        }
    }
}
