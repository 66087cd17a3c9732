/// A message opened for sending: what a channel adapter puts on the wire.
///
/// Lives only in memory for one attempt; never logged or stored.
public struct OutgoingMessage: Sendable, Hashable {
    /// The outbox id, sent as the `Idempotency-Key`.
    public let id: OutboxMessage.ID
    public let channel: OutboxMessage.Channel
    /// E.164 phone (`+79…`) or email address.
    public let destination: String
    /// The text.
    public let body: String

    public init(id: OutboxMessage.ID, channel: OutboxMessage.Channel, destination: String, body: String) {
        self.id = id
        self.channel = channel
        self.destination = destination
        self.body = body
    }
}
