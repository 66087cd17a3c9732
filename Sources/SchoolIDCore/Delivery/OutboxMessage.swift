import SchoolIDBase

/// One SMS or email waiting in the durable outbox, or the record of its delivery.
///
/// The outbox row is written in the same unit of work as whatever caused it (a challenge,
/// a notice), so a committed request always has its message and a rolled-back one never
/// sends. ``destination`` and ``body`` are serialized ``SealedField``s under the keyring's
/// current `data` key (contexts `outbox.destination.<id>` and `outbox.body.<id>`); the body
/// is erased once the gateway confirms delivery, the destination stays sealed.
///
/// Delivery is at-least-once: the message id is the `Idempotency-Key` every attempt
/// carries, so a gateway that de-duplicates sees one message even when a crash between
/// its answer and the row update makes SchoolID send again.
public struct OutboxMessage: Hashable, Sendable {
    /// The kind tag of message identifiers.
    public enum Kind: IdentifierKind {
        public static let prefix = "msg"
        public static let noun = "an outbox message identifier"
    }

    /// A message's opaque identifier (`msg_…`), also its idempotency key.
    public typealias ID = Identifier<Kind>

    /// How the message travels.
    public enum Channel: String, Hashable, Sendable, CaseIterable {
        case sms
        case email
    }

    /// Where the message is in its life.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Waiting for its first or next attempt.
        case pending
        /// The gateway accepted it.
        case sent
        /// Refused for good, or out of attempts.
        case failed
        /// A decoy, discarded without sending.
        case dropped
    }

    public var id: ID
    public var channel: Channel
    /// The sealed destination (E.164 phone or email address).
    public var destination: [UInt8]
    /// The sealed text; `nil` once delivered, failed or dropped.
    public var body: [UInt8]?
    public var status: Status
    /// Written by an anti-enumeration path (an unknown account): the dispatcher drops it
    /// without sending, after the request did the same work as a real one.
    public var decoy: Bool
    /// Attempts that ended in an error so far.
    public var attempts: Int
    /// When the dispatcher may try (again).
    public var nextAttemptAt: UnixTime
    public var createdAt: UnixTime
    /// When the gateway accepted it.
    public var sentAt: UnixTime?
    /// Why the last attempt failed: a status code or transport error, never content.
    public var lastError: String?

    public init(id: ID, channel: Channel, destination: [UInt8], body: [UInt8]?, status: Status = .pending,
                decoy: Bool = false, attempts: Int = 0, nextAttemptAt: UnixTime, createdAt: UnixTime,
                sentAt: UnixTime? = nil, lastError: String? = nil)
    {
        self.id = id
        self.channel = channel
        self.destination = destination
        self.body = body
        self.status = status
        self.decoy = decoy
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.lastError = lastError
    }

    /// Where the sealed destination lives (`outbox.destination.<id>`).
    public static func destinationContext(_ id: ID) -> SealedField.Context {
        SealedField.Context(table: "outbox", column: "destination", rowID: id.rawValue)
    }

    /// Where the sealed body lives (`outbox.body.<id>`).
    public static func bodyContext(_ id: ID) -> SealedField.Context {
        SealedField.Context(table: "outbox", column: "body", rowID: id.rawValue)
    }
}
