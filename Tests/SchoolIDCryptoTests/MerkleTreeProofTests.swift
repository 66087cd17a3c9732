import SchoolIDCrypto
import Testing

/// Every tree size 1..64: roots against the RFC's recursive definition written out
/// here independently, every audit path, every consistency proof, and tampering.
@Suite struct MerkleTreeProofTests {
    /// Leaf data of varied lengths, including empty leaves.
    static let leafData: [[UInt8]] = (0..<64).map { i in (0..<(i % 7)).map { UInt8(truncatingIfNeeded: i * 31 + $0) } }
    static let leafHashes: [[UInt8]] = leafData.map(MerkleTree.leafHash)
    /// `roots[n]` is MTH(D[n]) for n in 0...64, by the naive definition below.
    static let roots: [[UInt8]] = (0...64).map { naiveMTH(leafData[..<$0]) }

    /// RFC 9162 §2.1.1 as written: SHA-256 of the empty string, `SHA-256(0x00 || d(0))`,
    /// or `SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))` with k the largest power of two
    /// smaller than n.
    static func naiveMTH(_ data: ArraySlice<[UInt8]>) -> [UInt8] {
        switch data.count {
        case 0: return SHA256.hash([])
        case 1: return SHA256.hash([0x00] + data[data.startIndex])
        default:
            var k = 1
            while k * 2 < data.count { k *= 2 }
            let middle = data.startIndex + k
            return SHA256.hash([0x01] + naiveMTH(data[..<middle]) + naiveMTH(data[middle...]))
        }
    }

    static func flipping(_ proof: [[UInt8]], element: Int) -> [[UInt8]] {
        var copy = proof
        copy[element][element % MerkleTree.hashSize] ^= 0x10
        return copy
    }

