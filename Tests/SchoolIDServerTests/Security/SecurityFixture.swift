import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A person with a permanent password and, optionally, verified contacts, created
/// through Core (as `schoolid init` creates an account) and logged in over the API.
struct SecurityPerson: Sendable {
    static let password = "violet-Lantern-42-river"

    let login: String
    let accountID: String
    /// A client carrying the first session's bearer token.
    let client: APIClient

    /// Creates the account, sets its password through the first-login flow and stores
    /// its verified contacts.
    static func make(in world: DeliveryWorld, login: String, phone: String? = nil, email: String? = nil) async throws
        -> SecurityPerson
    {
        let environment = world.server.application.environment
        let (account, first) = try await DirectoryService(environment: environment).addStaff(
            by: .commandLine, role: .platformAdmin, schoolID: nil, login: login,
            profile: try AccountProfile(lastName: "Петрова", firstName: "Анна", patronymic: nil, birthDate: nil),
            context: .commandLine(requestID: "test-\(login)"))
        let anonymous = APIClient(world.server)
        let ticket = try await anonymous.post("/v1/login", json: ["login": login, "password": try #require(first).text])
        let changed = try await anonymous.post("/v1/password/change", json: [
            "change_ticket": try #require(ticket.string("change_ticket")), "new_password": password,
        ])
        try #require(changed.status == 200, "\(changed.text)")
        var destinations: [OTPDestination] = []
        if let phone { destinations.append(.phone(try PhoneNumber(parsing: phone))) }
        if let email { destinations.append(.email(try Email(parsing: email))) }
        let now = world.server.clock.now()
        try await environment.storage.write { [destinations] tx in
            let key = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
            for destination in destinations {
                try tx.contacts.save(AccountContact(destination: destination, accountID: account.id, ownerKey: key,
                                                    indexKey: environment.dataKeys.indexKey, verifiedAt: now, now: now))
            }
        }
        let token = try #require(changed.string("session_token"))
        return SecurityPerson(login: login, accountID: account.id.rawValue, client: anonymous.with(bearer: token))
    }

    /// Logs in again: a client with a new session.
    func loginAgain(_ world: DeliveryWorld) async throws -> APIClient {
        let response = try await APIClient(world.server).post("/v1/login", json: ["login": login, "password": Self.password])
        try #require(response.status == 200 && response.string("status") == "logged_in", "\(response.text)")
        let token = try #require(response.string("session_token"))
        return client.with(bearer: token)
    }

    /// Starts a change of `kind` (`phone` or `email`) to `value`.
    func startChange(_ kind: String, to value: String, password: String = SecurityPerson.password) async throws
        -> APIResponse
    {
        try await client.post("/v1/me/\(kind)", json: ["value": value, "current_password": password])
    }

    /// Confirms a change with `code`.
    func confirm(_ challengeID: String, code: String, by other: APIClient? = nil) async throws -> APIResponse {
        try await (other ?? client).post("/v1/me/contact-changes/\(challengeID)/confirm", json: ["code": code])
    }
}

extension DeliveryWorld {
    /// The code of the next SMS to `phone` beyond the first `count`.
    func smsCode(to phone: String, after count: Int = 0) async throws -> String {
        try #require(Self.code(in: try await sms(to: phone, after: count).text))
    }

    /// The code of the next email to `address` beyond the first `count`.
    func emailCode(to address: String, after count: Int = 0) async throws -> String {
        try #require(Self.code(in: try await email(to: address, after: count).body))
    }
}
