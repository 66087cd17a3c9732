import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// Keeps a verifier's view of the SchoolID ledger moving forward only.
///
/// The monitor holds the newest checkpoint it accepted in a ``CheckpointStore`` and accepts
/// another one only when it extends that one:
/// - none held: it is taken on trust (trust on first use) and saved;
/// - the same size: its root must be the held root (a newer signature of the same tree
///   replaces the held one);
/// - a bigger size: an RFC 9162 §2.1.4 consistency proof from the held size must verify —
///   fetched from `{issuer}/v1/ledger/consistency?from=held&to=new`, or given (offline);
/// - a smaller size: refused as ``VerificationError/checkpointRollback``.
///
/// So a ledger rewritten after this verifier saw a checkpoint is refused
/// (``VerificationError/checkpointInconsistent``), however well it is signed:
/// tamper-evidence holds relative to checkpoints held outside SchoolID. Calls through one
/// monitor run one at a time; use one monitor per store.
///
/// ```swift
/// let monitor = LedgerMonitor(verifier: verifier, store: FileCheckpointStore(path: url))
/// let receipt = try await monitor.verifyInclusion(receipt: compact, proof: InclusionProof(json: body))
/// ```
public struct LedgerMonitor: Sendable {
    /// The verifier checkpoints and receipts are checked with (its issuer names the ledger).
    public let verifier: ReceiptVerifier
    /// Where the held checkpoint lives.
    public let store: any CheckpointStore
    private let fetcher: any JWKSFetcher
    private let turnstile = Turnstile()

    /// Creates a monitor.
    /// - Parameters:
    ///   - verifier: verifies checkpoints; its configuration's issuer locates the ledger endpoints.
    ///   - store: the held checkpoint (``FileCheckpointStore`` to survive restarts).
    ///   - fetcher: fetches the checkpoint and consistency documents; `nil` uses the
    ///     verifier's fetcher (the one reading the ack keys).
    public init(verifier: ReceiptVerifier, store: any CheckpointStore, fetcher: (any JWKSFetcher)? = nil) {
        self.verifier = verifier
        self.store = store
        self.fetcher = fetcher ?? verifier.configuration.fetcher
    }

    /// Accepts `checkpoint` if it extends the held one (see the type's rules), fetching
    /// the consistency proof from the issuer when the size grew, and saves it.
    /// - Throws: ``VerificationError/checkpointRollback``, ``VerificationError/checkpointInconsistent``,
    ///   ``VerificationError/ledgerUnavailable`` (the proof could not be fetched); the store's errors.
    public func accept(_ checkpoint: VerifiedCheckpoint) async throws {
        try await turnstile.run { try await self.advance(to: checkpoint, proof: nil) }
    }

    /// The offline form of ``accept(_:)``: `consistencyProof` is the RFC 9162 §2.1.4.1 proof
    /// from the held checkpoint's size to `checkpoint`'s (ignored when the size did not grow).
    /// - Throws: as ``accept(_:)``, never ``VerificationError/ledgerUnavailable``.
    public func accept(_ checkpoint: VerifiedCheckpoint, consistencyProof: [[UInt8]]) async throws {
        try await turnstile.run { try await self.advance(to: checkpoint, proof: consistencyProof) }
    }

    /// Verifies a receipt's inclusion (``ReceiptVerifier/verifyInclusion(receipt:proof:)``)
    /// and that the proof's checkpoint agrees with the held one: a newer one is accepted as
    /// by ``accept(_:)``; an older one (the verifier already saw a bigger tree) must be
    /// consistent with the held one, which stays held.
    /// - Returns: the verified receipt.
    /// - Throws: ``VerificationError``.
    public func verifyInclusion(receipt: String, proof: InclusionProof) async throws -> VerifiedReceipt {
        let (verified, checkpoint) = try await verifier.verifyIncluded(receipt: receipt, proof: proof)
        try await turnstile.run {
            if let held = try await self.store.load(), checkpoint.treeSize < held.treeSize {
                try await self.checkConsistency(from: checkpoint, to: held, proof: nil)
            } else {
                try await self.advance(to: checkpoint, proof: nil)
            }
        }
        return verified
    }

