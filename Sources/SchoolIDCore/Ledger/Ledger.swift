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
/// Proofs are computed from the stored leaves on each call (O(n) hashes): the ledger of
/// a school region stays in the thousands to millions of entries, where this is cheap.
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
        let leaves = try await leafHashes(below: checkpoint.treeSize)
        return LedgerProof(leafIndex: index, treeSize: checkpoint.treeSize,
                           inclusion: MerkleTree.inclusionProof(leafIndex: index, leafHashes: leaves),
                           checkpoint: checkpoint)
    }

    /// The consistency proof (RFC 9162 §2.1.4) from the tree of the first `from` entries
    /// to the tree of the first `to`.
    /// - Throws: `DomainError(.ledgerRangeInvalid)` unless `1 ≤ from ≤ to ≤` the tree size;
    ///   a store error.
    /// - Returns: the proof's node hashes (empty when `from == to`).
    public func consistency(from: Int, to: Int) async throws -> [[UInt8]] {
        let size = try await environment.storage.read { tx in try tx.ledger.size() }
        guard from >= 1, from <= to, to <= size else {
            throw DomainError(.ledgerRangeInvalid, detail: "from \(from) to \(to) in a tree of \(size)")
        }
        return MerkleTree.consistencyProof(from: from, leafHashes: try await leafHashes(below: to))
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

    private func leafHashes(below size: Int) async throws -> [[UInt8]] {
        let leaves = try await environment.storage.read { tx in try tx.ledger.entries(below: size).map(\.leafHash) }
        guard leaves.count == size else { throw LedgerIntegrityError.missingEntries(expected: size, found: leaves.count) }
        return leaves
    }
}

/// The stored ledger is damaged (rows missing below the tree size): a server fault that
/// `schoolid ledger verify` explains row by row, never the caller's.
public enum LedgerIntegrityError: Error, Hashable, CustomStringConvertible {
    /// Fewer rows than the tree size below it.
    case missingEntries(expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .missingEntries(expected, found): "ledger: \(found) entries below tree size \(expected)"
        }
    }
}
