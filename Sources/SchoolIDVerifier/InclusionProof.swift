import SchoolIDBase
import SchoolIDJOSE

/// The proof that a receipt is entry ``leafIndex`` of the ledger whose first ``treeSize``
/// entries a checkpoint signs: the `proof` object of `GET /v1/acknowledgements/{id}`.
///
/// ```json
/// {"leaf_index": 3, "tree_size": 8, "inclusion": ["<hex>", …], "checkpoint": "<JWS>"}
/// ```
/// ``hashes`` is the RFC 9162 §2.1.3.1 audit path, from the leaf upwards.
public struct InclusionProof: Hashable, Sendable {
    /// The receipt's position in the ledger (its `ledger_index`).
    public var leafIndex: Int
    /// The size of the tree the path leads through; equals the checkpoint's `tree_size`.
    public var treeSize: Int
    /// The audit path, 32-byte hashes.
    public var hashes: [[UInt8]]
    /// The checkpoint JWS (`typ: checkpoint+jwt`) whose root the path must reach.
    public var checkpoint: String

    /// Creates a proof from its parts.
    public init(leafIndex: Int, treeSize: Int, hashes: [[UInt8]], checkpoint: String) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
        self.checkpoint = checkpoint
    }

    /// Parses the API's `proof` object, or a whole acknowledgement answer holding one
    /// under `proof`.
    /// - Throws: ``VerificationError/malformed`` for any other shape, a hash that is not
    ///   64 lowercase hex characters or a negative index or size.
    public init(json: [UInt8]) throws(VerificationError) {
        guard case .object(var members)? = try? JSONValue(parsing: json) else { throw .malformed }
        if case .object(let nested)? = members["proof"] { members = nested }
        guard case .integer(let index)? = members["leaf_index"], case .integer(let size)? = members["tree_size"],
              case .array(let path)? = members["inclusion"], case .string(let checkpoint)? = members["checkpoint"],
              index >= 0, size >= 0, index <= Int64(Int.max), size <= Int64(Int.max)
        else { throw .malformed }
        self.init(leafIndex: Int(index), treeSize: Int(size), hashes: try Self.hashes(path), checkpoint: checkpoint)
    }

    /// Lowercase hex hashes of 32 bytes (the ledger's JSON rule).
    static func hashes(_ values: [JSONValue]) throws(VerificationError) -> [[UInt8]] {
        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(values.count)
        for value in values {
            guard case .string(let text) = value, VerifiedReceipt.isDigest(text), let hash = Hex.decode(text) else {
                throw .malformed
            }
            hashes.append(hash)
        }
        return hashes
    }
}
