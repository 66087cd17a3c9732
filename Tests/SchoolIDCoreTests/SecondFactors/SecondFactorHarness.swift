import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// A second-factor service over a fresh database holding one guardian account.
struct SecondFactorHarness: Sendable {
    static let context = RequestContext(clientAddress: "203.0.113.7", requestID: "req-2fa")

    let temporary: TemporaryStorage
    let clock = ManualWallClock(UnixTime(seconds: 1_780_000_000))
    let environment: ServiceEnvironment
    let service: SecondFactorService
    let actor: Actor

    /// Runs `body` on a fresh harness and removes its database afterwards.
    static func with(_ body: (SecondFactorHarness) async throws -> Void) async throws {
        let harness = try await SecondFactorHarness(temporary: TemporaryStorage())
        do {
            try await body(harness)
        } catch {
            await harness.temporary.remove()
            throw error
        }
        await harness.temporary.remove()
    }

    private init(temporary: TemporaryStorage) async throws {
        self.temporary = temporary
        let keys = StaticDataKeyProvider.random()
        let policies = TestPolicies.set
        environment = ServiceEnvironment(storage: temporary.storage, hasher: DirectPasswordHasher(), clock: clock,
                                         random: SeededRandomSource(seed: 11), policies: { policies }, dataKeys: { keys })
        service = SecondFactorService(environment: environment)
        let account = Account(id: .random(using: SeededRandomSource(seed: 3)), category: .adult,
                              login: Login(rawValue: "parent.ivanova"), profile: [], createdAt: clock.now())
        let (environment, now) = (environment, clock.now())
        try await temporary.storage.write { tx in
            try tx.accounts.insert(account)
            _ = try environment.ownerKeys.create(for: account.id.rawValue, at: now, in: tx.ownerKeys)
        }
        actor = Actor(account: account, memberships: [], taughtClasses: [], session: nil)
    }

    var accountID: Account.ID { actor.account.id }

    /// Begins and confirms TOTP; returns the raw secret and the recovery codes.
    func enrolTOTP() async throws -> (secret: [UInt8], codes: [String]) {
        let enrolment = try await service.beginTOTP(actor: actor, context: Self.context)
        let secret = try #require(Base32.decode(enrolment.secret.unredacted))
        let codes = try await service.confirmTOTP(actor: actor, code: TOTP.standard.code(secret: secret, at: clock.now()),
                                                  context: Self.context)
        return (secret, codes)
    }

    /// Runs ``SecondFactorService/verifyTOTP(accountID:code:context:now:in:)`` in a unit of its own.
    func verify(_ code: String) async throws -> Bool {
        let (service, accountID, now) = (service, accountID, clock.now())
        return try await temporary.storage.write { tx in
            try service.verifyTOTP(accountID: accountID, code: code, context: Self.context, now: now, in: tx)
        }
    }

    func account() async throws -> Account? {
        let accountID = accountID
        return try await temporary.storage.read { tx in try tx.accounts.account(accountID) }
    }

    func factors() async throws -> [SecondFactor] {
        let accountID = accountID
        return try await temporary.storage.read { tx in try tx.secondFactors.factors(of: accountID) }
    }

    /// Audit actions, oldest first.
    func auditActions() async throws -> [AuditAction] {
        try await temporary.storage.read { tx in try tx.audit.events(AuditQuery()).map(\.action).reversed() }
    }

    /// Gives the account a verified phone.
    func addVerifiedPhone() async throws {
        let (environment, accountID, now) = (environment, accountID, clock.now())
        try await temporary.storage.write { tx in
            let ownerKey = try environment.ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            try tx.contacts.save(AccountContact(destination: .phone(PhoneNumber(rawValue: "+79161234567")!),
                                                accountID: accountID, ownerKey: ownerKey,
                                                indexKey: environment.dataKeys.indexKey, verifiedAt: now, now: now))
        }
    }
}
