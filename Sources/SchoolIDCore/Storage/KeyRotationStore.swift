import SchoolIDBase

/// Where a `data` re-wrap or an `index` re-index stands (table `key_rotations`), saved
/// in the same transaction as each batch, so a killed run resumes after the last
/// committed batch.
public struct RotationCursor: Sendable, Hashable {
    /// `data` (re-wrap owner keys) or `index` (recompute blind indexes).
    public var purpose: KeyPurpose
    /// The key version the run moves everything to (the active one when it started).
    public var targetVersion: Int
    /// The registry entry being walked (``BlindIndexedColumn/name``; `owner_keys` for a re-wrap).
    public var entry: String
    /// The key of the last row done in `entry`, or `nil` at its start.
    public var position: [String]?
    /// Rows changed since the current pass began; a pass that changes nothing ends the run.
    public var changedInPass: Int
    /// When the run finished, or `nil` while it is in progress.
    public var finishedAt: UnixTime?
    public var updatedAt: UnixTime

    public init(purpose: KeyPurpose, targetVersion: Int, entry: String, position: [String]?, changedInPass: Int,
                finishedAt: UnixTime?, updatedAt: UnixTime)
    {
        self.purpose = purpose
        self.targetVersion = targetVersion
        self.entry = entry
        self.position = position
        self.changedInPass = changedInPass
        self.finishedAt = finishedAt
        self.updatedAt = updatedAt
    }
}

/// The store side of key rotation: batches of rows to re-wrap or re-index, and the
/// persisted cursor. Rows are always returned in key order after `position`.
public protocol KeyRotationStore {
    /// The cursor of `purpose`, or `nil` when no run ever started.
    /// - Throws: a backend error.
    func cursor(_ purpose: KeyPurpose) throws -> RotationCursor?
    /// Inserts or replaces the cursor of `cursor.purpose`.
    /// - Throws: a backend error.
    func save(_ cursor: RotationCursor) throws
    /// Up to `limit` owner ids after `position`, in order, whose key is wrapped under
    /// another `data` key version than `version`.
    /// - Throws: a backend error.
    func ownerKeys(notWrappedUnder version: Int, after position: String?, limit: Int) throws -> [String]
    /// How many owner keys are wrapped under another `data` key version than `version`.
    /// - Throws: a backend error.
    func ownerKeyCount(notWrappedUnder version: Int) throws -> Int
    /// Up to `limit` rows of `entry` after `position` (its key columns), in key order.
    /// - Throws: a backend error.
    func rows(of entry: BlindIndexedColumn, after position: [String]?, limit: Int) throws -> [BlindIndexedColumn.Row]
    /// Replaces the index columns of the row of `entry` with key `key`.
    /// - Throws: ``StoreError/alreadyExists`` when a unique index refuses the value.
    func setIndexes(of entry: BlindIndexedColumn, key: [String], to indexes: [[UInt8]]) throws
}
