import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct ChallengeThrottlingTests {
    @Test("a resend before the 60 s cooldown is refused with the remaining wait; later it keeps the attempts")
    func resendCooldown() async throws {
        try await ChallengeHarness.with { harness in
            let (challenge, code) = try await harness.issue()
            let wrong = code.unredacted == "000000" ? "000001" : "000000"
            await #expect(throws: DomainError(.codeInvalid)) { try await harness.verify(challenge.id, wrong) }
            harness.clock.advance(seconds: 45)
            await #expect(throws: ThrottleError(.codeResendTooSoon, retryAfterSeconds: 15)) { try await harness.resend(challenge.id) }
            harness.clock.advance(seconds: 15)
            let (resent, newCode) = try await harness.resend(challenge.id)
            #expect(resent.attemptsLeft == 4 && resent.sendCount == 2)
            #expect(resent.expiresAt == harness.clock.now().adding(seconds: 600))
            if newCode.unredacted != code.unredacted {
                await #expect(throws: DomainError(.codeInvalid)) { try await harness.verify(challenge.id, code.unredacted) }
            }
            #expect(try await harness.verify(challenge.id, newCode.unredacted).consumedAt != nil)
            await #expect(throws: DomainError(.codeInvalid)) { try await harness.resend(challenge.id) }
        }
    }

    @Test("a new challenge to the same destination within the cooldown is refused too")
    func issueCooldown() async throws {
        try await ChallengeHarness.with { harness in
            _ = try await harness.issue()
            harness.clock.advance(seconds: 59)
            await #expect(throws: ThrottleError(.codeResendTooSoon, retryAfterSeconds: 1)) { try await harness.issue() }
            _ = try await harness.issue(to: .email(Email(rawValue: "parent@example.ru")!))
            harness.clock.advance(seconds: 1)
            _ = try await harness.issue()
        }
    }

    @Test("the sixth code to one number within an hour waits until the first send leaves the window")
    func destinationHourlyQuota() async throws {
        try await ChallengeHarness.with { harness in
            let start = harness.clock.now()
            for _ in 0..<5 {
                _ = try await harness.issue()
                harness.clock.advance(seconds: 60)
            }
            // Now start + 300: the first send (at start) frees the quota at start + 3600.
            await #expect(throws: ThrottleError(.retryLater, retryAfterSeconds: 3300)) { try await harness.issue() }
            harness.clock.set(start.adding(seconds: 3599))
            await #expect(throws: ThrottleError(.retryLater, retryAfterSeconds: 1)) { try await harness.issue() }
            harness.clock.set(start.adding(seconds: 3600))
            _ = try await harness.issue()
        }
    }

    @Test("the per-address hourly quota counts codes to every destination from one address")
    func addressHourlyQuota() async throws {
        try await ChallengeHarness.with { harness in
            let start = harness.clock.now()
            for number in 0..<30 {
                harness.clock.set(start.adding(seconds: Int64(number)))
                _ = try await harness.issue(to: .phone(PhoneNumber(rawValue: "+7916000\(String(format: "%04d", number))")!))
            }
            let fresh = OTPDestination.phone(PhoneNumber(rawValue: "+79169999999")!)
            await #expect(throws: ThrottleError(.retryLater, retryAfterSeconds: 3600 - 29)) { try await harness.issue(to: fresh) }
            let elsewhere = RequestContext(clientAddress: "198.51.100.7", requestID: "req-2")
            _ = try await harness.issue(to: fresh, context: elsewhere)
        }
    }

    @Test("an email destination is counted case-insensitively")
    func emailNormalisation() {
        let key = StaticDataKeyProvider.random().indexKey
        let upper = OTPDestination.email(Email(rawValue: "Parent@example.ru")!)
        let lower = OTPDestination.email(Email(rawValue: "parent@example.ru")!)
        #expect(upper.index(key: key) == lower.index(key: key))
        #expect(upper.channel == .email && OTPDestination.phone(ChallengeHarness.phone).channel == .sms)
    }
}
