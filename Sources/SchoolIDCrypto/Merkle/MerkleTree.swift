/// RFC 9162 §2.1 Merkle tree hashes over SHA-256: the append-only log tree of
/// Certificate Transparency 2.0 (the same hashing as RFC 6962 §2.1).
///
/// Leaves and interior nodes are hashed under distinct one-byte prefixes (`0x00` and
/// `0x01`, §2.1.1), so an interior node can never be passed off as a leaf. All hashes
/// go through ``SHA256`` (OpenSSL `EVP_Digest`).
///
/// Proof generation works either from the array of all leaf hashes (recomputing every
/// subtree it needs: O(n) hashes per proof) or from a source of complete subtree hashes
/// (``SubtreeHashes``: a store that keeps them answers a proof with O(log² n) lookups).
/// Verification
/// (``verifyInclusion(leafHash:leafIndex:treeSize:proof:root:)`` and
/// ``verifyConsistency(oldSize:newSize:oldRoot:newRoot:proof:)``) returns `false` for
/// any malformed input and never traps.
public enum MerkleTree {
    /// The length of every hash in the tree (SHA-256).
    public static let hashSize = 32

    /// The hash of a leaf, `SHA-256(0x00 || data)` (RFC 9162 §2.1.1: `MTH({d(0)})`).
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        SHA256.hash([0x00] + data)
    }

    /// The hash of an interior node, `SHA-256(0x01 || left || right)` (RFC 9162 §2.1.1).
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(1 + left.count + right.count)
        input.append(0x01)
        input += left
        input += right
        return SHA256.hash(input)
    }

    /// A source of complete subtree hashes: given leaves `start..<start + count`, where
    /// `count` is a power of two and `start` a multiple of it, `MTH` of those leaves (for
    /// `count == 1`, the leaf hash). The RFC's recursions only ever ask for such ranges.
    public typealias SubtreeHashes = (Range<Int>) throws -> [UInt8]

    /// `MTH(D[n])` (RFC 9162 §2.1.1) of the tree whose leaves have these leaf hashes
    /// (each as returned by ``leafHash(_:)``). The empty tree's hash is SHA-256 of the
    /// empty string.
    public static func root(leafHashes: [[UInt8]]) -> [UInt8] {
        root(size: leafHashes.count) { subtreeHash(leafHashes[$0]) }
    }

    /// `MTH(D[size])` from complete subtree hashes.
    /// - Throws: what `subtrees` throws.
    public static func root(size: Int, subtrees: SubtreeHashes) rethrows -> [UInt8] {
        if size == 0 { return SHA256.hash([]) }
        return try hash(0..<size, subtrees)
    }

    /// `PATH(m, D[n])` (RFC 9162 §2.1.3.1): the audit path of leaf `leafIndex` in the
    /// tree of `leafHashes`, nearest sibling first.
    ///
    /// - Precondition: `0 <= leafIndex < leafHashes.count` (the caller checks indices
    ///   that come from a request before asking for a proof).
    public static func inclusionProof(leafIndex: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        inclusionProof(leafIndex: leafIndex, size: leafHashes.count) { subtreeHash(leafHashes[$0]) }
    }

    /// `PATH(m, D[size])` from complete subtree hashes.
    /// - Precondition: `0 <= leafIndex < size`.
    /// - Throws: what `subtrees` throws.
    public static func inclusionProof(leafIndex: Int, size: Int, subtrees: SubtreeHashes) rethrows -> [[UInt8]] {
        precondition(leafIndex >= 0 && leafIndex < size, "leaf index outside the tree")
        var proof: [[UInt8]] = []
        try path(leafIndex, 0..<size, subtrees, into: &proof)
        return proof
    }

    /// `PROOF(m, D[n])` (RFC 9162 §2.1.4.1): the consistency proof from the tree of the
    /// first `oldSize` leaves to the tree of all `leafHashes`. Empty when
    /// `oldSize == leafHashes.count`.
    ///
    /// - Precondition: `0 < oldSize <= leafHashes.count`.
    public static func consistencyProof(from oldSize: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        consistencyProof(from: oldSize, size: leafHashes.count) { subtreeHash(leafHashes[$0]) }
    }

    /// `PROOF(m, D[size])` from complete subtree hashes.
    /// - Precondition: `0 < oldSize <= size`.
    /// - Throws: what `subtrees` throws.
    public static func consistencyProof(from oldSize: Int, size: Int, subtrees: SubtreeHashes) rethrows -> [[UInt8]] {
        precondition(oldSize > 0 && oldSize <= size, "old size outside 1...tree size")
        var proof: [[UInt8]] = []
        try subproof(oldSize, 0..<size, subtrees, complete: true, into: &proof)
        return proof
    }

    // MARK: - The RFC's recursive definitions, over leaf ranges

    /// `MTH(D[n])` of a non-empty slice of leaf hashes, recomputed.
    static func subtreeHash(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let middle = leaves.startIndex + splitPoint(leaves.count)
        return nodeHash(subtreeHash(leaves[..<middle]), subtreeHash(leaves[middle...]))
    }

    /// `MTH` of a non-empty leaf range: a complete subtree comes from `subtrees`, anything
    /// else is split at the largest power of two smaller than its size. Every range the
    /// recursions reach starts at a multiple of that power, so the pieces are complete.
    private static func hash(_ range: Range<Int>, _ subtrees: SubtreeHashes) rethrows -> [UInt8] {
        if range.count.nonzeroBitCount == 1 { return try subtrees(range) }
        let middle = range.lowerBound + splitPoint(range.count)
        return nodeHash(try hash(range.lowerBound..<middle, subtrees), try hash(middle..<range.upperBound, subtrees))
    }

    /// `PATH(m, D[n])`, appended leaf-side first. `m` is relative to the range.
    private static func path(_ m: Int, _ range: Range<Int>, _ subtrees: SubtreeHashes,
                             into proof: inout [[UInt8]]) rethrows
    {
        guard range.count > 1 else { return }
        let middle = range.lowerBound + splitPoint(range.count)
        if m < middle - range.lowerBound {
            try path(m, range.lowerBound..<middle, subtrees, into: &proof)
            proof.append(try hash(middle..<range.upperBound, subtrees))
        } else {
            try path(m - (middle - range.lowerBound), middle..<range.upperBound, subtrees, into: &proof)
            proof.append(try hash(range.lowerBound..<middle, subtrees))
        }
    }

    /// `SUBPROOF(m, D[n], b)`; `complete` is the RFC's `b` (whether `D[0:m]`'s hash is
    /// already known to the verifier).
    private static func subproof(_ m: Int, _ range: Range<Int>, _ subtrees: SubtreeHashes, complete: Bool,
                                 into proof: inout [[UInt8]]) rethrows
    {
        if m == range.count {
            if !complete { proof.append(try hash(range, subtrees)) }
            return
        }
        let k = splitPoint(range.count)
        let middle = range.lowerBound + k
        if m <= k {
            try subproof(m, range.lowerBound..<middle, subtrees, complete: complete, into: &proof)
            proof.append(try hash(middle..<range.upperBound, subtrees))
        } else {
            try subproof(m - k, middle..<range.upperBound, subtrees, complete: false, into: &proof)
            proof.append(try hash(range.lowerBound..<middle, subtrees))
        }
    }

    /// The largest power of two smaller than `n` (`n > 1`), the RFC's `k`.
    static func splitPoint(_ n: Int) -> Int {
        1 << (Int.bitWidth - (n - 1).leadingZeroBitCount - 1)
    }
}
