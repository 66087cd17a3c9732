import Foundation
import SchoolIDCore
import SchoolIDStore
import SchoolIDTesting

/// Drives `/v1/registrations` against a ``DeliveryWorld`` and reads codes from the fakes.
struct RegistrationClient {
    static let password = "correct horse battery staple 42"
    let world: DeliveryWorld
    var api: APIClient { APIClient(world.server) }

    /// `POST /v1/registrations`.
    func start(phone: String, email: String? = nil, login: String? = nil, password: String = password)
        async throws -> APIResponse
    {
        var body: [String: Any] = ["last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна",
                                   "phone": phone, "password": password, "consent_version": 1]
        if let email { body["email"] = email }
        if let login { body["login"] = login }
        return try await api.post("/v1/registrations", json: body)
    }

    /// Starts a registration and waits for its code SMS (the `after`-th to that phone).
    func startWithCode(phone: String, email: String? = nil, login: String? = nil, after: Int = 0)
        async throws -> (id: String, code: String)
    {
        let started = try await start(phone: phone, email: email, login: login)
        guard started.status == 201, let id = started.string("registration_id") else {
            throw RegistrationTestError.unexpected(started.text)
        }
        let sms = try await world.sms(to: phone, after: after)
        guard let code = DeliveryWorld.code(in: sms.text) else { throw RegistrationTestError.unexpected(sms.text) }
        return (id, code)
    }

    /// `POST /v1/registrations/{id}/confirm`.
    func confirm(_ id: String, code: String?, login: String? = nil) async throws -> APIResponse {
        var body: [String: Any] = [:]
        if let code { body["code"] = code }
        if let login { body["login"] = login }
        return try await api.post("/v1/registrations/\(id)/confirm", json: body)
    }

    /// Registers a guardian to completion.
    func register(phone: String, email: String? = nil, login: String) async throws -> APIResponse {
        let (id, code) = try await startWithCode(phone: phone, email: email, login: login)
        return try await confirm(id, code: code)
    }

    /// `SELECT count(*)` over `table`.
    func count(_ table: String) async throws -> Int {
        try await world.server.application.storage.read { tx in
            try (tx as! SQLiteReadTransaction).connection.queryFirst("SELECT count(*) FROM \(table)")!.get(0)
        }
    }
}

enum RegistrationTestError: Error { case unexpected(String) }
