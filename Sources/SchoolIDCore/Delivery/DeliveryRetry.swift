import SchoolIDBase

/// The outbox's retry rules: exponential backoff, a cap, a last attempt.
///
/// Pure functions over ``OutboxMessage`` so that the dispatcher only decides which one
/// applies. Why a cap: an SMS code lives 10 minutes, so retrying for days only costs
/// money; ten attempts span about 17 minutes.
public enum DeliveryRetry {
    /// After this many failed attempts a message is `failed`.
    public static let maximumAttempts = 10
    /// The longest wait between two attempts (one hour).
    public static let maximumDelay: Int64 = 3600

    /// The wait after the `attempts`-th failure: 2^attempts seconds, at most an hour.
    public static func delay(afterAttempts attempts: Int) -> Int64 {
        attempts >= 12 ? maximumDelay : min(maximumDelay, Int64(1) << Int64(max(0, attempts)))
    }

    /// Records a confirmed delivery: `sent`, and the body erased.
    public static func markSent(_ message: inout OutboxMessage, at now: UnixTime) {
        message.status = .sent
        message.sentAt = now
        message.body = nil
        message.lastError = nil
    }

    /// Records a failure worth retrying: one more attempt, the next one after the
    /// backoff, or `failed` (body erased) once ``maximumAttempts`` is reached.
    public static func markRetryable(_ message: inout OutboxMessage, reason: String, at now: UnixTime) {
        message.attempts += 1
        message.lastError = reason
        if message.attempts >= maximumAttempts {
            message.status = .failed
            message.body = nil
        } else {
            message.nextAttemptAt = now.adding(seconds: delay(afterAttempts: message.attempts))
        }
    }

    /// Records a refusal that no retry can fix (a 4xx): `failed`, body erased.
    public static func markPermanent(_ message: inout OutboxMessage, reason: String) {
        message.attempts += 1
        message.lastError = reason
        message.status = .failed
        message.body = nil
    }

    /// Records a decoy's end: `dropped` without sending, body erased.
    public static func markDropped(_ message: inout OutboxMessage) {
        message.status = .dropped
        message.body = nil
    }
}
