import SchoolIDJOSE
import SchoolIDBase

/// `lockout.json`: throttling of failed password and code attempts.
///
/// Three counters, all in the database with wall-clock timestamps:
///
/// - **Per (normalised login, client address) pair**: after `free_failures`, each
///   failure imposes the next delay of the backoff schedule (the last one repeats);
///   after `lockout_after_failures` the pair is locked for `lockout_seconds`. Keyed by
///   the login as typed (normalised), whether or not it exists, so unknown logins
///   throttle exactly like known ones. Keyed by address too, so an attacker elsewhere
///   cannot lock a child out of the classroom (ASVS 5.0 V6.1.1: "prevent malicious
///   account lockout"). Reset on success.
/// - **Per account, across all addresses**: after `account_failure_cap` consecutive
///   failures the account is locked until recovery or a staff unlock (NIST SP
///   800-63B-4 §3.2.2: no more than 100 consecutive failed attempts). Reset on success.
/// - **Per client address, across all logins**: at most
///   `per_address_attempts_per_minute` attempts, sized for a classroom of children
///   behind one NAT address.
public struct LockoutPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "lockout.json"

    /// Consecutive failures per (login, address) pair allowed without delay.
    public let freeFailures: Int
    /// Delays after each further failure of a pair, in seconds, non-decreasing; the last repeats.
    public let backoffSeconds: [Int64]
    /// Consecutive failures that lock a (login, address) pair.
    public let lockoutAfterFailures: Int
    /// How long a pair's lockout lasts, in seconds.
    public let lockoutSeconds: Int64
    /// Consecutive failures of one account, from any address, after which the account
    /// stays locked until recovery or a staff unlock (10 … 100, at least
    /// `lockoutAfterFailures`).
    public let accountFailureCap: Int
    /// Attempts one client address may make per minute across all logins (60 … 10,000).
    public let perAddressAttemptsPerMinute: Int

    /// The wait imposed on a (login, address) pair after `failures` consecutive
    /// failures: 0 while free, the backoff step after that, the lockout duration once locked.
    public func delaySeconds(afterFailures failures: Int) -> Int64 {
        if failures >= lockoutAfterFailures { return lockoutSeconds }
        guard failures > freeFailures else { return 0 }
        return backoffSeconds[min(failures - freeFailures - 1, backoffSeconds.count - 1)]
    }

    /// Decides whether a (login, address) pair may make another attempt now. Pure;
    /// `now` has no default.
    /// - Parameters:
    ///   - failures: consecutive failures recorded for the pair.
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

    /// Whether an account has reached the global cap and must stay locked until
    /// recovery or a staff unlock (NIST SP 800-63B-4 §3.2.2).
    /// - Parameter consecutiveFailures: consecutive failures of the account from every address.
    /// - Returns: `true` from `accountFailureCap` failures on.
    public func isOverAccountCap(consecutiveFailures: Int) -> Bool {
        consecutiveFailures >= accountFailureCap
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
        accountFailureCap = try root.int("account_failure_cap", in: 10...100)
        guard accountFailureCap >= lockoutAfterFailures else {
            throw root.error("account_failure_cap", "must not be less than lockout_after_failures")
        }
        perAddressAttemptsPerMinute = try root.int("per_address_attempts_per_minute", in: 60...10_000)
        try root.finish()
    }
}