    /// Fetches and verifies the issuer's newest checkpoint (`GET {issuer}/v1/ledger/checkpoint`)
    /// without accepting it.
    /// - Throws: ``VerificationError/ledgerUnavailable`` for a failed fetch or another
    ///   shape; ``ReceiptVerifier/verifyCheckpoint(_:)``'s errors.
    public func fetchCheckpoint() async throws -> VerifiedCheckpoint {
        let members = try await fetchObject("/v1/ledger/checkpoint")
        guard case .string(let compact)? = members["checkpoint"] else {
            throw VerificationError(.ledgerUnavailable, detail: "the checkpoint document has no checkpoint")
        }
        return try await verifier.verifyCheckpoint(compact)
    }

    /// Fetches the issuer's newest checkpoint and accepts it (``accept(_:)``).
    /// - Returns: the checkpoint now held.
    @discardableResult
    public func update() async throws -> VerifiedCheckpoint {
        let checkpoint = try await fetchCheckpoint()
        try await accept(checkpoint)
        return checkpoint
    }

    /// The forward-only rule; runs inside the turnstile.
    private func advance(to new: VerifiedCheckpoint, proof: [[UInt8]]?) async throws {
        guard let held = try await store.load() else {
            try await store.save(new)
            return
        }
        guard new.treeSize >= held.treeSize else {
            throw VerificationError(.checkpointRollback, detail: "size \(new.treeSize) is below the held \(held.treeSize)")
        }
        try await checkConsistency(from: held, to: new, proof: proof)
        if new.treeSize > held.treeSize || new.issuedAt > held.issuedAt {
            try await store.save(new)
        }
    }

    /// Whether `new` extends `old`: equal roots for equal sizes; otherwise a consistency
    /// proof (given or fetched) that verifies. The empty tree is a prefix of every tree.
    private func checkConsistency(from old: VerifiedCheckpoint, to new: VerifiedCheckpoint, proof: [[UInt8]]?) async throws {
        if old.treeSize == new.treeSize {
            guard old.root == new.root else {
                throw VerificationError(.checkpointInconsistent, detail: "another root for the same tree size \(new.treeSize)")
            }
            return
        }
        guard old.treeSize > 0 else { return }
        let path: [[UInt8]]
        if let proof {
            path = proof
        } else {
            path = try await fetchConsistency(from: old.treeSize, to: new.treeSize)
        }
        guard MerkleTree.verifyConsistency(oldSize: old.treeSize, newSize: new.treeSize, oldRoot: old.root,
                                           newRoot: new.root, proof: path)
        else {
            throw VerificationError(.checkpointInconsistent,
                                    detail: "no consistency from size \(old.treeSize) to \(new.treeSize)")
        }
    }

    /// `GET {issuer}/v1/ledger/consistency?from=A&to=B` → `{"from": A, "to": B, "proof": [hex…]}`.
    private func fetchConsistency(from: Int, to: Int) async throws -> [[UInt8]] {
        let members = try await fetchObject("/v1/ledger/consistency?from=\(from)&to=\(to)")
        guard members["from"] == .integer(Int64(from)), members["to"] == .integer(Int64(to)),
              case .array(let values)? = members["proof"], let proof = try? InclusionProof.hashes(values)
        else { throw VerificationError(.ledgerUnavailable, detail: "the consistency document is not for \(from)..\(to)") }
        return proof
    }

    private func fetchObject(_ path: String) async throws -> [String: JSONValue] {
        guard let url = verifier.configuration.issuerURL(path) else {
            throw VerificationError(.ledgerUnavailable, detail: "the issuer is not a URL")
        }
        let document: FetchedDocument
        do {
            document = try await fetcher.fetch(url)
        } catch let error as VerificationError where error.code == .insecureURL {
            throw error
        } catch {
            throw VerificationError(.ledgerUnavailable, detail: "fetching \(path) failed (\(KeyDocuments.safeReason(error)))")
        }
        guard case .object(let members)? = try? JSONValue(parsing: document.body) else {
            throw VerificationError(.ledgerUnavailable, detail: "\(path) did not answer a JSON object")
        }
        return members
    }
}

/// Runs async bodies one at a time, in call order, so a monitor's load–check–save never
/// interleaves with another (which could save an older checkpoint over a newer one).
private actor Turnstile {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task { () async throws -> T in
            await previous?.value
            return try await body()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
