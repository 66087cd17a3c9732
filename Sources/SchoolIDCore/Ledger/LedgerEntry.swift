public import SchoolIDBase
public import SchoolIDCrypto

/// One entry of the acknowledgement ledger: an append-only Merkle tree (RFC 9162 §2.1)
/// whose leaf `i` is entry `i` (0-based, contiguous).
///
/// The leaf data is SHA-256 of the ASCII bytes of the entry's JWS compact string (a
/// receipt, `typ: ack+jwt`, or a withdrawal, `typ: ack-withdrawal+jwt`), so the entry row
/// holds no personal data: the JWS itself is kept apart, sealed, and may be destroyed
/// under retention without breaking any proof.
public struct LedgerEntry: Hashable, Sendable {
    /// What the entry records.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A guardian signed: the JWS is the receipt.
        case receipt
        /// A guardian withdrew an earlier signature; the receipt's entry stays.
        case withdrawal
    }

    /// The leaf index (RFC 9162 §2.1.3: `m`).
    public let index: Int
    public let kind: Kind
    /// The acknowledgement the JWS is about.
    public let acknowledgementID: Acknowledgement.ID
    /// SHA-256 of the JWS compact string's bytes (32 bytes): the leaf's `d(i)`.
    public let leafData: [UInt8]
    /// When the entry was appended.
    public let appendedAt: UnixTime

    /// - Precondition: `index >= 0` and `leafData` is 32 bytes.
    public init(index: Int, kind: Kind, acknowledgementID: Acknowledgement.ID, leafData: [UInt8], appendedAt: UnixTime) {
        precondition(index >= 0 && leafData.count == MerkleTree.hashSize, "a ledger entry's index and SHA-256 leaf data")
        self.index = index
        self.kind = kind
        self.acknowledgementID = acknowledgementID
        self.leafData = leafData
        self.appendedAt = appendedAt
    }

    /// The leaf hash, `SHA-256(0x00 || leafData)` (RFC 9162 §2.1.1).
    public var leafHash: [UInt8] { MerkleTree.leafHash(leafData) }

    /// The leaf data of `compact`: SHA-256 of its ASCII bytes.
    public static func leafData(of compact: String) -> [UInt8] {
        SHA256.hash(Array(compact.utf8))
    }
}

/// A signed tree head of the ledger: a JWS (`typ: checkpoint+jwt`) by an `ack` key over
/// `iss`, `iat`, `tree_size` and `root` (lowercase hex of RFC 9162 `MTH` over the first
/// `tree_size` leaves).
public struct SignedCheckpoint: Hashable, Sendable {
    /// How many leaves the checkpoint covers.
    public let treeSize: Int
    /// `MTH(D[treeSize])` (RFC 9162 §2.1.1), 32 bytes.
    public let root: [UInt8]
    /// `iat`: when it was signed.
    public let signedAt: UnixTime
    /// The JWS compact serialization (RFC 7515 §7.1).
    public let compact: String

    public init(treeSize: Int, root: [UInt8], signedAt: UnixTime, compact: String) {
        self.treeSize = treeSize
        self.root = root
        self.signedAt = signedAt
        self.compact = compact
    }
}

/// An inclusion proof (RFC 9162 §2.1.3) of one entry in the tree a signed checkpoint covers.
public struct LedgerProof: Hashable, Sendable {
    /// The entry's index.
    public let leafIndex: Int
    /// The size of the tree the proof is against (the checkpoint's).
    public let treeSize: Int
    /// `PATH(leafIndex, D[treeSize])`, nearest sibling first.
    public let inclusion: [[UInt8]]
    /// The checkpoint whose root the path leads to.
    public let checkpoint: SignedCheckpoint

    public init(leafIndex: Int, treeSize: Int, inclusion: [[UInt8]], checkpoint: SignedCheckpoint) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.inclusion = inclusion
        self.checkpoint = checkpoint
    }
}

/// A ledger entry's JWS as stored: sealed under the student's owner key.
public struct SealedLedgerBody: Hashable, Sendable {
    /// The entry's index (the sealed field's row id, as decimal).
    public let index: Int
    /// The owner whose key sealed it (the student).
    public let ownerID: String
    /// ``SealedField`` bytes (context `ledger_bodies.body`).
    public let sealed: [UInt8]
    /// When retention destroys it.
    public let expiresAt: UnixTime

    public init(index: Int, ownerID: String, sealed: [UInt8], expiresAt: UnixTime) {
        self.index = index
        self.ownerID = ownerID
        self.sealed = sealed
        self.expiresAt = expiresAt
    }

    /// The sealing context of entry `index`'s body.
    public static func context(_ index: Int) -> SealedField.Context {
        SealedField.Context(table: "ledger_bodies", column: "body", rowID: String(index))
    }
}
