public import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// The acknowledgement ledger (issue 10): an append-only Merkle tree (RFC 9162 §2.1) of
/// receipts and withdrawals, its sealed bodies and its signed checkpoints.
///
/// Appends happen inside the signing flow's own write unit (``nextIndex(in:)`` then
/// ``append(_:compact:acknowledgement:student:now:in:)``), so a receipt's `ledger_index`
/// and its entry commit together or not at all. A checkpoint (`typ: checkpoint+jwt`,
/// signed by the active `ack` key) is signed in that same unit once
/// `checkpointEveryAppends` entries are uncovered, by ``signIfDue()`` once the oldest
/// uncovered entry is `checkpointEverySeconds` old, and on demand whenever a reader
/// needs one that covers an entry (``newestCheckpoint()``, ``proof(forIndex:)``).
///
/// The append unit also stores the hash of every complete subtree its leaf completes
/// (`ledger_nodes`, about one per append), so a proof or a checkpoint's root reads
/// O(log² n) stored hashes (``subtreeHash(_:in:)``) rather than every leaf.
public struct Ledger: Sendable {
    /// `typ` of checkpoints (RFC 8725 §3.11 explicit typing).
    public static let checkpointType = "checkpoint+jwt"
    /// Seconds in a day of `receipt_bodies_days`.
    static let secondsPerDay: Int64 = 86_400

    let environment: ServiceEnvironment
    /// The `iss` of every checkpoint.
    public let issuer: String
    let keys: @Sendable () -> KeyringSnapshot

    /// - Parameters:
    ///   - environment: storage, clock, owner keys and policies (`acknowledgements.json`,
    ///     `tokens.json` for the ack algorithm).
    ///   - issuer: the issuer URL, exactly as discovery publishes it.
    ///   - keys: returns the current keyring snapshot (the active `ack` key signs).
    public init(environment: ServiceEnvironment, issuer: String, keys: @escaping @Sendable () -> KeyringSnapshot) {
        self.environment = environment
        self.issuer = issuer
        self.keys = keys
    }

    /// Inside the caller's write unit: the index the next append gets (the tree size).
    /// - Throws: a store error.
    public static func nextIndex(in tx: any WriteTransaction) throws -> Int {
        try tx.ledger.size()
    }

    /// Inside the caller's write unit: appends the entry for `compact` at ``nextIndex(in:)``,
    /// stores its body sealed under the student's owner key (until `receiptBodiesDays`
    /// days after `now`), and signs a checkpoint in the same unit when
    /// `checkpointEveryAppends` uncovered entries accumulated.
    ///
    /// - Parameters:
    ///   - kind: receipt or withdrawal.
    ///   - compact: the entry's JWS; its leaf data is SHA-256 of these bytes.
    ///   - acknowledgement: the acknowledgement the JWS is about.
    ///   - student: whose owner key seals the body (erasing the student shreds it).
    ///   - now: the append time.
    ///   - tx: the caller's write unit.
    /// - Throws: a sealing error (no owner key), a store error, or a signing error
    ///   (``ReceiptIssuanceError``) when a checkpoint is due and no ack key is active.
    /// - Returns: the appended entry.
    @discardableResult
    public func append(_ kind: LedgerEntry.Kind, compact: String, acknowledgement: Acknowledgement.ID,
                       student: Account.ID, now: UnixTime, in tx: any WriteTransaction) throws -> LedgerEntry
    {
        let policy = environment.policies.acknowledgements
        let index = try Self.nextIndex(in: tx)
        let entry = LedgerEntry(index: index, kind: kind, acknowledgementID: acknowledgement,
                                leafData: LedgerEntry.leafData(of: compact), appendedAt: now)
        try tx.ledger.append(entry)
        try Self.storeCompletedSubtrees(endingWith: entry, in: tx.ledger)
        let ownerKey = try environment.ownerKeys.key(for: student.rawValue, in: tx.ownerKeys)
        let sealed = try SealedField.seal(compact, under: ownerKey, for: SealedLedgerBody.context(index))
        try tx.ledger.insertBody(SealedLedgerBody(
            index: index, ownerID: student.rawValue, sealed: sealed.serialized,
            expiresAt: now.adding(seconds: Int64(policy.receiptBodiesDays) * Self.secondsPerDay)))
        let covered = try tx.ledger.newestCheckpoint()?.treeSize ?? 0
        if index + 1 - covered >= policy.checkpointEveryAppends {
            try signCheckpoint(treeSize: index + 1, at: now, reason: "appends", in: tx)
        }
        return entry
    }

