import SchoolIDBase
import Synchronization

/// Attempts per client address per minute, across all logins (a token bucket per
/// address, refilled continuously).
///
/// Sized by policy for a classroom behind one NAT (≥ 60 attempts a minute), it stops
/// one address from spraying passwords over many logins, which the per-login counters
/// alone would allow. It is in memory on the monotonic clock (STYLE §4.1: short
/// in-memory throttles); a restart forgets it, which only costs an attacker a minute.
public final class AddressRateLimiter<C: Clock>: Sendable where C.Duration == Duration {
    private struct Bucket {
        var tokens: Double
        var updated: C.Instant
    }

    private let clock: C
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Beyond this many tracked addresses, full buckets are forgotten.
    private let pruneThreshold: Int

    public init(clock: C, pruneThreshold: Int = 100_000) {
        self.clock = clock
        self.pruneThreshold = pruneThreshold
    }

    /// Takes one attempt for `address` at a rate of `perMinute`.
    /// - Returns: `nil` when allowed, else the seconds to wait.
    public func take(_ address: String, perMinute: Int) -> Int64? {
        let now = clock.now
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let seconds = elapsed.secondsValue
            bucket.tokens = min(capacity, bucket.tokens + max(0, seconds) * perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return Int64(((1 - bucket.tokens) / perSecond).rounded(.up))
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            if buckets.count > pruneThreshold {
                buckets = buckets.filter { $0.value.tokens < capacity - 1 }
            }
            return nil
        }
    }
}

extension AddressRateLimiter {
    /// Whether `address` is out of attempts at a rate of `perMinute`, without taking one.
    /// - Returns: `nil` when an attempt would be allowed, else the seconds to wait.
    public func retryAfter(_ address: String, perMinute: Int) -> Int64? {
        let now = clock.now
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return buckets.withLock { buckets in
            guard let bucket = buckets[address] else { return nil }
            let tokens = min(capacity, bucket.tokens + max(0, bucket.updated.duration(to: now).secondsValue) * perSecond)
            return tokens >= 1 ? nil : Int64(((1 - tokens) / perSecond).rounded(.up))
        }
    }
}

extension AddressRateLimiter where C == ContinuousClock {
    /// A limiter on the process's monotonic clock.
    public convenience init() { self.init(clock: ContinuousClock()) }
}
