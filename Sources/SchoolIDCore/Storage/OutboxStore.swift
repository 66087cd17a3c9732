import SchoolIDBase

/// Reads the outbox.
public protocol OutboxReader {
    /// The message, or `nil`.
    /// - Throws: a backend error.
    func message(_ id: OutboxMessage.ID) throws -> OutboxMessage?
    /// Pending messages of `channels` whose `nextAttemptAt` is at or before `time`, oldest
    /// (by `createdAt`) first, at most `limit`.
    /// - Throws: a backend error.
    func due(at time: UnixTime, channels: Set<OutboxMessage.Channel>, limit: Int) throws -> [OutboxMessage]
    /// Every message (any status) with an id after `id` (all when `nil`), in id order,
    /// at most `limit`: a scan of the table, which retention keeps short.
    /// - Throws: a backend error.
    func messages(after id: OutboxMessage.ID?, limit: Int) throws -> [OutboxMessage]
}

extension OutboxReader {
    /// Pending messages of every channel due at `time`, oldest first, at most `limit`.
    /// - Throws: a backend error.
    public func due(at time: UnixTime, limit: Int) throws -> [OutboxMessage] {
        try due(at: time, channels: Set(OutboxMessage.Channel.allCases), limit: limit)
    }
}

/// Reads and changes the outbox. Rows leave it only through
/// ``deleteFinished(before:)`` (garbage collection of finished messages).
public protocol OutboxStore: OutboxReader {
    /// Adds a message.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate id.
    func insert(_ message: OutboxMessage) throws
    /// Changes a message in place.
    /// - Throws: ``StoreError/notFound``, or what `change` throws (nothing is written then).
    /// - Returns: the stored message.
    @discardableResult
    func update(_ id: OutboxMessage.ID, _ change: (inout OutboxMessage) throws -> Void) throws -> OutboxMessage
    /// Deletes finished messages (`sent`, `failed`, `dropped`; never `pending`) that
    /// finished before `time`: a sent message by its `sentAt`, one without a `sentAt`
    /// (failed, dropped) by its `createdAt`. Their bodies are already erased; what goes
    /// is the sealed destination and the status kept for the delivery trail.
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteFinished(before time: UnixTime) throws -> Int
    /// Deletes one message (account deletion: its destination was the account's).
    /// - Throws: a backend error.
    /// - Returns: whether it existed.
    @discardableResult
    func delete(_ id: OutboxMessage.ID) throws -> Bool
}
