import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct StepUpTests {
    static let login = UnixTime(seconds: 1_790_000_000)

    /// The test profile with `enforce_step_up` on (and `step_up_seconds` 300).
    static let enforced: SecondFactorPolicy = {
        let profile = try! PolicyFixtureDirectory(replacing: SecondFactorPolicy.fileName, with: """
            {"version": 1, "mandatory_roles": ["teacher", "school_admin", "platform_admin"], "sms_factor_enabled": true,
             "step_up_seconds": 300, "enforce_step_up": true,
             "totp": {"digits": 6, "period_seconds": 30, "window_steps": 1}}
            """)
        defer { profile.remove() }
        return try! PolicySet.load(directory: profile.url).secondFactor
    }()

    static func actor(secondFactorAt: Int64?, purpose: Session.Purpose = .session, revoked: Bool = false) -> Actor {
        let random = SeededRandomSource(seed: 7)
        let account = Account(id: .random(using: random), category: .adult, login: Login(rawValue: "admin")!,
                              profile: [], createdAt: login)
        let session = Session(tokenHash: random.bytes(count: 32), accountID: account.id, purpose: purpose,
                              createdAt: login, idleExpiresAt: login.adding(seconds: 1_800),
                              absoluteExpiresAt: login.adding(seconds: 43_200),
                              revokedAt: revoked ? login.adding(seconds: 1) : nil,
                              amr: secondFactorAt == nil ? ["pwd"] : ["pwd", "otp"],
                              secondFactorAt: secondFactorAt.map { login.adding(seconds: $0) })
        return Actor(account: account, memberships: [StaffMembership(accountID: account.id, role: .platformAdmin,
                                                                     schoolID: nil, createdAt: login)],
                     taughtClasses: [], session: session)
    }

    @Test("step-up passes while the last second factor is at most step_up_seconds old", arguments: [
        // (second factor proven at, now; seconds after login; passes)
        (Int64?.none, Int64(10), false),
        (0, 0, true), (0, 300, true), (0, 301, false),
        (100, 399, true), (100, 400, true), (100, 401, false),
        (500, 400, false),  // proven "after" now: never trusted
    ] as [(Int64?, Int64, Bool)])
    func freshness(_ provenAt: Int64?, _ now: Int64, _ passes: Bool) throws {
        let clock = ManualWallClock(Self.login)
        clock.advance(seconds: now)
        let actor = Self.actor(secondFactorAt: provenAt)
        if passes {
            try StepUp.require(actor, policy: Self.enforced, now: clock.now())
        } else {
            #expect(throws: DomainError(.stepUpRequired)) {
                try StepUp.require(actor, policy: Self.enforced, now: clock.now())
            }
        }
        #expect(StepUp.isFresh(actor.session, policy: Self.enforced, now: clock.now()) == passes)
    }

    @Test("a fresh factor does not help a ticket, a revoked session or an actor without a session")
    func onlyUsableSessions() {
        let now = Self.login.adding(seconds: 10)
        let actors = [Self.actor(secondFactorAt: 5, purpose: .secondFactor), Self.actor(secondFactorAt: 5, purpose: .factorEnrolment),
                      Self.actor(secondFactorAt: 5, revoked: true)]
        for actor in actors {
            #expect(throws: DomainError(.stepUpRequired)) { try StepUp.require(actor, policy: Self.enforced, now: now) }
        }
        let bare = Self.actor(secondFactorAt: nil)
        let sessionless = Actor(account: bare.account, memberships: bare.memberships, taughtClasses: [], session: nil)
        #expect(throws: DomainError(.stepUpRequired)) { try StepUp.require(sessionless, policy: Self.enforced, now: now) }
    }

    @Test("the command line always passes; a person without a fresh factor does not")
    func principals() throws {
        let now = Self.login.adding(seconds: 10_000)
        try StepUp.require(Principal.commandLine, policy: Self.enforced, now: now)
        #expect(throws: DomainError(.stepUpRequired)) {
            try StepUp.require(Principal.person(Self.actor(secondFactorAt: 0)), policy: Self.enforced, now: now)
        }
    }

    @Test("with enforce_step_up off (the test profile) nothing is checked")
    func notEnforced() throws {
        try StepUp.require(Self.actor(secondFactorAt: nil), policy: TestPolicies.set.secondFactor, now: Self.login)
    }

    @Test("step_up_required is a 403-class error whose message says to prove a factor or an SMS code again")
    func message() {
        #expect(ErrorCode.stepUpRequired.rawValue == "step_up_required")
        #expect(ErrorCode.stepUpRequired.message(in: .english).contains("SMS code"))
        #expect(ErrorCode.stepUpRequired.message(in: .english).contains("authenticator"))
    }

    @Test("new sessions start at password strength; tickets of every purpose are tickets")
    func defaults() {
        let session = Session(tokenHash: [1], accountID: Self.actor(secondFactorAt: nil).account.id, purpose: .session,
                              createdAt: Self.login, idleExpiresAt: Self.login, absoluteExpiresAt: Self.login)
        #expect(session.amr == ["pwd"] && session.acr == Session.singleFactorACR && session.secondFactorAt == nil)
        #expect(Session.Purpose.allCases.filter(\.isTicket) == [.passwordChange, .secondFactor, .factorEnrolment, .consent])
        #expect(Session.Purpose.secondFactor.rawValue == "second_factor")
        #expect(Session.Purpose.factorEnrolment.rawValue == "factor_enrolment")
    }
}