    /// The newest signed checkpoint; when it does not cover every entry (or none exists,
    /// also for an empty ledger) one is signed first.
    /// - Throws: a store or signing error.
    /// - Returns: a checkpoint covering every entry appended before the call.
    public func newestCheckpoint() async throws -> SignedCheckpoint {
        let (newest, size) = try await environment.storage.read { tx in
            (try tx.ledger.newestCheckpoint(), try tx.ledger.size())
        }
        if let newest, newest.treeSize >= size { return newest }
        return try await coveringCheckpoint(reason: "on_demand")
    }

    /// An inclusion proof (RFC 9162 §2.1.3) of entry `index` against the newest
    /// checkpoint, which is signed on demand when none covers the entry yet.
    /// - Throws: `DomainError(.ledgerRangeInvalid)` for an index outside the tree; a store
    ///   or signing error.
    /// - Returns: the audit path and its checkpoint.
    public func proof(forIndex index: Int) async throws -> LedgerProof {
        let (stored, size) = try await environment.storage.read { tx in
            (try tx.ledger.newestCheckpoint(), try tx.ledger.size())
        }
        guard index >= 0, index < size else { throw DomainError(.ledgerRangeInvalid, detail: "no entry \(index)") }
        let checkpoint: SignedCheckpoint
        if let stored, stored.treeSize > index { checkpoint = stored } else {
            checkpoint = try await coveringCheckpoint(reason: "on_demand")
        }
        let inclusion = try await environment.storage.read { tx in
            try MerkleTree.inclusionProof(leafIndex: index, size: checkpoint.treeSize) {
                try Self.subtreeHash($0, in: tx.ledger)
            }
        }
        return LedgerProof(leafIndex: index, treeSize: checkpoint.treeSize, inclusion: inclusion, checkpoint: checkpoint)
    }

    /// The consistency proof (RFC 9162 §2.1.4) from the tree of the first `from` entries
    /// to the tree of the first `to`.
    /// - Throws: `DomainError(.ledgerRangeInvalid)` unless `1 ≤ from ≤ to ≤` the tree size;
    ///   a store error.
    /// - Returns: the proof's node hashes (empty when `from == to`).
    public func consistency(from: Int, to: Int) async throws -> [[UInt8]] {
        try await environment.storage.read { tx in
            let size = try tx.ledger.size()
            guard from >= 1, from <= to, to <= size else {
                throw DomainError(.ledgerRangeInvalid, detail: "from \(from) to \(to) in a tree of \(size)")
            }
            return try MerkleTree.consistencyProof(from: from, size: to) { try Self.subtreeHash($0, in: tx.ledger) }
        }
    }

    /// Signs a checkpoint if entries are uncovered and the oldest uncovered one is at
    /// least `checkpointEverySeconds` old (the server calls this periodically).
    /// - Throws: a store or signing error.
    /// - Returns: the checkpoint signed, or `nil` when none was due.
    public func signIfDue() async throws -> SignedCheckpoint? {
        let now = environment.clock.now()
        let delay = environment.policies.acknowledgements.checkpointEverySeconds
        return try await environment.storage.write { tx in
            let covered = try tx.ledger.newestCheckpoint()?.treeSize ?? 0
            let size = try tx.ledger.size()
            guard size > covered else { return nil }
            if let oldest = try tx.ledger.entry(at: covered), oldest.appendedAt.adding(seconds: delay) > now {
                return nil
            }
            return try signCheckpoint(treeSize: size, at: now, reason: "due", in: tx)
        }
    }

