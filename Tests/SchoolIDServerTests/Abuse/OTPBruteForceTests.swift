import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// OTP brute force (issue 12): an attacker guessing the 6-digit SMS code of a
/// registration or a password recovery, resending and starting over for as long as
/// the server lets them, within one day of the manual clock (`otp.json` of the test
/// profile: 5 attempts per code, a resend keeps the attempts left, 60 s between sends,
/// 5 sends per phone per hour and 10 per day).
///
/// The guesses are 000000, 000001, … skipping the code the fake gateway received (so
/// the outcome does not hang on a lucky seed); what is measured is how many guesses
/// the server checks. The bound per phone per day is `per_day × max_attempts`, and the
/// chance of success within it is that many guesses over 10^length codes.
@Suite(.serialized) struct OTPBruteForceTests {
    /// The success probability per phone per day must stay below this (1 in 10,000).
    static let threshold = 1e-4
    static let address = "198.51.100.77"

    /// One flow that confirms a phone with an SMS code, as the attacker drives it.
    struct Flow: Sendable, CustomTestStringConvertible {
        let name: String
        let phone: String
        /// Whether the phone belongs to an account (recovery) or is new (registration).
        let existingAccount: Bool
        /// Starts a flow; its id, or `nil` with the refusal.
        let start: @Sendable (APIClient) async throws -> (id: String?, response: APIResponse)
        /// Sends one guess; the answer.
        let guess: @Sendable (APIClient, String, String) async throws -> APIResponse
        /// Asks for a new code.
        let resend: @Sendable (APIClient, String) async throws -> APIResponse
        var testDescription: String { name }
    }

    static let flows = [
        Flow(name: "registration", phone: "+79161110001", existingAccount: false,
             start: { client in
                 let response = try await client.post("/v1/registrations", json: [
                     "last_name": "Иванова", "first_name": "Мария", "phone": "+79161110001",
                     "password": "correct horse battery staple 42", "consent_version": 1,
                 ])
                 return (response.status == 201 ? response.string("registration_id") : nil, response)
             },
             guess: { client, id, code in try await client.post("/v1/registrations/\(id)/confirm", json: ["code": code]) },
             resend: { client, id in try await client.post("/v1/registrations/\(id)/resend") }),
        Flow(name: "password recovery", phone: "+79161110002", existingAccount: true,
             start: { client in
                 let response = try await client.post("/v1/recovery/password", json: ["identifier": "+79161110002"])
                 return (response.status == 202 ? response.string("flow_id") : nil, response)
             },
             guess: { client, id, code in
                 try await client.post("/v1/recovery/password/confirm", json: [
                     "flow_id": id, "sms_code": code, "new_password": "fresh-Meadow-compass-93",
                 ])
             },
             resend: { client, id in try await client.post("/v1/recovery/password/resend", json: ["flow_id": id]) }),
    ]

    /// Guesses until the code is refused for good; the number of guesses the server checked.
    static func exhaust(_ flow: Flow, id: String, client: APIClient, avoiding real: Set<String>,
                        next: inout Int) async throws -> Int {
        var checked = 0
        while true {
            while real.contains(String(format: "%06d", next)) { next += 1 }
            let answer = try await flow.guess(client, id, String(format: "%06d", next))
            next += 1
            #expect(answer.status != 200 && answer.status != 201, "a wrong guess was accepted")
            if answer.errorCode == "code_invalid" { checked += 1; continue }
            if answer.errorCode == "code_exhausted" {
                // The guess that spends the last attempt answers code_exhausted itself (it was checked);
                // every later one is refused without a check.
                checked += 1
                let again = try await flow.guess(client, id, String(format: "%06d", next))
                #expect(again.errorCode == "code_exhausted")
                return checked
            }
            Issue.record("unexpected answer to a guess: \(answer.status) \(answer.text)")
            return checked
        }
    }

