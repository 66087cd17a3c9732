import SchoolIDBase

/// Reads credential batches.
public protocol CredentialBatchReader {
    /// The batch, or `nil`.
    /// - Throws: a backend error.
    func batch(_ id: CredentialBatch.ID) throws -> CredentialBatch?
    /// Batches still `queued` or `running` (to resume after a restart), oldest first.
    /// - Throws: a backend error.
    func unfinishedBatches() throws -> [CredentialBatch]
    /// Batches holding sealed data whose `purgeAt` is at or before `time`.
    /// - Throws: a backend error.
    func batchesToPurge(at time: UnixTime) throws -> [CredentialBatch.ID]
    /// The class's batches that still hold a sealed roster or result (not purged).
    /// - Throws: a backend error.
    func unpurgedBatches(ofClass classID: SchoolClass.ID) throws -> [CredentialBatch.ID]
}

/// Reads and changes credential batches.
public protocol CredentialBatchStore: CredentialBatchReader {
    /// Adds a batch.
    /// - Throws: ``StoreError/alreadyExists``.
    func insert(_ batch: CredentialBatch) throws
    /// Changes a batch in place.
    /// - Throws: ``StoreError/notFound``, or what `change` throws.
    /// - Returns: the stored batch.
    @discardableResult
    func update(_ id: CredentialBatch.ID, _ change: (inout CredentialBatch) throws -> Void) throws -> CredentialBatch
    /// Takes one download of a finished batch atomically: succeeds once per kind, only
    /// while the result is held (`sealedResult` present and `purgeAt` after `time`).
    /// - Throws: a backend error.
    /// - Returns: the batch with its result, or `nil` when already taken, purged or unknown.
    func claimDownload(_ download: CredentialBatch.Download, of id: CredentialBatch.ID, at time: UnixTime) throws
        -> CredentialBatch?
}
