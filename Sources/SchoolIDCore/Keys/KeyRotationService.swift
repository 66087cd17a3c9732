import SchoolIDBase
import SchoolIDCrypto

/// Moves stored data onto the newest `data` or `index` key after
/// ``KeyringDirectory/rotate(_:algorithm:now:minimumNextAge:force:)``, in batches, while
/// `serve` keeps running on the same database.
///
/// - `data`: re-wraps every owner key (`owner_keys`) under the active `data` key; the
///   sealed fields themselves are untouched. Retired `data` keys stay in the keyring
///   (they still open what was sealed under them directly: pending registrations,
///   outbox messages, recovery shadows).
/// - `index`: recomputes every blind index of ``BlindIndexRegistry`` under the active
///   `index` key. Lookups try every `index` key still in the keyring
///   (``DataKeyProvider/indexKeys``), so they work before, during and after the run.
///
/// Each batch is one write transaction that also saves the ``RotationCursor``, so a
/// killed run resumes after the last committed batch. A run ends with a pass over all
/// rows that changes nothing, which also catches rows a server wrote under the old key
/// before it reloaded the keyring.
public struct KeyRotationService: Sendable {
    /// What one batch did.
    public struct Progress: Sendable, Hashable {
        public var purpose: KeyPurpose
        public var targetVersion: Int
        /// The entry the cursor is at after the batch.
        public var entry: String
        /// Rows re-wrapped or re-indexed by this batch.
        public var changed: Int
        /// Rows this batch could not open (owner key shredded, damaged field): left as they were.
        public var skipped: Int
        /// Whether the run is complete.
        public var finished: Bool
    }

    /// The registry entry name of the re-wrap walk.
    public static let ownerKeysEntry = "owner_keys"

    private let storage: any Storage
    private let keys: KeyringSnapshot
    private let clock: any WallClock
    private let registry: [BlindIndexedColumn]

    /// - Parameters:
    ///   - keys: the keyring after the rotation (its active keys are the targets).
    ///   - registry: the blind indexes to recompute (``BlindIndexRegistry/all``).
    public init(storage: any Storage, keys: KeyringSnapshot, clock: any WallClock,
                registry: [BlindIndexedColumn] = BlindIndexRegistry.all)
    {
        precondition(!registry.isEmpty, "the registry has entries")
        self.storage = storage
        self.keys = keys
        self.clock = clock
        self.registry = registry
    }

    /// Runs batches of `purpose` (`data` or `index`) until the run is finished or
    /// `maxBatches` ran, reporting each.
    /// - Throws: a store or sealing error (the cursor keeps the last committed batch).
    /// - Returns: the last batch's progress.
    @discardableResult
    public func run(_ purpose: KeyPurpose, batchSize: Int, maxBatches: Int = .max,
                    onBatch: (Progress) -> Void = { _ in }) async throws -> Progress
    {
        precondition(purpose == .data || purpose == .index, "only data and index keys protect stored rows")
        precondition(batchSize > 0 && maxBatches > 0)
        var progress: Progress
        var batches = 0
        repeat {
            progress = purpose == .data ? try await rewrapBatch(limit: batchSize) : try await reindexBatch(limit: batchSize)
            batches += 1
            onBatch(progress)
        } while !progress.finished && batches < maxBatches
        return progress
    }

    /// The cursor of `purpose`, or `nil` before the first batch.
    /// - Throws: a store error.
    public func cursor(_ purpose: KeyPurpose) async throws -> RotationCursor? {
        try await storage.write { tx in try tx.keyRotation.cursor(purpose) }
    }

