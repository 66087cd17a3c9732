import SchoolIDBase

/// Reads password-recovery flows.
public protocol RecoveryFlowReader {
    /// The flow (completed and expired ones included until collected), or `nil`.
    /// - Throws: a backend error.
    func flow(_ id: RecoveryFlow.ID) throws -> RecoveryFlow?
}

/// Stores, completes and collects password-recovery flows.
public protocol RecoveryFlowStore: RecoveryFlowReader {
    /// Stores a new flow.
    /// - Throws: ``StoreError/alreadyExists`` for a duplicate id, ``StoreError/notFound``
    ///   for an unknown account.
    func insert(_ flow: RecoveryFlow) throws
    /// Marks an open flow completed, atomically: only a flow neither completed nor
    /// expired at `time` is marked, and only the first of concurrent callers succeeds.
    /// - Throws: a backend error.
    /// - Returns: whether this call completed it.
    func complete(_ id: RecoveryFlow.ID, at time: UnixTime) throws -> Bool
    /// Deletes flows that expired before `time`, completed ones too (garbage collection).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteExpired(before time: UnixTime) throws -> Int
    /// Deletes every recovery flow of the account (account deletion).
    /// - Throws: a backend error.
    /// - Returns: how many were deleted.
    @discardableResult
    func deleteAll(of accountID: Account.ID) throws -> Int
}