    @Test("guesses per code stay at max_attempts across resends, and per phone per day at per_day × max_attempts",
          arguments: flows)
    func bruteForce(flow: Flow) async throws {
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let environment = world.server.application.environment
            let otp = environment.policies.otp
            if flow.existingAccount {
                _ = try await AdultAccount.create(in: environment, login: "target.parent", password: "old-Harbour-lantern-7",
                                                  phone: flow.phone)
            }
            let client = APIClient(world.server).from(Self.address)
            let clock = world.server.clock
            let dayEnds = clock.now().adding(seconds: 86_400)
            var next = 0, real = Set<String>(), perCode: [Int] = [], refusedStarts = 0

            /// The newest code the gateway received for the phone (the dispatcher is run at once).
            func awaitCode() async throws -> String {
                _ = try await world.server.application.dispatcher.runOnce()
                let sms = try await world.sms(to: flow.phone, after: real.count)
                let code = try #require(DeliveryWorld.code(in: sms.text))
                real.insert(code)
                return code
            }

            // The first code: guesses between resends; the resends buy no more guesses.
            let (firstID, firstStart) = try await flow.start(client)
            let id = try #require(firstID, "\(firstStart.text)")
            _ = try await awaitCode()
            var checkedFirst = 0
            for _ in 0..<2 {
                let answer = try await flow.guess(client, id, String(format: "%06d", next))
                next += 1
                #expect(answer.errorCode == "code_invalid")
                checkedFirst += 1
                clock.advance(seconds: otp.resendCooldownSeconds)
                let resent = try await flow.resend(client, id)
                #expect(resent.status == 200 || resent.status == 202, "\(resent.text)")
                _ = try await awaitCode()
            }
            checkedFirst += try await Self.exhaust(flow, id: id, client: client, avoiding: real, next: &next)
            perCode.append(checkedFirst)
            #expect(checkedFirst == otp.maxAttempts, "guesses checked on one code across 2 resends")
            clock.advance(seconds: otp.resendCooldownSeconds)

            // Then one new flow per send for the rest of the day.
            var silentFlows = 0, guessesWithoutCode = 0
            while clock.now() < dayEnds {
                let (started, response) = try await flow.start(client)
                guard let started else {
                    #expect(response.status == 429 && response.errorCode == "retry_later", "\(response.text)")
                    let wait = try #require(response.header("Retry-After").flatMap { Int64($0) })
                    refusedStarts += 1
                    clock.advance(seconds: max(wait, 1))
                    continue
                }
                _ = try await world.server.application.dispatcher.runOnce()
                if world.smsCount(to: flow.phone) > real.count {
                    _ = try await awaitCode()
                    perCode.append(try await Self.exhaust(flow, id: started, client: client, avoiding: real, next: &next))
                } else {
                    // Recovery answers alike when the quota holds the code back: nothing to guess.
                    silentFlows += 1
                    guessesWithoutCode += try await Self.exhaust(flow, id: started, client: client, avoiding: real, next: &next)
                    clock.advance(seconds: 3_600)
                }
                clock.advance(seconds: otp.resendCooldownSeconds)
            }
            let sendsInDay = real.count
            let guessesOnRealCodes = perCode.reduce(0, +)
            let bound = otp.perDestination.perDay * otp.maxAttempts
            let space = pow(10, Double(otp.length))
            let probability = Double(guessesOnRealCodes) / space
            #expect(sendsInDay == otp.perDestination.perDay, "codes sent to the phone in one day")
            #expect(guessesOnRealCodes == (sendsInDay - 2) * otp.maxAttempts, "2 of the sends were resends of the first code")
            #expect(perCode.allSatisfy { $0 <= otp.maxAttempts })
            #expect(guessesOnRealCodes <= bound)
            #expect(Double(bound) / space < Self.threshold)
            print(String(format: "otp brute force %@: %d guesses checked on %d codes (%d SMS in one day, 2 of them "
                         + "resends), per code max %d, %d starts refused 429, %d flows without a code (%d guesses, "
                         + "none can succeed); measured success probability %d / 10^%d = %.1e; policy bound %d/day "
                         + "= per_day %d × max_attempts %d, %.1e (threshold %.0e)",
                         flow.name, guessesOnRealCodes, perCode.count, sendsInDay, perCode.max() ?? 0, refusedStarts,
                         silentFlows, guessesWithoutCode, guessesOnRealCodes, otp.length, probability, bound,
                         otp.perDestination.perDay, otp.maxAttempts, Double(bound) / space, Self.threshold))
        }
    }
}
