import SchoolIDBase

/// Failed attempts recorded for one throttling key: the blind index of a (normalised
/// login, client address) pair, so that unknown logins are counted exactly like known
/// ones and no login appears in clear.
public struct FailureCounter: Hashable, Sendable {
    /// The key (an HMAC digest).
    public var key: [UInt8]
    /// Consecutive failures.
    public var failures: Int
    /// When the last failure happened.
    public var lastFailureAt: UnixTime

    public init(key: [UInt8], failures: Int, lastFailureAt: UnixTime) {
        self.key = key
        self.failures = failures
        self.lastFailureAt = lastFailureAt
    }
}
