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

    @Test("a session is usable until its idle or absolute deadline, whichever comes first, and never once revoked",
          arguments: [
              // (idle deadline after login, absolute deadline after login, now after login, revoked, usable)
              (Int64(1_800), Int64(43_200), Int64(1_799), false, true), (1_800, 43_200, 1_800, false, false),
              (43_200, 43_200, 43_199, false, true), (43_200, 43_200, 43_200, false, false),
              (41_800, 43_200, 100, true, false),
          ])
    func usable(_ idle: Int64, _ absolute: Int64, _ now: Int64, _ revoked: Bool, _ usable: Bool) {
        let session = Session(tokenHash: [1], accountID: .random(using: SystemRandomSource()), purpose: .session,
                              createdAt: login, idleExpiresAt: login.adding(seconds: idle),
                              absoluteExpiresAt: login.adding(seconds: absolute),
                              revokedAt: revoked ? login.adding(seconds: 1) : nil)
        #expect(session.isUsable(at: login.adding(seconds: now)) == usable)
    }
}
