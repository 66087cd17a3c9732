import Foundation
import Synchronization

/// The guardians' changing credentials (session, refresh and access token), each
/// lent to one virtual user at a time: two users rotating one refresh token at once
/// would look like token theft to the server (reuse detection revokes the family).
final class GuardianPool: Sendable {
    struct Guardian: Sendable {
        let login: String
        let phone: String
        let studentID: String
        var session: String
        var refresh: String?
        var access: String?
        /// SMS codes requested for this phone (the registration's counts: one).
        var smsSent = 1
        var lastSMS: ContinuousClock.Instant?
        var busy = false
    }

    private let guardians: Mutex<[Guardian]>
    /// Codes per phone and hour the test spends at most (policy `otp.json`: 5 per
    /// destination and hour, and the registration took one).
    static let smsPerPhone = 5
    /// At least this long between two codes to one phone (the resend cooldown).
    static let smsSpacing: Duration = .seconds(61)

    init(_ seeds: [LoadWorld.GuardianSeed]) {
        // The registration code went out during the seeding: the cooldown runs from then.
        let seeded = ContinuousClock.now
        guardians = Mutex(seeds.map {
            Guardian(login: $0.login, phone: $0.phone, studentID: $0.studentID, session: $0.session, refresh: $0.refreshToken,
                     lastSMS: seeded)
        })
    }

    /// Lends a free guardian (starting at a random one), optionally one that may get an SMS code now.
    func checkout(startingAt start: Int, forSMS: Bool = false) -> (Int, Guardian)? {
        guardians.withLock { guardians in
            let now = ContinuousClock.now
            for offset in 0..<guardians.count {
                let index = (start + offset) % guardians.count
                var guardian = guardians[index]
                guard !guardian.busy else { continue }
                if forSMS {
                    guard guardian.smsSent < Self.smsPerPhone else { continue }
                    if let last = guardian.lastSMS, last.duration(to: now) < Self.smsSpacing { continue }
                }
                guardian.busy = true
                guardians[index] = guardian
                return (index, guardian)
            }
            return nil
        }
    }

    func checkin(_ index: Int, _ guardian: Guardian) {
        var returned = guardian
        returned.busy = false
        guardians.withLock { $0[index] = returned }
    }

    var count: Int { guardians.withLock { $0.count } }
}

/// SplitMix64: a seeded generator whose seed the tests print.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
