extension MerkleTree {
    /// RFC 9162 §2.1.3.2: whether `proof` is the audit path that leads from `leafHash`
    /// at `leafIndex` to `root` in a tree of `treeSize` leaves.
    ///
    /// `false` (never a trap) for a malformed proof: an index outside `0..<treeSize`,
    /// `treeSize <= 0`, any hash whose length is not ``hashSize``, or a path that is too
    /// short or too long for the tree's shape.
    public static func verifyInclusion(
        leafHash: [UInt8], leafIndex: Int, treeSize: Int, proof: [[UInt8]], root: [UInt8]
    ) -> Bool {
        guard treeSize > 0, leafIndex >= 0, leafIndex < treeSize,
              leafHash.count == hashSize, root.count == hashSize,
              proof.allSatisfy({ $0.count == hashSize })
        else { return false }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162 §2.1.4.2: whether `proof` shows that the tree of `newSize` leaves with
    /// head `newRoot` extends the tree of `oldSize` leaves with head `oldRoot`.
    ///
    /// When `oldSize == newSize` the proof must be empty and the roots equal.
    /// `false` (never a trap) for `oldSize <= 0` (a checkpoint of the empty tree proves
    /// nothing here), `newSize < oldSize`, any hash whose length is not ``hashSize``,
    /// or a proof of the wrong length for the two sizes.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard oldSize > 0, newSize >= oldSize,
              oldRoot.count == hashSize, newRoot.count == hashSize,
              proof.allSatisfy({ $0.count == hashSize })
        else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }

        // Step 2: a power-of-two old tree is a complete subtree; its root starts the path.
        let path = oldSize & (oldSize - 1) == 0 ? [oldRoot] + proof : proof
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }
}
