/// RFC 9162 §2.1 Merkle tree hashes over SHA-256: the append-only log tree of
/// Certificate Transparency 2.0 (the same hashing as RFC 6962 §2.1).
///
/// Leaves and interior nodes are hashed under distinct one-byte prefixes (`0x00` and
/// `0x01`, §2.1.1), so an interior node can never be passed off as a leaf. All hashes
/// go through ``SHA256`` (OpenSSL `EVP_Digest`).
///
/// Proof generation here works from the array of all leaf hashes and recomputes the
/// subtree hashes it needs: O(n) hashes per proof, no caching. Verification
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

    /// `MTH(D[n])` (RFC 9162 §2.1.1) of the tree whose leaves have these leaf hashes
    /// (each as returned by ``leafHash(_:)``). The empty tree's hash is SHA-256 of the
    /// empty string.
    public static func root(leafHashes: [[UInt8]]) -> [UInt8] {
        if leafHashes.isEmpty { return SHA256.hash([]) }
        return subtreeHash(leafHashes[...])
    }

    /// `PATH(m, D[n])` (RFC 9162 §2.1.3.1): the audit path of leaf `leafIndex` in the
    /// tree of `leafHashes`, nearest sibling first.
    ///
    /// - Precondition: `0 <= leafIndex < leafHashes.count` (the caller checks indices
    ///   that come from a request before asking for a proof).
    public static func inclusionProof(leafIndex: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        precondition(leafIndex >= 0 && leafIndex < leafHashes.count, "leaf index outside the tree")
        var proof: [[UInt8]] = []
        path(leafIndex, leafHashes[...], into: &proof)
        return proof
    }

    /// `PROOF(m, D[n])` (RFC 9162 §2.1.4.1): the consistency proof from the tree of the
    /// first `oldSize` leaves to the tree of all `leafHashes`. Empty when
    /// `oldSize == leafHashes.count`.
    ///
    /// - Precondition: `0 < oldSize <= leafHashes.count`.
    public static func consistencyProof(from oldSize: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
        precondition(oldSize > 0 && oldSize <= leafHashes.count, "old size outside 1...tree size")
        var proof: [[UInt8]] = []
        subproof(oldSize, leafHashes[...], complete: true, into: &proof)
        return proof
    }

    // MARK: - The RFC's recursive definitions

    /// `MTH(D[n])` for a non-empty slice: split at the largest power of two smaller than n.
    static func subtreeHash(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let middle = leaves.startIndex + splitPoint(leaves.count)
        return nodeHash(subtreeHash(leaves[..<middle]), subtreeHash(leaves[middle...]))
    }

    /// `PATH(m, D[n])`, appended leaf-side first. `m` is relative to the slice.
    private static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>, into proof: inout [[UInt8]]) {
        guard leaves.count > 1 else { return }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        if m < k {
            path(m, leaves[..<middle], into: &proof)
            proof.append(subtreeHash(leaves[middle...]))
        } else {
            path(m - k, leaves[middle...], into: &proof)
            proof.append(subtreeHash(leaves[..<middle]))
        }
    }

    /// `SUBPROOF(m, D[n], b)`; `complete` is the RFC's `b` (whether `D[0:m]`'s hash is
    /// already known to the verifier).
    private static func subproof(
        _ m: Int, _ leaves: ArraySlice<[UInt8]>, complete: Bool, into proof: inout [[UInt8]]
    ) {
        if m == leaves.count {
            if !complete { proof.append(subtreeHash(leaves)) }
            return
        }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        if m <= k {
            subproof(m, leaves[..<middle], complete: complete, into: &proof)
            proof.append(subtreeHash(leaves[middle...]))
        } else {
            subproof(m - k, leaves[middle...], complete: false, into: &proof)
            proof.append(subtreeHash(leaves[..<middle]))
        }
    }

    /// The largest power of two smaller than `n` (`n > 1`), the RFC's `k`.
    static func splitPoint(_ n: Int) -> Int {
        1 << (Int.bitWidth - (n - 1).leadingZeroBitCount - 1)
    }
}
