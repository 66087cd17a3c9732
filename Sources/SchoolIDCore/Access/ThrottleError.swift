/// A refusal to try again before a delay: answered as 429 with `Retry-After`.
public struct ThrottleError: Error, Sendable, Hashable {
    /// `.retryLater` (or `.accountLocked` for a temporary lock).
    public let code: ErrorCode
    /// Seconds until another attempt may be made (at least 1).
    public let retryAfterSeconds: Int64

    public init(_ code: ErrorCode, retryAfterSeconds: Int64) {
        self.code = code
        self.retryAfterSeconds = max(1, retryAfterSeconds)
    }
}
