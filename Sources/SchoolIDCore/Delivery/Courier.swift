import SchoolIDBase

/// Writes messages into the outbox and opens them for sending.
///
/// ``enqueue(channel:destination:body:decoy:now:keys:random:in:)`` runs inside the caller's
/// unit of work, so a challenge and its SMS commit together (ORY Kratos's courier): the
/// request answers only once both are durable, and the dispatcher sends afterwards.
public enum Courier {
    /// Seals `destination` and `body` under the current `data` key and inserts a pending
    /// message, due at once.
    /// - Parameters:
    ///   - channel: SMS or email.
    ///   - destination: E.164 phone or email address, already normalised.
    ///   - body: the text.
    ///   - decoy: `true` on an anti-enumeration path: sealed and stored like a real one,
    ///     then dropped by the dispatcher without sending.
    ///   - now: the unit's time.
    ///   - keys: the keyring's data keys.
    ///   - random: the source of the message id.
    ///   - tx: the caller's unit of work.
    /// - Throws: ``SealingError/unknownDataKeyVersion(_:)`` when the keyring lacks its
    ///   current data key; a store error.
    /// - Returns: the message id (its idempotency key).
    @discardableResult
    public static func enqueue(channel: OutboxMessage.Channel, destination: String, body: String, decoy: Bool,
                               now: UnixTime, keys: any DataKeyProvider, random: any RandomSource,
                               in tx: any WriteTransaction) throws -> OutboxMessage.ID
    {
        let id = OutboxMessage.ID.random(using: random)
        let key = try currentKey(keys)
        let sealedDestination = try SealedField.seal(destination, under: key, for: OutboxMessage.destinationContext(id))
        let sealedBody = try SealedField.seal(body, under: key, for: OutboxMessage.bodyContext(id))
        try tx.outbox.insert(OutboxMessage(id: id, channel: channel, destination: sealedDestination.serialized,
                                           body: sealedBody.serialized, decoy: decoy, nextAttemptAt: now, createdAt: now))
        return id
    }

    /// Queues `template` for `destination`: the SMS text for a phone, the email text
    /// (subject, blank line, body) for an address, in `language`.
    /// - Parameters:
    ///   - template: what to say.
    ///   - destination: where to.
    ///   - language: the recipient's language (``Account/locale``, or the request's).
    ///   - decoy: `true` on an anti-enumeration path (see ``enqueue(channel:destination:body:decoy:now:keys:random:in:)``).
    ///   - now: the unit's time.
    ///   - keys: the keyring's data keys.
    ///   - random: the source of the message id.
    ///   - tx: the caller's unit of work.
    /// - Throws: a sealing or store error.
    /// - Returns: the message id.
    @discardableResult
    public static func send(_ template: MessageTemplate, to destination: OTPDestination, language: MessageLanguage,
                            decoy: Bool = false, now: UnixTime, keys: any DataKeyProvider, random: any RandomSource,
                            in tx: any WriteTransaction) throws -> OutboxMessage.ID
    {
        switch destination {
        case .phone:
            try enqueue(channel: .sms, destination: destination.normalizedText, body: template.sms(in: language),
                        decoy: decoy, now: now, keys: keys, random: random, in: tx)
        case .email:
            try enqueue(channel: .email, destination: destination.normalizedText,
                        body: template.emailText(in: language), decoy: decoy, now: now, keys: keys, random: random,
                        in: tx)
        }
    }

    /// Opens a pending message's destination and body.
    /// - Throws: ``SealingError`` when a field is damaged, moved, sealed under a data key
    ///   the keyring no longer holds, or the body was already erased (`.malformed`).
    /// - Returns: the message ready for a channel.
    public static func open(_ message: OutboxMessage, keys: any DataKeyProvider) throws -> OutgoingMessage {
        guard let body = message.body else { throw SealingError.malformed }
        let destinationField = try SealedField(serialized: message.destination)
        let bodyField = try SealedField(serialized: body)
        let destination = try destinationField.openString(with: key(keys, version: destinationField.keyVersion),
                                                          for: OutboxMessage.destinationContext(message.id))
        let text = try bodyField.openString(with: key(keys, version: bodyField.keyVersion),
                                            for: OutboxMessage.bodyContext(message.id))
        return OutgoingMessage(id: message.id, channel: message.channel, destination: destination, body: text)
    }

    private static func currentKey(_ keys: any DataKeyProvider) throws -> SealingKey {
        try key(keys, version: keys.currentDataKeyVersion)
    }

    private static func key(_ keys: any DataKeyProvider, version: Int) throws -> SealingKey {
        guard let dataKey = keys.dataKey(version: version) else { throw SealingError.unknownDataKeyVersion(version) }
        return SealingKey(key: dataKey, version: version)
    }
}
