import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A delivery world whose policy enforces step-up (and optionally turns SMS off as a
/// factor), with people created through Core and sessions opened through the session
/// service (independent of how the login steps look).
struct FactorFixture: Sendable {
    static let phone = "+79165550101"

    let world: DeliveryWorld
    var server: TestServer { world.server }
    var environment: ServiceEnvironment { world.server.application.environment }

    /// Runs `body` in a fresh world with `enforce_step_up` on and `sms_factor_enabled`
    /// as given.
    static func run(smsEnabled: Bool = true, _ body: (FactorFixture) async throws -> Void) async throws {
        try await DeliveryWorld.run(configure: { configuration in
            let file = URL(fileURLWithPath: configuration.policies).appendingPathComponent(SecondFactorPolicy.fileName)
            var text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            text = text.replacingOccurrences(of: #""enforce_step_up": false"#, with: #""enforce_step_up": true"#)
            if !smsEnabled {
                text = text.replacingOccurrences(of: #""sms_factor_enabled": true"#, with: #""sms_factor_enabled": false"#)
            }
            try? Data(text.utf8).write(to: file)
        }) { world in
            let fixture = FactorFixture(world: world)
            let policy = fixture.environment.policies.secondFactor
            try #require(policy.enforceStepUp && policy.smsFactorEnabled == smsEnabled)
            try await body(fixture)
        }
    }

    /// A guardian (adult, no staff role) with a verified phone unless `phone` is nil.
    func guardian(_ login: String, phone: String? = FactorFixture.phone) async throws -> Account.ID {
        try await RecoveryFixture(world).guardian(login: login, phone: phone, email: nil)
    }

    /// A staff member: a platform admin, or a teacher of a new school.
    func staff(_ login: String, role: Role) async throws -> Account.ID {
        let directory = DirectoryService(environment: environment)
        let context = RequestContext.commandLine(requestID: "test-\(login)")
        let schoolID = role == .platformAdmin ? nil : try await directory.createSchool(
            by: .commandLine, code: "s\(login.count)", name: "Школа", region: "77", timeZone: nil, context: context).id
        let (account, _) = try await directory.addStaff(
            by: .commandLine, role: role, schoolID: schoolID, login: login,
            profile: try AccountProfile(lastName: "Петрова", firstName: "Анна", patronymic: nil, birthDate: nil),
            context: context)
        return account.id
    }

    /// A client with a new logged-in session of `accountID`.
    func client(_ accountID: Account.ID) async throws -> APIClient {
        let (environment, now) = (environment, server.clock.now())
        let issued = try await environment.storage.write { tx in
            try SessionService(environment: environment).open(for: accountID, purpose: .session, at: now,
                                                              policy: environment.policies.sessions, in: tx)
        }
        return APIClient(server, bearer: issued.token.value.unredacted)
    }

    /// The account as stored.
    func account(_ accountID: Account.ID) async throws -> Account {
        try #require(try await environment.storage.read { tx in try tx.accounts.account(accountID) })
    }

    /// Enrols TOTP through the service (begin and confirm with the first code), then
    /// moves the clock past the used step.
    /// - Returns: the raw secret and the recovery codes.
    func enrolTOTP(_ accountID: Account.ID) async throws -> (secret: [UInt8], codes: [String]) {
        let environment = environment
        let actor = try await environment.storage.read { tx in
            try Actor.load(accountID, session: nil, accounts: tx.accounts, classes: tx.classes)
        }
        let service = SecondFactorService(environment: environment)
        let context = RequestContext.commandLine(requestID: "test-enrol")
        let enrolment = try await service.beginTOTP(actor: actor, context: context)
        let secret = try #require(Base32.decode(enrolment.secret.unredacted))
        let codes = try await service.confirmTOTP(actor: actor, code: TOTP.standard.code(secret: secret, at: server.clock.now()),
                                                  context: context)
        server.clock.advance(seconds: 30)
        return (secret, codes)
    }

    /// The TOTP code for now.
    func code(_ secret: [UInt8]) -> String { TOTP.standard.code(secret: secret, at: server.clock.now()) }
}