    /// The JWS of entry `index`, opened with the student's owner key.
    /// - Throws: a store error.
    /// - Returns: the body, or `nil` once destroyed (retention) or shredded (erasure).
    public func body(ofIndex index: Int) async throws -> String? {
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            guard let body = try tx.ledger.body(at: index),
                  let key = try? ownerKeys.key(for: body.ownerID, in: tx.ownerKeys),
                  let field = try? SealedField(serialized: body.sealed)
            else { return nil }
            return try? field.openString(with: key, for: SealedLedgerBody.context(index))
        }
    }

    /// Signs a checkpoint over every entry now (`schoolid ledger checkpoint`), unless the
    /// newest one already covers them all.
    /// - Throws: a store or signing error.
    /// - Returns: the checkpoint covering every entry.
    public func signNow(reason: String = "cli") async throws -> SignedCheckpoint {
        try await coveringCheckpoint(reason: reason)
    }

    private func coveringCheckpoint(reason: String) async throws -> SignedCheckpoint {
        let now = environment.clock.now()
        return try await environment.storage.write { tx in
            let size = try tx.ledger.size()
            if let newest = try tx.ledger.newestCheckpoint(), newest.treeSize >= size { return newest }
            return try signCheckpoint(treeSize: size, at: now, reason: reason, in: tx)
        }
    }

    /// `MTH` of a complete subtree (``MerkleTree/SubtreeHashes``): a leaf's hash from its
    /// entry, a larger subtree's from `ledger_nodes`, or recomputed from its two halves
    /// when not stored (entries appended before the nodes were kept).
    /// - Throws: ``LedgerIntegrityError/missingEntry(_:)``; a store error.
    static func subtreeHash(_ leaves: Range<Int>, in ledger: any LedgerReader) throws -> [UInt8] {
        if leaves.count == 1 {
            guard let entry = try ledger.entry(at: leaves.lowerBound) else {
                throw LedgerIntegrityError.missingEntry(leaves.lowerBound)
            }
            return entry.leafHash
        }
        let level = leaves.count.trailingZeroBitCount
        if let stored = try ledger.node(level: level, position: leaves.lowerBound >> level) { return stored }
        let middle = leaves.lowerBound + leaves.count / 2
        return MerkleTree.nodeHash(try subtreeHash(leaves.lowerBound..<middle, in: ledger),
                                   try subtreeHash(middle..<leaves.upperBound, in: ledger))
    }

    /// Stores the hash of every complete subtree whose last leaf is `entry`: walking up
    /// while the node is a right child, each parent is its stored left sibling hashed
    /// with it.
    /// - Throws: ``LedgerIntegrityError/missingEntry(_:)``; a store error.
    static func storeCompletedSubtrees(endingWith entry: LedgerEntry, in ledger: any LedgerStore) throws {
        var (hash, level, position) = (entry.leafHash, 0, entry.index)
        while position % 2 == 1 {
            let left = try subtreeHash(((position - 1) << level)..<(position << level), in: ledger)
            hash = MerkleTree.nodeHash(left, hash)
            level += 1
            position /= 2
            try ledger.insertNode(LedgerNode(level: level, position: position, hash: hash))
        }
    }
}

/// The stored ledger is damaged (a row missing below the tree size): a server fault that
/// `schoolid ledger verify` explains row by row, never the caller's.
public enum LedgerIntegrityError: Error, Hashable, CustomStringConvertible {
    /// No entry row at this index below the tree size.
    case missingEntry(Int)

    public var description: String {
        switch self {
        case .missingEntry(let index): "ledger: entry \(index) is missing below the tree size"
        }
    }
}
