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

    /// Creates an adult (guardian-like) account with a permanent password, as
    /// registration leaves it, logs it in and stores its verified contacts. (Not
    /// staff: staff must enrol a second factor at login, issue 6.)
    static func make(in world: DeliveryWorld, login: String, phone: String? = nil, email: String? = nil) async throws
        -> SecurityPerson
    {
        let environment = world.server.application.environment
        let hash = try await environment.hasher.hash(try Password(password, maximumLength: 128),
                                                     cost: environment.policies.passwords.userHashCost,
                                                     priority: .interactive)
        let created = environment.clock.now()
        let profile = try AccountProfile(lastName: "Петрова", firstName: "Анна", patronymic: nil, birthDate: nil)
        let parsedLogin = try Login(parsing: login)
        let account = try await environment.storage.write { tx in
            let id = Account.ID.random(using: environment.random)
            let key = try environment.ownerKeys.create(for: id.rawValue, at: created, in: tx.ownerKeys)
            let account = Account(id: id, category: .adult, login: parsedLogin,
                                  profile: try profile.sealed(for: id, under: key), locale: .russian, createdAt: created)
            try tx.accounts.insert(account)
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .permanent,
                                                              issuedAt: created))
            try tx.consents.insert(ConsentRecord(id: .random(using: environment.random), subjectID: id, givenBy: id,
                                                 basis: .own, textVersion: environment.policies.consent.currentTextVersion,
                                                 channel: .api, givenAt: created))
            return account
        }
        let anonymous = APIClient(world.server)
        let changed = try await anonymous.post("/v1/login", json: ["login": login, "password": password])
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
