import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting
import Testing

/// A real in-process server whose database is opened through a ``FaultInjectingVFS``,
/// with an adult who holds a session and a student who holds a password-change ticket —
/// both written (and acknowledged) before any fault.
struct StorageFaultWorld: Sendable {
    static let password = "old-Harbour-lantern-7"
    static let newPassword = "fresh-Meadow-compass-93"
    static let adultLogin = "petrova.anna"
    static let studentLogin = "ivanov.ivan"

    let vfs: FaultInjectingVFS
    let server: TestServer
    let api: APIClient
    /// The adult's session, opened before the fault.
    let session: String
    /// The student's temporary password (a login with it yields a change ticket).
    let temporaryPassword: String

    var environment: ServiceEnvironment { server.application.environment }

    /// Starts the world, runs `body`, clears any fault and stops the server.
    static func run(_ body: (StorageFaultWorld) async throws -> Void) async throws {
        let vfs = FaultInjectingVFS()
        let server = try await TestServer {
            $0.sqliteVFS = vfs.name
            $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!]
        }
        do {
            let world = try await make(vfs: vfs, server: server)
            try await body(world)
        } catch {
            vfs.inject(nil)
            try? await server.stop()
            throw error
        }
        vfs.inject(nil)
        try await server.stop()
    }

    private static func make(vfs: FaultInjectingVFS, server: TestServer) async throws -> StorageFaultWorld {
        let environment = server.application.environment
        _ = try await AdultAccount.create(in: environment, login: adultLogin, password: password, phone: "+79161234567")
        let temporary = try await temporaryAccount(in: environment)
        let api = APIClient(server)
        let login = try await api.from("198.51.100.1").post("/v1/login", json: ["login": adultLogin, "password": password])
        try #require(login.status == 200, "\(login.text)")
        return StorageFaultWorld(vfs: vfs, server: server, api: api, session: try #require(login.string("session_token")),
                                 temporaryPassword: temporary)
    }

    /// An adult account whose password is temporary; its password.
    private static func temporaryAccount(in environment: ServiceEnvironment) async throws -> String {
        let now = environment.clock.now()
        let temporary = TemporaryPassword(policy: environment.policies.credentials, random: environment.random,
                                          expiresAt: now.adding(seconds: environment.policies.credentials.lifetimeSeconds))
        let hash = try await environment.hasher.hash(temporary.password, cost: environment.policies.passwords.temporaryHashCost,
                                                     priority: .interactive)
        let profile = try AccountProfile(lastName: "Иванов", firstName: "Иван", patronymic: nil, birthDate: nil)
        let login = try Login(parsing: studentLogin)
        let consent = environment.policies.consent.currentTextVersion
        try await environment.storage.write { tx in
            let id = Account.ID.random(using: environment.random)
            let key = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            try tx.accounts.insert(Account(id: id, category: .adult, login: login,
                                           profile: try profile.sealed(for: id, under: key), createdAt: now))
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .temporary, issuedAt: now,
                                                              expiresAt: temporary.expiresAt))
            try tx.consents.insert(ConsentRecord(id: .random(using: environment.random), subjectID: id, givenBy: id,
                                                 basis: .own, textVersion: consent, channel: .api, givenAt: now))
        }
        return temporary.text
    }

    /// `POST /v1/login` from `address`.
    func login(_ login: String, _ password: String, from address: String = "198.51.100.2") async throws -> APIResponse {
        try await api.from(address).post("/v1/login", json: ["login": login, "password": password])
    }

    /// `POST /v1/registrations` for a new adult with `phone`.
    func register(phone: String) async throws -> APIResponse {
        try await api.from("198.51.100.3").post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": phone, "password": "correct horse battery staple 42",
            "consent_version": environment.policies.consent.currentTextVersion,
        ])
    }

    /// Every row of every table, quoted and sorted: equal dumps, unchanged data.
    func dump() async throws -> [String] {
        try await server.application.storage.readSQLite { tx in
            let tables = try tx.connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .map { try $0.get(0, as: String.self) }.filter { !$0.hasPrefix("sqlite_") }
            var rows: [String] = []
            for table in tables {
                let columns = try tx.connection.query("SELECT name FROM pragma_table_info(?)", [table])
                    .map { "quote(\"\(try $0.get(0, as: String.self))\")" }
                let sql = "SELECT \(columns.joined(separator: " || ',' || ")) AS r FROM \"\(table)\" ORDER BY r"
                rows += try tx.connection.query(sql).map { "\(table): " + (try $0.get(0, as: String.self)) }
            }
            return rows
        }
    }

    /// `PRAGMA integrity_check` and the ledger check (`schoolid ledger verify`).
    func expectSound() async throws {
        let storage = server.application.storage
        let integrity = try await storage.readSQLite { tx in try tx.connection.integrityCheck() }
        #expect(integrity == ["ok"])
        let keyring = server.application.keyring
        let report = try await Ledger(environment: environment, issuer: "", keys: { keyring.snapshot }).check()
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    /// The log entries of storage faults so far.
    var faultLogs: Int {
        server.logs.lines.filter { $0.contains("storage refused a write") }.count
    }
}
