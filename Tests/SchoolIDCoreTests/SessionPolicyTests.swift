import SchoolIDBase
import SchoolIDCore
import Testing

@Suite struct SessionPolicyTests {
    let policy = TestPolicies.set.sessions  // idle 1800 s, absolute 43200 s, ticket 600 s
    let login = UnixTime(seconds: 1_000_000)

    @Test("the test profile carries the shipped lifetimes")
    func lifetimes() {
        #expect(policy.idleSeconds == 1_800)
        #expect(policy.absoluteSeconds == 43_200)
        #expect(policy.passwordChangeTicketSeconds == 600)
    }

    @Test("a session expires when idle or at its absolute lifetime, whichever comes first", arguments: [
        // (last use after login, now after login, expired)
        (Int64(0), Int64(1_799), false), (0, 1_800, true),
        (40_000, 41_799, false), (40_000, 41_800, true),
        (42_000, 43_199, false), (42_000, 43_200, true),  // absolute wins over idle
        (43_199, 43_200, true),
    ])
    func expiry(_ lastUse: Int64, _ now: Int64, _ expired: Bool) {
        let decision = policy.isExpired(
            createdAt: login, lastUsedAt: login.adding(seconds: lastUse), now: login.adding(seconds: now))
        #expect(decision == expired)
    }

    @Test("the expiry instant is the earlier deadline")
    func expiryInstant() {
        #expect(policy.expiry(createdAt: login, lastUsedAt: login) == login.adding(seconds: 1_800))
        #expect(policy.expiry(createdAt: login, lastUsedAt: login.adding(seconds: 42_000)) == login.adding(seconds: 43_200))
    }
}
