import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Step-up SMS brute force (issue 12): someone holding a guardian's session (a
/// borrowed phone, a stolen cookie) asks for step-up SMS codes (`POST /v1/step-up/sms`,
/// which gates a phone change and the other sensitive actions) and guesses them
/// (`POST /v1/step-up/sms/confirm`) for a whole day of the manual clock, asking again
/// whenever the server lets them.
///
/// SMS step-up codes are limited by their challenge (``StepUpService``): a wrong code
/// spends one of `max_attempts`, the last one burns the code (`code_exhausted`), and
/// every new code counts against the phone's send quotas (`otp.json`: 60 s between
/// sends, 5 per hour, 10 per day). The guesses and the bound are counted as in
/// ``OTPBruteForceTests`` (whose `exhaust` drives each code): per phone per day at most
/// `per_day × max_attempts` guesses, over 10^length codes.
@Suite(.serialized) struct StepUpBruteForceTests {
    static let flow = OTPBruteForceTests.Flow(
        name: "SMS step-up", phone: FactorFixture.phone, existingAccount: true,
        start: { session in
            let response = try await session.post("/v1/step-up/sms")
            return (response.status == 202 ? response.string("challenge_id") : nil, response)
        },
        guess: { session, id, code in
            try await session.post("/v1/step-up/sms/confirm", json: ["challenge_id": id, "code": code])
        },
        resend: { session, _ in try await session.post("/v1/step-up/sms") })

    /// What one day of guessing came to.
    struct Day: Sendable {
        var codes = Set<String>()
        var perCode: [Int] = []
        var refusals: [String: Int] = [:]
        /// Sessions opened: the first and one each time the last one idled out.
        var sessions = 1
        /// The newest session.
        var session: APIClient
    }

    @Test("guesses per step-up SMS code stay at max_attempts, and per phone per day at per_day × max_attempts")
    func smsStepUpBruteForce() async throws {
        try await FactorFixture.run { fixture in
            let otp = fixture.environment.policies.otp
            let guardianID = try await fixture.guardian("parent.petrova")
            let day = try await Self.guessForOneDay(fixture, guardianID: guardianID)

            // No session got its step-up: the gated action is still refused (a fresh session:
            // the last one may have idled out in the last wait).
            let session = try await fixture.client(guardianID)
            let gated = try await session.post("/v1/me/phone", json: ["value": "+79165550102",
                                                                      "current_password": RecoveryFixture.password])
            #expect(gated.status == 403 && gated.errorCode == "step_up_required", "\(gated.text)")
            let guesses = day.perCode.reduce(0, +)
            let bound = otp.perDestination.perDay * otp.maxAttempts
            let space = pow(10, Double(otp.length))
            #expect(day.codes.count <= otp.perDestination.perDay, "step-up codes sent to the phone in one day")
            #expect(day.perCode.allSatisfy { $0 == otp.maxAttempts }, "guesses checked per code: \(day.perCode)")
            #expect(guesses <= bound)
            #expect(Double(guesses) / space < OTPBruteForceTests.threshold)
            #expect(Double(bound) / space < OTPBruteForceTests.threshold)
            let refusals = day.refusals.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            print(String(format: "step-up brute force (%@): %d guesses checked on %d codes in one day (per code max %d, "
                         + "each then burnt: code_exhausted even for the right code); sends refused: %@; sessions opened %d (idle_seconds ends one while the quota waits); measured "
                         + "success probability %d / 10^%d = %.1e; policy bound %d/day = per_day %d × max_attempts %d, "
                         + "%.1e (threshold %.0e); the gated phone change still answers 403 step_up_required",
                         Self.flow.name, guesses, day.perCode.count, day.perCode.max() ?? 0, refusals, day.sessions,
                         guesses, otp.length, Double(guesses) / space, bound, otp.perDestination.perDay, otp.maxAttempts,
                         Double(bound) / space, OTPBruteForceTests.threshold))
        }
    }

