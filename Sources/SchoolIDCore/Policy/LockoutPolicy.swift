import SchoolIDJOSE
import SchoolIDBase

/// `lockout.json`: throttling of failed password and code attempts per account.
///
/// NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failures before the authenticator
/// is disabled, with delays before that. After `free_failures`, each failure imposes the
/// next delay of the backoff schedule (the last one repeats); after
/// `lockout_after_failures` the account is locked for `lockout_seconds`. A lockout is
/// temporary so that an attacker cannot lock a child out for good (ASVS 5.0 V6.1.1:
/// "prevent malicious account lockout"). Counters live in the database with wall-clock
/// timestamps and reset on success.
public struct LockoutPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "lockout.json"

    /// Consecutive failures allowed without delay.
    public let freeFailures: Int
    /// Delays after each further failure, in seconds, non-decreasing; the last repeats.
    public let backoffSeconds: [Int64]
    /// Consecutive failures that lock the account.
    public let lockoutAfterFailures: Int
    /// How long a lockout lasts, in seconds.
    public let lockoutSeconds: Int64

    /// The wait imposed after `failures` consecutive failures: 0 while free, the
    /// backoff step after that, the lockout duration once locked.
    public func delaySeconds(afterFailures failures: Int) -> Int64 {
        if failures >= lockoutAfterFailures { return lockoutSeconds }
        guard failures > freeFailures else { return 0 }
        return backoffSeconds[min(failures - freeFailures - 1, backoffSeconds.count - 1)]
    }

    /// Decides whether another attempt may be made now. Pure; `now` has no default.
    /// - Parameters:
    ///   - failures: consecutive failures recorded for the account.
    ///   - lastFailure: when the last one happened (`nil` when `failures` is 0).
    ///   - now: the current wall time.
    /// - Returns: allow, or deny with `.accountLocked` / `.retryLater` and the time to wait.
    public func decide(failures: Int, lastFailure: UnixTime?, now: UnixTime) -> Decision {
        let delay = delaySeconds(afterFailures: failures)
        guard delay > 0, let lastFailure else { return .allow("\(failures) consecutive failures, no delay") }
        let until = lastFailure.adding(seconds: delay)
        guard now < until else { return .allow("\(failures) consecutive failures, delay of \(delay) s elapsed") }
        if failures >= lockoutAfterFailures {
            return .deny(.accountLocked, "locked after \(failures) failures until \(until)")
        }
        return .deny(.retryLater, "\(failures) consecutive failures: wait until \(until)")
    }
}

extension LockoutPolicy {
    /// Decodes and validates `lockout.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        freeFailures = try root.int("free_failures", in: 1...20)
        let steps = try root.integers("backoff_seconds", in: 1...3_600)
        backoffSeconds = steps
        guard !steps.isEmpty else { throw root.error("backoff_seconds", "must not be empty") }
        if let index = steps.indices.dropFirst().first(where: { steps[$0] < steps[$0 - 1] }) {
            throw PolicyError(
                file: Self.fileName, pointer: "/backoff_seconds/\(index)", rule: "must not be less than the previous step")
        }
        lockoutAfterFailures = try root.int("lockout_after_failures", in: 2...100)
        guard lockoutAfterFailures > freeFailures else {
            throw root.error("lockout_after_failures", "must be greater than free_failures")
        }
        lockoutSeconds = try root.integer("lockout_seconds", in: 60...86_400)
        try root.finish()
    }
}
