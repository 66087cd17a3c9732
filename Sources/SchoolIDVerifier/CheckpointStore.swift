/// Where a verifier keeps the newest ledger checkpoint it accepted, so that the next one
/// is accepted only if it extends it (``LedgerMonitor``).
///
/// Tamper-evidence holds relative to what is stored here: keep it outside SchoolID, and
/// across restarts (``FileCheckpointStore``). Implementations store what they are given;
/// the forward-only rule is the monitor's.
public protocol CheckpointStore: Sendable {
    /// The held checkpoint, or `nil` before the first one (trust on first use).
    /// - Throws: when the stored checkpoint cannot be read; never `nil` for an unreadable one.
    func load() async throws -> VerifiedCheckpoint?
    /// Replaces the held checkpoint; either the new one is held afterwards or it throws
    /// and the old one still is.
    func save(_ checkpoint: VerifiedCheckpoint) async throws
}

/// A ``CheckpointStore`` in memory, for tests and short-lived verifiers.
public actor MemoryCheckpointStore: CheckpointStore {
    private var checkpoint: VerifiedCheckpoint?

    /// Creates a store holding `initial`.
    public init(_ initial: VerifiedCheckpoint? = nil) {
        checkpoint = initial
    }

    public func load() async throws -> VerifiedCheckpoint? { checkpoint }

    public func save(_ checkpoint: VerifiedCheckpoint) async throws {
        self.checkpoint = checkpoint
    }
}
