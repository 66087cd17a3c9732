public import SchoolIDBase

/// Reads the acknowledgement ledger (tables `ledger_entries`, `ledger_bodies`,
/// `ledger_checkpoints`; issue 10).
public protocol LedgerReader {
    /// The tree size: one more than the highest index, 0 when empty.
    /// - Throws: a backend error.
    func size() throws -> Int
    /// The entry at `index`, or `nil`.
    /// - Throws: a backend error.
    func entry(at index: Int) throws -> LedgerEntry?
    /// The entries with index below `size`, by index (fewer than `size` if rows are missing).
    /// - Throws: a backend error.
    func entries(below size: Int) throws -> [LedgerEntry]
    /// The sealed body of entry `index`, or `nil` once destroyed.
    /// - Throws: a backend error.
    func body(at index: Int) throws -> SealedLedgerBody?
    /// The checkpoint with the largest tree size, or `nil`.
    /// - Throws: a backend error.
    func newestCheckpoint() throws -> SignedCheckpoint?
    /// Every stored checkpoint, smallest tree size first.
    /// - Throws: a backend error.
    func checkpoints() throws -> [SignedCheckpoint]
}

/// Appends to the acknowledgement ledger. Entries and checkpoints are never updated or
/// deleted; only bodies are destroyed (retention, or shredded with the owner key).
public protocol LedgerStore: LedgerReader {
    /// Appends `entry`.
    /// - Throws: ``StoreError/alreadyExists`` when its index is taken.
    func append(_ entry: LedgerEntry) throws
    /// Stores an entry's sealed body.
    /// - Throws: ``StoreError/alreadyExists`` when the index has one.
    func insertBody(_ body: SealedLedgerBody) throws
    /// Stores a checkpoint; one of the same size already stored is kept.
    /// - Throws: a backend error.
    /// - Returns: whether it was stored.
    @discardableResult
    func insertCheckpoint(_ checkpoint: SignedCheckpoint) throws -> Bool
    /// Destroys bodies whose `expiresAt` is at or before `now`.
    /// - Throws: a backend error.
    /// - Returns: how many.
    func deleteExpiredBodies(before now: UnixTime) throws -> Int
}