    @Test("from complete subtree hashes, roots and proofs for every size 1..64 equal those from the leaves, and only aligned power-of-two ranges are asked for")
    func fromSubtrees() throws {
        var asked: [Range<Int>] = []
        let subtrees: MerkleTree.SubtreeHashes = { range in
            asked.append(range)
            return Self.naiveMTH(Self.leafData[range])
        }
        for n in 1...64 {
            let leaves = Array(Self.leafHashes.prefix(n))
            #expect(try MerkleTree.root(size: n, subtrees: subtrees) == Self.roots[n])
            for m in 0..<n {
                #expect(try MerkleTree.inclusionProof(leafIndex: m, size: n, subtrees: subtrees)
                        == MerkleTree.inclusionProof(leafIndex: m, leafHashes: leaves), "leaf \(m) of \(n)")
            }
            for m in 1...n {
                #expect(try MerkleTree.consistencyProof(from: m, size: n, subtrees: subtrees)
                        == MerkleTree.consistencyProof(from: m, leafHashes: leaves), "\(m) to \(n)")
            }
        }
        #expect(asked.allSatisfy { $0.count.nonzeroBitCount == 1 && $0.lowerBound % $0.count == 0 })
    }

    @Test("MTH for every size 0..64 equals the RFC's recursive definition")
    func roots() {
        for n in 0...64 {
            #expect(MerkleTree.root(leafHashes: Array(Self.leafHashes.prefix(n))) == Self.roots[n], "size \(n)")
        }
    }

    /// Tampering: another index or leaf, a flipped byte, a shorter or longer path, another
    /// tree size with its root, or the root of another size.
    @Test("every audit path in sizes 1..64 verifies and every tampered variant fails",
          arguments: 1...64)
    func inclusion(size n: Int) {
        let tree = Array(Self.leafHashes.prefix(n)), root = Self.roots[n]
        for m in 0..<n {
            let leaf = tree[m]
            let proof = MerkleTree.inclusionProof(leafIndex: m, leafHashes: tree)
            func verifies(leaf: [UInt8] = leaf, index: Int = m, size: Int = n,
                          proof: [[UInt8]] = proof, root: [UInt8] = root) -> Bool {
                MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: index, treeSize: size, proof: proof, root: root)
            }
            #expect(verifies(), "PATH(\(m), D[\(n)])")
            for other in [m - 1, m + 1, m ^ 2] where other >= 0 && other < n && other != m {
                #expect(!verifies(index: other), "index \(other) for PATH(\(m), D[\(n)])")
                #expect(!verifies(leaf: tree[other]), "leaf \(other) with PATH(\(m), D[\(n)])")
            }
            for element in proof.indices {
                #expect(!verifies(proof: Self.flipping(proof, element: element)),
                        "flipped [\(element)] of PATH(\(m), D[\(n)])")
            }
            if !proof.isEmpty {
                #expect(!verifies(proof: Array(proof.dropLast())), "truncated PATH(\(m), D[\(n)])")
                #expect(!verifies(proof: Array(proof.dropFirst())), "first dropped from PATH(\(m), D[\(n)])")
            }
            #expect(!verifies(proof: proof + [root]), "extended PATH(\(m), D[\(n)])")
            #expect(!verifies(proof: [leaf] + proof), "prefixed PATH(\(m), D[\(n)])")
            for size in [n - 1, n + 1, n * 2, n / 2] where size > m && size != n && size <= 64 {
                #expect(!verifies(size: size, root: Self.roots[size]), "size \(size) for PATH(\(m), D[\(n)])")
            }
            #expect(!verifies(root: Self.roots[n - 1]), "root of size \(n - 1) for PATH(\(m), D[\(n)])")
        }
    }

    /// Tampering: a flipped byte, a dropped or added element, swapped or reversed roots,
    /// another old or new size with its root.
    @Test("every consistency proof 1 <= m <= n <= 64 verifies and every tampered variant fails",
          arguments: 1...64)
    func consistency(newSize n: Int) {
        let tree = Array(Self.leafHashes.prefix(n)), newRoot = Self.roots[n]
        for m in 1...n {
            let oldRoot = Self.roots[m]
            let proof = MerkleTree.consistencyProof(from: m, leafHashes: tree)
            func verifies(old: Int = m, new: Int = n, oldRoot: [UInt8] = oldRoot, newRoot: [UInt8] = newRoot,
                          proof: [[UInt8]] = proof) -> Bool {
                MerkleTree.verifyConsistency(oldSize: old, newSize: new, oldRoot: oldRoot, newRoot: newRoot,
                                             proof: proof)
            }
            let name = "PROOF(\(m), D[\(n)])"
            #expect(verifies(), "\(name)")
            #expect(proof.isEmpty == (m == n), "\(name) is empty only when m == n")
            guard m < n else {
                #expect(!verifies(proof: [newRoot]), "\(name) with an element")
                continue
            }
            for element in proof.indices {
                #expect(!verifies(proof: Self.flipping(proof, element: element)), "flipped [\(element)] of \(name)")
            }
            #expect(!verifies(proof: Array(proof.dropLast())), "truncated \(name)")
            #expect(!verifies(proof: Array(proof.dropFirst())), "first dropped from \(name)")
            #expect(!verifies(proof: proof + [newRoot]), "\(name) + new root")
            #expect(!verifies(proof: [oldRoot] + proof), "old root + \(name)")
            #expect(!verifies(proof: [proof[0]] + proof), "\(name) with its first element twice")
            #expect(!verifies(oldRoot: newRoot, newRoot: oldRoot), "swapped roots for \(name)")
            #expect(!verifies(old: n, new: m, oldRoot: newRoot, newRoot: oldRoot), "reversed \(name)")
            for old in [m - 1, m + 1] where old >= 1 && old <= n {
                #expect(!verifies(old: old, oldRoot: Self.roots[old]), "old size \(old) for \(name)")
            }
            for new in [n - 1, n + 1] where new >= m && new <= 64 {
                #expect(!verifies(new: new, newRoot: Self.roots[new]), "new size \(new) for \(name)")
            }
            // Not asserted: another new size paired with the *same* root. Where the path
            // has the same shape (PROOF(45, D[63]) read as D[64]) that verifies; the size
            // is bound to the root by the signed checkpoint, not by the proof.
        }
    }
}