    /// Asks for a code whenever the server lets it and guesses it until burnt, for one
    /// day of the manual clock (waiting out each refusal's Retry-After). The worst case:
    /// the attacker also knows the password and opens a new session whenever the last one
    /// idled out while the quota made them wait.
    static func guessForOneDay(_ fixture: FactorFixture, guardianID: Account.ID) async throws -> Day {
        let clock = fixture.server.clock
        let dayEnds = clock.now().adding(seconds: 86_400)
        let cooldown = fixture.environment.policies.otp.resendCooldownSeconds
        var day = Day(session: try await fixture.client(guardianID))
        var next = 0
        while clock.now() < dayEnds {
            let session = day.session
            let (started, response) = try await flow.start(session)
            if response.status == 401 && response.errorCode == "unauthorized" {
                day.session = try await fixture.client(guardianID)
                day.sessions += 1
                continue
            }
            guard let challengeID = started else {
                #expect(response.status == 429, "\(response.text)")
                day.refusals[response.errorCode ?? "?", default: 0] += 1
                let wait = response.header("Retry-After").flatMap { Int64($0) }
                try #require(wait != nil, "a refusal without Retry-After: \(response.text)")
                clock.advance(seconds: max(wait ?? 1, 1))
                continue
            }
            _ = try await fixture.server.application.dispatcher.runOnce()
            let sms = try await fixture.world.sms(to: flow.phone, after: day.codes.count)
            let code = try #require(DeliveryWorld.code(in: sms.text))
            day.codes.insert(code)
            day.perCode.append(try await OTPBruteForceTests.exhaust(flow, id: challengeID, client: session,
                                                                    avoiding: day.codes, next: &next))
            // A burnt code stays burnt, even for the right code.
            let burnt = try await flow.guess(session, challengeID, code)
            #expect(burnt.errorCode == "code_exhausted", "\(burnt.text)")
            clock.advance(seconds: cooldown)
        }
        return day
    }

    /// What guessing TOTP step-up codes came to.
    struct TOTPRun: Sendable {
        var checked = 0
        /// Guesses checked before the first address was throttled.
        var firstThrottleAfter: Int?
        var addresses = 1
        var ended: APIResponse?
    }

    @Test("TOTP step-up guesses share the login counters: 429 after the free failures, and the account cap ends them across addresses")
    func totpStepUpBruteForce() async throws {
        // Loopback is a trusted proxy, so the attacker can come from many addresses.
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let fixture = FactorFixture(world: world)
            let lockout = fixture.environment.policies.lockout
            let window = fixture.environment.policies.secondFactor.totp.windowSteps
            let guardianID = try await fixture.guardian("parent.petrova")
            let (secret, _) = try await fixture.enrolTOTP(guardianID)
            let run = try await Self.guessTOTP(fixture, guardianID: guardianID, secret: secret)

            #expect(run.firstThrottleAfter == lockout.freeFailures + 1, "the first address's free failures, then 429")
            #expect(run.checked == lockout.accountFailureCap, "guesses checked before the account cap")
            #expect(run.ended?.status == 403 && run.ended?.errorCode == "account_locked", "\(run.ended?.text ?? "-")")
            #expect(try await fixture.account(guardianID).lockedAt != nil)
            let right = try await fixture.client(guardianID).from("203.0.113.250")
                .post("/v1/step-up", json: ["code": fixture.code(secret)])
            #expect(right.status == 403 && right.errorCode == "account_locked", "a locked account proved its step-up: \(right.text)")
            let accepted = 2 * window + 1
            print(String(format: "step-up brute force (TOTP, from %d addresses): %d guesses checked until the account "
                         + "cap (%d) locked the account; each address answered 429 retry_later after %d (free_failures "
                         + "%d + 1); then 403 account_locked, even for the right code; success probability %d × %d codes "
                         + "accepted (window ±%d) / 10^6 = %.1e per lockout, until recovery or a staff unlock",
                         run.addresses, run.checked, lockout.accountFailureCap, run.firstThrottleAfter ?? 0,
                         lockout.freeFailures, run.checked, accepted, window, Double(run.checked * accepted) / 1e6))
        }
    }

    /// Guesses wrong TOTP codes (never one of the window's) from one address until it
    /// is throttled, then from the next, until the server stops checking them (or 1,000
    /// guesses, to bound a failing run).
    static func guessTOTP(_ fixture: FactorFixture, guardianID: Account.ID, secret: [UInt8]) async throws -> TOTPRun {
        let now = fixture.server.clock.now()
        let window = Int64(fixture.environment.policies.secondFactor.totp.windowSteps)
        let valid = Set((-window...window).map { TOTP.standard.code(secret: secret, at: now.adding(seconds: $0 * 30)) })
        let session = try await fixture.client(guardianID)
        var run = TOTPRun()
        var checkedHere = 0
        var next = 0
        while run.checked < 1_000 {
            while valid.contains(String(format: "%06d", next)) { next += 1 }
            let address = "198.51.\(100 + run.addresses / 250).\(run.addresses % 250 + 1)"
            let answer = try await session.from(address).post("/v1/step-up", json: ["code": String(format: "%06d", next)])
            #expect(answer.status != 200, "a wrong TOTP code was accepted")
            switch (answer.status, answer.errorCode) {
            case (401, "code_invalid"):
                run.checked += 1
                checkedHere += 1
                next += 1
            case (429, "retry_later"):
                if run.firstThrottleAfter == nil { run.firstThrottleAfter = checkedHere }
                #expect(answer.header("Retry-After") != nil)
                run.addresses += 1
                checkedHere = 0
            default:
                run.ended = answer
                return run
            }
        }
        return run
    }
}
