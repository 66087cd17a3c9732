import SchoolIDBase
import SchoolIDJOSE

/// A ledger checkpoint whose signature, `typ`, issuer and key period were checked: the
/// signed tree head (RFC 9162 §4.10) of the ledger's first ``treeSize`` entries.
///
/// Only ``ReceiptVerifier/verifyCheckpoint(_:)`` and the checkpoint stores create one,
/// so a value of this type always stands for a JWS an ack key signed. Encodes as
/// `{"tree_size", "root" (hex), "iat", "checkpoint" (the JWS)}` for tools.
public struct VerifiedCheckpoint: Hashable, Sendable, Encodable {
    /// `tree_size`: how many ledger entries the root covers (0 for the empty ledger).
    public let treeSize: Int
    /// `root`: the Merkle tree hash of those entries (RFC 9162 §2.1.1), 32 bytes.
    public let root: [UInt8]
    /// `iat`: when SchoolID signed the checkpoint, in unix seconds.
    public let issuedAt: Int64
    /// The JWS compact serialization, kept so it can be handed on (gossip) or re-verified.
    public let compact: String

    init(treeSize: Int, root: [UInt8], issuedAt: Int64, compact: String) {
        self.treeSize = treeSize
        self.root = root
        self.issuedAt = issuedAt
        self.compact = compact
    }

    /// Reads the checkpoint claims from a JWS payload: `iss` (compared by the caller),
    /// `iat`, `tree_size` (an integer ≥ 0) and `root` (64 lowercase hex characters).
    /// - Throws: ``VerificationError/malformed``, ``VerificationError/missingClaim`` or
    ///   ``VerificationError/invalidClaim``.
    static func claims(payload: [UInt8]) throws(VerificationError) -> (issuer: String, checkpoint: Claims) {
        guard case .object(let members)? = try? JSONValue(parsing: payload) else { throw .malformed }
        func value(_ name: String) throws(VerificationError) -> JSONValue {
            guard let value = members[name], value != .null else { throw .missingClaim }
            return value
        }
        guard case .string(let issuer) = try value("iss"), case .integer(let issuedAt) = try value("iat"),
              case .integer(let size) = try value("tree_size"), case .string(let rootText) = try value("root")
        else { throw .invalidClaim }
        guard size >= 0, size <= Int64(Int.max), VerifiedReceipt.isDigest(rootText), let root = Hex.decode(rootText) else {
            throw .invalidClaim
        }
        return (issuer, Claims(treeSize: Int(size), root: root, issuedAt: issuedAt))
    }

    /// The claims a checkpoint carries besides `iss`.
    struct Claims: Equatable {
        let treeSize: Int
        let root: [UInt8]
        let issuedAt: Int64
    }

    enum CodingKeys: String, CodingKey {
        case treeSize = "tree_size", root, issuedAt = "iat", compact = "checkpoint"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treeSize, forKey: .treeSize)
        try container.encode(Hex.encode(root), forKey: .root)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encode(compact, forKey: .compact)
    }
}
