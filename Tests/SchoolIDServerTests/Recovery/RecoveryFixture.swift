import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting
import Testing

/// A guardian account with verified contacts, created straight through Core (the
/// registration flow is another area's), and small helpers over ``DeliveryWorld``.
struct RecoveryFixture: Sendable {
    static let password = "old-Harbour-lantern-7"
    static let newPassword = "fresh-Meadow-compass-93"

    let world: DeliveryWorld
    let client: APIClient

    init(_ world: DeliveryWorld) {
        self.world = world
        client = APIClient(world.server)
    }

    var environment: ServiceEnvironment { world.server.application.environment }

    /// Runs `body` against a fresh delivery world whose loopback is a trusted proxy.
    static func run(_ body: (RecoveryFixture) async throws -> Void) async throws {
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            try await body(RecoveryFixture(world))
        }
    }

    /// Creates an active adult account with a permanent password and the given
    /// contacts (`verified` for each), as registration would leave it.
    @discardableResult
    func guardian(login: String, phone: String?, email: String?, emailVerified: Bool = true,
                  locale: MessageLanguage = .russian) async throws -> Account.ID {
        try await AdultAccount.create(in: environment, login: login, password: Self.password, phone: phone, email: email,
                                      emailVerified: emailVerified, locale: locale)
    }

    /// `POST /v1/login`; the response.
    func login(_ login: String, _ password: String) async throws -> APIResponse {
        try await client.post("/v1/login", json: ["login": login, "password": password])
    }

    /// `POST /v1/recovery/password`, asserting 202; the flow id.
    func start(_ identifier: String, from address: String = "198.51.100.1") async throws -> (String, APIResponse) {
        let response = try await client.from(address).post("/v1/recovery/password", json: ["identifier": identifier])
        try #require(response.status == 202, "\(response.text)")
        return (try #require(response.string("flow_id")), response)
    }

    /// `POST /v1/recovery/password/confirm`.
    func confirm(_ flowID: String, sms: String?, email: String? = nil, password: String = newPassword,
                 from address: String = "198.51.100.1") async throws -> APIResponse {
        var body: [String: Any] = ["flow_id": flowID, "new_password": password]
        if let sms { body["sms_code"] = sms }
        if let email { body["email_code"] = email }
        return try await client.from(address).post("/v1/recovery/password/confirm", json: body)
    }

    /// The code of the `index`-th SMS to `phone` (0 = first).
    func smsCode(_ phone: String, after count: Int = 0) async throws -> String {
        try #require(DeliveryWorld.code(in: try await world.sms(to: phone, after: count).text))
    }

    /// The code of the `index`-th email to `address`.
    func emailCode(_ address: String, after count: Int = 0) async throws -> String {
        try #require(DeliveryWorld.code(in: try await world.email(to: address, after: count).body))
    }

    /// The statuses of every outbox row, oldest first, once the dispatcher has run.
    func outboxStatuses() async throws -> [OutboxMessage.Status] {
        _ = try await world.server.application.dispatcher.runOnce()
        let storage = world.server.application.storage
        return try await storage.read { tx in
            try (tx as! SQLiteReadTransaction).connection.query("SELECT status FROM outbox ORDER BY created_at, rowid")
                .map { OutboxMessage.Status(rawValue: try $0.get(0)) ?? .pending }
        }
    }
}
