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
}