    /// Re-wraps up to `limit` owner keys under the active `data` key.
    /// - Throws: a store error, or ``SealingError/unknownDataKeyVersion(_:)`` when an
    ///   owner key is wrapped under a `data` key the keyring no longer has.
    public func rewrapBatch(limit: Int) async throws -> Progress {
        let target = keys.currentDataKeyVersion
        let ownerKeys = OwnerKeys(keys: keys, random: SystemRandomSource())
        let now = clock.now()
        return try await storage.write { tx in
            var cursor = try Self.current(tx, .data, target: target, entry: Self.ownerKeysEntry, now: now)
            guard cursor.finishedAt == nil else { return Self.progress(cursor, changed: 0, skipped: 0) }
            let ids = try tx.keyRotation.ownerKeys(notWrappedUnder: target, after: cursor.position?.first, limit: limit)
            var changed = 0, skipped = 0
            for id in ids {
                do {
                    if try ownerKeys.rewrap(ownerID: id, in: tx.ownerKeys) { changed += 1 }
                } catch SealingError.authenticationFailed, SealingError.malformed {
                    skipped += 1
                }
            }
            cursor.changedInPass += changed
            if ids.count == limit, let last = ids.last {
                cursor.position = [last]
            } else if try cursor.changedInPass == 0 || tx.keyRotation.ownerKeyCount(notWrappedUnder: target) == 0 {
                cursor.finishedAt = now
            } else {
                (cursor.position, cursor.changedInPass) = (nil, 0)  // a server wrapped some under the old key: again
            }
            cursor.updatedAt = now
            try tx.keyRotation.save(cursor)
            return Self.progress(cursor, changed: changed, skipped: skipped)
        }
    }

    /// Recomputes up to `limit` rows of the registry under the active `index` key.
    /// - Throws: a store error.
    public func reindexBatch(limit: Int) async throws -> Progress {
        guard let (target, indexKey) = keys.activeSymmetricKey(.index) else { throw SealingError.malformed }
        let (registry, keys) = (registry, keys)
        let ownerKeys = OwnerKeys(keys: keys, random: SystemRandomSource())
        let now = clock.now()
        return try await storage.write { tx in
            var cursor = try Self.current(tx, .index, target: target, entry: registry[0].name, now: now)
            guard cursor.finishedAt == nil else { return Self.progress(cursor, changed: 0, skipped: 0) }
            let position = registry.firstIndex { $0.name == cursor.entry } ?? 0
            let entry = registry[position]
            if entry.name != cursor.entry { (cursor.entry, cursor.position) = (entry.name, nil) }
            let rows = try tx.keyRotation.rows(of: entry, after: cursor.position, limit: limit)
            var changed = 0, skipped = 0
            for row in rows {
                do {
                    let ownerKey = try row.owner.map { try ownerKeys.key(for: $0, in: tx.ownerKeys) }
                    let fresh = try entry.recompute(row, .init(ownerKey: ownerKey, dataKeys: keys, indexKey: indexKey))
                    guard fresh != row.indexes else { continue }
                    try tx.keyRotation.setIndexes(of: entry, key: row.key, to: fresh)
                    changed += 1
                } catch is SealingError {
                    skipped += 1
                } catch is DomainError {
                    skipped += 1
                } catch StoreError.alreadyExists {
                    skipped += 1
                }
            }
            cursor.changedInPass += changed
            if rows.count == limit, let last = rows.last {
                cursor.position = last.key
            } else if position + 1 < registry.count {
                (cursor.entry, cursor.position) = (registry[position + 1].name, nil)
            } else if cursor.changedInPass == 0 {
                cursor.finishedAt = now
            } else {
                (cursor.entry, cursor.position, cursor.changedInPass) = (registry[0].name, nil, 0)
            }
            cursor.updatedAt = now
            try tx.keyRotation.save(cursor)
            return Self.progress(cursor, changed: changed, skipped: skipped)
        }
    }

    /// The stored cursor, or a fresh one when none exists or it aimed at another version.
    private static func current(_ tx: any WriteTransaction, _ purpose: KeyPurpose, target: Int, entry: String,
                                now: UnixTime) throws -> RotationCursor
    {
        if let cursor = try tx.keyRotation.cursor(purpose), cursor.targetVersion == target { return cursor }
        return RotationCursor(purpose: purpose, targetVersion: target, entry: entry, position: nil, changedInPass: 0,
                              finishedAt: nil, updatedAt: now)
    }

    private static func progress(_ cursor: RotationCursor, changed: Int, skipped: Int) -> Progress {
        Progress(purpose: cursor.purpose, targetVersion: cursor.targetVersion, entry: cursor.entry, changed: changed,
                 skipped: skipped, finished: cursor.finishedAt != nil)
    }
}
