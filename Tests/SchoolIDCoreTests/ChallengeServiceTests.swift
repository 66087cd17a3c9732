import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct ChallengeServiceTests {
    @Test("an issued 6-digit code verifies once and is audited as sent and verified")
    func issueAndVerify() async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, code) = try await harness.issue()
            #expect(OTPCode.isWellFormed(code.unredacted, length: 6))
            #expect(challenge.attemptsLeft == 5 && challenge.sendCount == 1 && challenge.channel == .sms)
            #expect(challenge.expiresAt == harness.clock.now().adding(seconds: 600))
            let verified = try await harness.verify(challenge.id, code.unredacted)
            #expect(verified.consumedAt == harness.clock.now())
            await #expect(throws: DomainError(.codeInvalid)) { try await harness.verify(challenge.id, code.unredacted) }
            #expect(try await harness.auditActions() == [.codeSent, .codeVerified])
        }
    }

    @Test("five wrong codes exhaust the challenge; the right code is then refused as exhausted")
    func exhaustion() async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, code) = try await harness.issue()
            let wrong = code.unredacted == "000000" ? "000001" : "000000"
            for _ in 0..<4 {
                await #expect(throws: DomainError(.codeInvalid)) { try await harness.verify(challenge.id, wrong) }
            }
            await #expect(throws: DomainError(.codeExhausted)) { try await harness.verify(challenge.id, wrong) }
            await #expect(throws: DomainError(.codeExhausted)) { try await harness.verify(challenge.id, code.unredacted) }
            #expect(try await harness.auditActions() == [.codeSent] + Array(repeating: .codeFailed, count: 4) + [.codeExhausted])
        }
    }

    @Test("malformed input spends an attempt like a wrong code", arguments: ["12345", "1234567", "12 456", "١٢٣٤٥٦", ""])
    func malformedCountsAsAttempt(_ input: String) async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, _) = try await harness.issue()
            await #expect(throws: DomainError(.codeInvalid)) { try await harness.verify(challenge.id, input) }
            #expect(try await harness.challenge(challenge.id)?.attemptsLeft == 4)
        }
    }

    @Test("a code is accepted one second before its TTL and refused as expired at it")
    func expiry() async throws {
        try await ChallengeHarness.with { harness in
            let (first, firstCode) = try await harness.issue()
            let (second, secondCode) = try await harness.issue(to: .email(Email(rawValue: "parent@example.ru")!))
            harness.clock.advance(seconds: 599)
            #expect(try await harness.verify(first.id, firstCode.unredacted).id == first.id)
            harness.clock.advance(seconds: 1)
            await #expect(throws: DomainError(.codeExpired)) { try await harness.verify(second.id, secondCode.unredacted) }
            #expect(try await harness.challenge(second.id)?.attemptsLeft == 5)
        }
    }

    @Test("a challenge of another purpose is refused without spending an attempt")
    func otherPurpose() async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, code) = try await harness.issue()
            await #expect(throws: DomainError(.codeInvalid)) {
                try await harness.verify(challenge.id, code.unredacted, purpose: .passwordRecovery)
            }
            #expect(try await harness.challenge(challenge.id)?.attemptsLeft == 5)
        }
    }

    @Test("50 parallel verifications of one code: exactly one succeeds, the rest are refused as invalid")
    func parallelVerify() async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, code) = try await harness.issue()
            let outcomes = await withTaskGroup(of: Result<Challenge, DomainError>.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do { return .success(try await harness.verify(challenge.id, code.unredacted)) } catch {
                            return .failure(error as? DomainError ?? DomainError(.serverError))
                        }
                    }
                }
                var outcomes: [Result<Challenge, DomainError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            #expect(outcomes.filter { (try? $0.get()) != nil }.count == 1)
            #expect(outcomes.allSatisfy { outcome in
                if case .failure(let error) = outcome { return error.code == .codeInvalid }
                return true
            })
            #expect(try await harness.challenge(challenge.id)?.attemptsLeft == 5)
        }
    }

    @Test("neither the code nor the phone appears in the database file or its WAL after issue")
    func nothingInClear() async throws {
        try await ChallengeHarness.with { harness in
            let (_, code) = try await harness.issue()
            var bytes = Data()
            for path in [harness.temporary.path, harness.temporary.path + "-wal"] {
                bytes.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            #expect(bytes.count > 4096)
            #expect(bytes.range(of: Data(code.unredacted.utf8)) == nil)
            #expect(bytes.range(of: Data(ChallengeHarness.phone.rawValue.dropFirst().utf8)) == nil)
        }
    }
}

/// A ``ChallengeService`` over a fresh SQLite file, the test policy profile, seeded
/// randomness and a manual clock.
struct ChallengeHarness: Sendable {
    static let phone = PhoneNumber(rawValue: "+79161234567")!
    static let context = RequestContext(clientAddress: "203.0.113.5", requestID: "req-1")

    let temporary: TemporaryStorage
    let clock = ManualWallClock(UnixTime(seconds: 1_780_000_000))
    let service: ChallengeService

    init(temporary: TemporaryStorage, seed: UInt64, policies: PolicySet = TestPolicies.set) {
        self.temporary = temporary
        let keys = StaticDataKeyProvider.random()
        service = ChallengeService(environment: ServiceEnvironment(
            storage: temporary.storage, hasher: UnusedHasher(), clock: clock, random: SeededRandomSource(seed: seed),
            policies: { policies }, dataKeys: { keys }))
    }

    /// Runs `body` on a fresh harness (under `policies`) and removes its database afterwards.
    static func with(seed: UInt64 = 7, policies: PolicySet = TestPolicies.set,
                     _ body: (ChallengeHarness) async throws -> Void) async throws {
        let harness = ChallengeHarness(temporary: try await TemporaryStorage(), seed: seed, policies: policies)
        do {
            try await body(harness)
        } catch {
            await harness.temporary.remove()
            throw error
        }
        await harness.temporary.remove()
    }

    func issue(to destination: OTPDestination = .phone(phone), context: RequestContext = context) async throws
        -> (Challenge, code: Secret<String>)
    {
        let (service, now) = (service, clock.now())
        return try await temporary.storage.write { tx in
            try service.issue(purpose: .registration, destination: destination, accountID: nil, context: context,
                              now: now, in: tx)
        }
    }

    func resend(_ id: Challenge.ID) async throws -> (Challenge, code: Secret<String>) {
        let (service, now) = (service, clock.now())
        return try await temporary.storage.write { tx in
            try service.resend(id, context: Self.context, now: now, in: tx)
        }
    }

    func verify(_ id: Challenge.ID, _ code: String, purpose: Challenge.Purpose = .registration) async throws -> Challenge {
        try await service.verify(id, purpose: purpose, code: code, context: Self.context, now: clock.now())
    }

    func challenge(_ id: Challenge.ID) async throws -> Challenge? {
        try await temporary.storage.read { tx in try tx.challenges.challenge(id) }
    }

    /// Audit actions, oldest first.
    func auditActions() async throws -> [AuditAction] {
        try await temporary.storage.read { tx in try tx.audit.events(AuditQuery()).map(\.action).reversed() }
    }
}

/// Challenges never hash passwords.
struct UnusedHasher: PasswordHashing {
    struct Unused: Error {}
    func hash(_ password: Password, cost: ScryptCost, priority: HashingPriority) async throws -> String { throw Unused() }
    func verify(_ password: Password, against hash: String, priority: HashingPriority) async throws -> Bool { throw Unused() }
    func needsRehash(_ hash: String, cost: ScryptCost) -> Bool { false }
}
