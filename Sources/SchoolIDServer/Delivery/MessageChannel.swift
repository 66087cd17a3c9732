import SchoolIDCore

/// What one delivery attempt came to, as the dispatcher needs it.
public enum DeliveryResult: Sendable, Hashable {
    /// The gateway accepted the message (an SMS aggregator's 2xx, an SMTP 250).
    case delivered
    /// Worth trying again later (5xx, timeout, connection error); the text says why and
    /// never holds content.
    case retryable(String)
    /// Refused for good (4xx: bad number, bad token); the text says why.
    case permanent(String)
}

/// An adapter that hands messages of one channel to the outside world (SMS over HTTP,
/// email over SMTP, the demo file sink).
///
/// `send` never throws: every outcome is a ``DeliveryResult``, so the dispatcher's
/// bookkeeping is the same for every adapter. Adapters must pass
/// ``OutgoingMessage/id`` along as the idempotency key when their transport has one:
/// delivery is at-least-once.
public protocol MessageChannel: Sendable {
    /// Makes one attempt to deliver `message`.
    /// - Returns: what came of it.
    func send(_ message: OutgoingMessage) async -> DeliveryResult
}
