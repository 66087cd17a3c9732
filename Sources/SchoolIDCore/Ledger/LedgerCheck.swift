public import SchoolIDBase
import SchoolIDCrypto
public import SchoolIDJOSE

/// Recomputes the ledger from its stored rows and checks every entry and checkpoint
/// (`schoolid ledger verify`, issue 10): an edited, deleted or reordered row, a forged
/// body or checkpoint is reported with its index.
///
/// Checks, in order:
/// - indices are contiguous from 0 (also up to the largest checkpoint size);
/// - for every entry whose body is still readable: SHA-256(body) equals the leaf data,
///   the body's signature verifies with an ack key and its `typ` fits the entry kind,
///   its `ledger_index` is the row's index and its `ack` the row's acknowledgement;
/// - for every checkpoint: the signature verifies with an ack key (`typ: checkpoint+jwt`),
///   the signed `tree_size` and `root` are the row's, and the signed root equals the root
///   recomputed over the first `tree_size` rows (RFC 9162 §2.1.1). On a mismatch the rows
///   since the last matching checkpoint are named.
public enum LedgerCheck {
    /// What a check found.
    public struct Report: Hashable, Sendable {
        /// How many entry rows were read.
        public let entries: Int
        /// How many checkpoint rows were read.
        public let checkpoints: Int
        /// One line per problem, each naming its entry index or checkpoint size.
        public let problems: [String]
    }

    /// Checks the ledger.
    /// - Parameters:
    ///   - entries: every entry row, by index.
    ///   - bodies: the opened body of each entry that still has one, by index.
    ///   - misplaced: entries whose body is there and its owner key too, but it does not
    ///     open as this row's (sealed for another index, or edited).
    ///   - checkpoints: every checkpoint row.
    ///   - keys: the ack keys (every one the keyring ever held).
    /// - Returns: the report; no problems means the ledger is intact.
    public static func run(entries: [LedgerEntry], bodies: [Int: String], misplaced: Set<Int> = [],
                           checkpoints: [SignedCheckpoint], keys: KeySet) -> Report
    {
        var problems: [String] = []
        let sorted = entries.sorted { $0.index < $1.index }
        let highest = max(sorted.last.map { $0.index + 1 } ?? 0, checkpoints.map(\.treeSize).max() ?? 0)
        let present = Set(sorted.map(\.index))
        for index in 0..<highest where !present.contains(index) { problems.append("entry \(index): missing") }
        for entry in sorted {
            if misplaced.contains(entry.index) {
                problems.append("entry \(entry.index): body does not open as this row's (moved or edited)")
            }
            guard let body = bodies[entry.index] else { continue }
            problems += check(entry, body: body, keys: keys)
        }
        problems += check(checkpoints.sorted { $0.treeSize < $1.treeSize }, entries: sorted, keys: keys)
        return Report(entries: entries.count, checkpoints: checkpoints.count, problems: problems)
    }

    private static func check(_ entry: LedgerEntry, body: String, keys: KeySet) -> [String] {
        let name = "entry \(entry.index)"
        guard LedgerEntry.leafData(of: body) == entry.leafData else { return ["\(name): leaf does not match its body"] }
        guard let jws = try? JWS.verify(body, keys: keys) else { return ["\(name): body signature does not verify"] }
        var problems: [String] = []
        let type = entry.kind == .receipt ? ReceiptIssuer.type : ReceiptIssuer.withdrawalType
        if !JWT.typeMatches(jws.header.type, expected: type) { problems.append("\(name): body is not a \(type)") }
        let claims = try? JWTClaims(jsonBytes: jws.payload)
        switch claims?.extra["ledger_index"] {
        case .integer(let index) where index == Int64(entry.index): break
        case .integer(let index): problems.append("\(name): body says index \(index)")
        default: problems.append("\(name): body has no ledger_index")
        }
        if claims?.extra["ack"]?.stringValue != entry.acknowledgementID.rawValue {
            problems.append("\(name): body names another acknowledgement")
        }
        return problems
    }

    private static func check(_ checkpoints: [SignedCheckpoint], entries: [LedgerEntry], keys: KeySet) -> [String] {
        var problems: [String] = []
        var lastMatching = 0
        for checkpoint in checkpoints {
            let name = "checkpoint \(checkpoint.treeSize)"
            guard let jws = try? JWS.verify(checkpoint.compact, keys: keys),
                  JWT.typeMatches(jws.header.type, expected: Ledger.checkpointType),
                  let claims = try? JWTClaims(jsonBytes: jws.payload),
                  case .integer(let size)? = claims.extra["tree_size"], let root = claims.extra["root"]?.stringValue
            else {
                problems.append("\(name): signature does not verify")
                continue
            }
            if size != Int64(checkpoint.treeSize) || root != Hex.encode(checkpoint.root) {
                problems.append("\(name): the row differs from its signed tree size and root")
            }
            let leaves = entries.prefix { $0.index < checkpoint.treeSize }.map(\.leafHash)
            let recomputed = leaves.count == checkpoint.treeSize && Int64(checkpoint.treeSize) == size
                ? Hex.encode(MerkleTree.root(leafHashes: leaves)) : nil
            if recomputed == root {
                lastMatching = checkpoint.treeSize
            } else {
                problems.append("\(name): root differs; rows \(lastMatching)..\(max(lastMatching, checkpoint.treeSize - 1)) changed")
            }
        }
        return problems
    }
}

extension Ledger {
    /// Reads every entry, body and checkpoint and runs
    /// ``LedgerCheck/run(entries:bodies:misplaced:checkpoints:keys:)``
    /// with every ack key of the keyring.
    /// - Throws: a store error.
    /// - Returns: the report.
    public func check() async throws -> LedgerCheck.Report {
        let ownerKeys = environment.ownerKeys
        let (entries, bodies, misplaced, checkpoints) = try await environment.storage.read { tx in
            let entries = try tx.ledger.entries(below: Int.max)
            var bodies: [Int: String] = [:], misplaced: Set<Int> = []
            for entry in entries {
                // A shredded owner key (erasure) leaves an unreadable body that is no problem.
                guard let body = try tx.ledger.body(at: entry.index),
                      let key = try? ownerKeys.key(for: body.ownerID, in: tx.ownerKeys)
                else { continue }
                guard let field = try? SealedField(serialized: body.sealed),
                      let text = try? field.openString(with: key, for: SealedLedgerBody.context(entry.index))
                else {
                    misplaced.insert(entry.index)
                    continue
                }
                bodies[entry.index] = text
            }
            return (entries, bodies, misplaced, try tx.ledger.checkpoints())
        }
        let keys = keys().verificationKeys(.ack, now: environment.clock.now(), retiredRetention: 0)
        return LedgerCheck.run(entries: entries, bodies: bodies, misplaced: misplaced, checkpoints: checkpoints,
                               keys: keys)
    }
}
