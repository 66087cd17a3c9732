import SchoolIDBase
import SchoolIDCore
import Testing

@Suite struct LockoutPolicyTests {
    let policy = TestPolicies.set.lockout  // free 5, backoff 1…300, lockout after 50 for 900 s, cap 100
    let last = UnixTime(seconds: 1_000_000)

    @Test("delays grow after the free failures and cap at the last step", arguments: [
        (0, Int64(0)), (5, 0), (6, 1), (7, 2), (10, 16), (14, 300), (49, 300), (50, 900), (80, 900),
    ])
    func delays(_ failures: Int, _ expected: Int64) {
        #expect(policy.delaySeconds(afterFailures: failures) == expected)
    }

    @Test("decides with an injected now", arguments: [
        (0, Int64(0), nil as ErrorCode?), (5, 0, nil), (6, 0, .retryLater), (6, 1, nil), (10, 15, .retryLater),
        (10, 16, nil), (50, 899, .accountLocked), (50, 900, nil),
    ])
    func decide(_ failures: Int, _ elapsed: Int64, _ expected: ErrorCode?) {
        let decision = policy.decide(
            failures: failures, lastFailure: failures == 0 ? nil : last, now: last.adding(seconds: elapsed))
        #expect(decision.code == expected)
        #expect(decision.isAllowed == (expected == nil))
    }

    @Test("the account cap and the per-address rate are read from the policy")
    func newMembers() {
        #expect(policy.accountFailureCap == 100)
        #expect(policy.perAddressAttemptsPerMinute == 120)
        #expect(policy.accountFailureCap >= policy.lockoutAfterFailures)
    }

    @Test("an account is over its cap from the hundredth consecutive failure on", arguments: [
        (0, false), (50, false), (99, false), (100, true), (101, true), (500, true),
    ])
    func accountCap(_ failures: Int, _ expected: Bool) {
        #expect(policy.isOverAccountCap(consecutiveFailures: failures) == expected)
    }
}
