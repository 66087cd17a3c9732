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
    /// The stored hash of the complete subtree `level`/`position` (leaves
    /// `position·2^level ..< (position+1)·2^level`, `level >= 1`), or `nil`.
    /// - Throws: a backend error.
    func node(level: Int, position: Int) throws -> [UInt8]?
}

/// A stored complete subtree hash of the ledger (table `ledger_nodes`).
public struct LedgerNode: Hashable, Sendable {
    public let level: Int
    public let position: Int
    public let hash: [UInt8]

    public init(level: Int, position: Int, hash: [UInt8]) {
        self.level = level
        self.position = position
        self.hash = hash
    }
}

/// Appends to the acknowledgement ledger. Entries and checkpoints are never updated or
/// deleted; only bodies are destroyed (retention, or shredded with the owner key).
public protocol LedgerStore: LedgerReader {
    /// Appends `entry`.
    /// - Throws: ``StoreError/alreadyExists`` when its index is taken.
    func append(_ entry: LedgerEntry) throws
    /// Stores a complete subtree hash.
    /// - Throws: ``StoreError/alreadyExists`` when the node is stored.
    func insertNode(_ node: LedgerNode) throws
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
