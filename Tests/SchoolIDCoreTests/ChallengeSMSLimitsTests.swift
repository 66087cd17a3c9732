import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct ChallengeSMSLimitsTests {
    static let kazakhstan = PhoneNumber(rawValue: "+77011234567")!

    @Test("the shipped profile allows Russian mobiles only and budgets 1000 SMS an hour")
    func defaults() throws {
        for directory in [Fixtures.url("policies"), Self.shippedPolicies] {
            let sms = try PolicySet.load(directory: directory).otp.sms
            #expect(sms.allowedPrefixes == ["+79"] && sms.globalPerHour == 1000)
            #expect(sms.allows(ChallengeHarness.phone))
            #expect(!sms.allows(Self.kazakhstan))
            #expect(!sms.allows(PhoneNumber(rawValue: "+74951234567")!))
        }
    }

    @Test("a +7 7xx (Kazakhstan) number is refused with phone_not_allowed and nothing is written")
    func kazakhstanRefused() async throws {
        try await ChallengeHarness.with { harness in
            await #expect(throws: DomainError(.phoneNotAllowed)) { try await harness.issue(to: .phone(Self.kazakhstan)) }
            let since = UnixTime(seconds: 0)
            let written = try await harness.temporary.storage.read { tx in
                [try tx.challenges.sends(channel: .sms, since: since),
                 try tx.challenges.sends(fromAddress: ChallengeHarness.context.clientAddress, since: since)]
            }
            #expect(written == [0, 0])
            #expect(try await harness.auditActions().isEmpty)
        }
    }

    @Test("over the global hourly SMS budget every number waits until the oldest send leaves the hour; email still works")
    func globalBudget() async throws {
        let profile = try PolicyFixtureDirectory(replacing: "otp.json", with: Self.otpJSON(globalPerHour: 2))
        defer { profile.remove() }
        let policies = try PolicySet.load(directory: profile.url)
        try await ChallengeHarness.with(policies: policies) { harness in
            let start = harness.clock.now()
            _ = try await harness.issue(to: .phone(PhoneNumber(rawValue: "+79160000001")!))
            harness.clock.advance(seconds: 100)
            _ = try await harness.issue(to: .phone(PhoneNumber(rawValue: "+79160000002")!))
            harness.clock.advance(seconds: 100)
            let third = OTPDestination.phone(PhoneNumber(rawValue: "+79160000003")!)
            await #expect(throws: ThrottleError(.smsBudgetExhausted, retryAfterSeconds: 3400)) {
                try await harness.issue(to: third)
            }
            _ = try await harness.issue(to: .email(Email(rawValue: "parent@example.ru")!))
            harness.clock.set(start.adding(seconds: 3599))
            await #expect(throws: ThrottleError(.smsBudgetExhausted, retryAfterSeconds: 1)) {
                try await harness.issue(to: third)
            }
            harness.clock.set(start.adding(seconds: 3600))
            _ = try await harness.issue(to: third)
        }
    }

    @Test("a resend counts against the global SMS budget too")
    func resendBudget() async throws {
        let profile = try PolicyFixtureDirectory(replacing: "otp.json", with: Self.otpJSON(globalPerHour: 1))
        defer { profile.remove() }
        try await ChallengeHarness.with(policies: try PolicySet.load(directory: profile.url)) { harness in
            let (challenge, _) = try await harness.issue()
            harness.clock.advance(seconds: 60)
            await #expect(throws: ThrottleError(.smsBudgetExhausted, retryAfterSeconds: 3540)) {
                try await harness.resend(challenge.id)
            }
        }
    }

    static var shippedPolicies: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("policies")
    }

    static func otpJSON(globalPerHour: Int) throws -> String {
        let base = try String(contentsOf: Fixtures.url("policies/otp.json"), encoding: .utf8)
        let replaced = base.replacingOccurrences(of: "\"global_per_hour\": 1000", with: "\"global_per_hour\": \(globalPerHour)")
        precondition(replaced != base, "the fixture names global_per_hour")
        return replaced
    }
}
