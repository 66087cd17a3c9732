import SchoolIDBase
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// RFC 9162 §2.1 against the Certificate Transparency reference tree (figures from
/// transparency-dev/merkle, see `Tests/Fixtures/rfc9162/merkle.json`) and the
/// verifiers' boundaries. The exhaustive sizes 1..64 are in `MerkleTreeProofTests`.
@Suite struct MerkleTreeTests {
    struct Hasher: Decodable, Sendable {
        let emptyTree: String, emptyLeaf: String, leaf: String, node: String
        enum CodingKeys: String, CodingKey {
            case emptyTree = "empty tree", emptyLeaf = "empty leaf"
            case leaf = "leaf 'L123456'", node = "node 'N123' 'N456'"
        }
    }

    struct InclusionVector: Decodable, Sendable, CustomTestStringConvertible {
        let m: Int, n: Int, path: [String]
        var testDescription: String { "PATH(\(m), D[\(n)])" }
    }

    struct ConsistencyVector: Decodable, Sendable, CustomTestStringConvertible {
        let m: Int, n: Int, proof: [String]
        var testDescription: String { "PROOF(\(m), D[\(n)])" }
    }

    struct Vectors: Decodable, Sendable {
        let hasher: Hasher
        let leaves: [String], roots: [String]
        let inclusion: [InclusionVector], consistency: [ConsistencyVector]
        enum CodingKeys: String, CodingKey {
            case hasher = "# 2.1.1.  Definition of the Merkle Tree: hasher (rfc6962/rfc6962_test.go)"
            case leaves = "# 2.1.1.  Definition of the Merkle Tree: leaves d(0)..d(7) (proof/verify_test.go)"
            case roots = "# 2.1.1.  Definition of the Merkle Tree: MTH(D[1])..MTH(D[8]) (proof/verify_test.go)"
            case inclusion = "# 2.1.3.1.  Generating an Inclusion Proof: PATH(m, D[n]) (proof/verify_test.go, TestRefInclusionProof)"
            case consistency = "# 2.1.4.1.  Generating a Consistency Proof: PROOF(m, D[n]) (proof/verify_test.go)"
        }
    }

    static let vectors: Vectors? = try? Fixtures.decode(Vectors.self, from: "rfc9162/merkle.json")
    static let leafHashes: [[UInt8]] = (vectors?.leaves ?? []).map { MerkleTree.leafHash(hex($0)) }
    static let sha256OfNothing = SHA256.hash([])

    @Test("the RFC 9162 fixture holds the 8-leaf tree, 7 audit paths and 5 consistency proofs")
    func fixtureLoaded() throws {
        let vectors = try #require(Self.vectors)
        #expect(vectors.leaves.count == 8 && vectors.roots.count == 8)
        #expect(vectors.inclusion.count == 7 && vectors.consistency.count == 5)
    }

    @Test("RFC 9162 §2.1.1: empty tree, leaf (0x00 prefix) and node (0x01 prefix) hashes")
    func hasher() throws {
        let hasher = try #require(Self.vectors).hasher
        #expect(MerkleTree.root(leafHashes: []) == hex(hasher.emptyTree))
        #expect(MerkleTree.leafHash([]) == hex(hasher.emptyLeaf))
        #expect(MerkleTree.leafHash(Array("L123456".utf8)) == hex(hasher.leaf))
        #expect(MerkleTree.nodeHash(Array("N123".utf8), Array("N456".utf8)) == hex(hasher.node))
        #expect(MerkleTree.hashSize == 32)
    }

    @Test("RFC 9162 §2.1.1: a node is not the leaf of its children's concatenation, and order matters")
    func domainSeparation() {
        let a = MerkleTree.leafHash(Array("Hello".utf8)), b = MerkleTree.leafHash(Array("World".utf8))
        #expect(MerkleTree.nodeHash(a, b) != MerkleTree.leafHash(a + b))
        #expect(MerkleTree.nodeHash(a, b) != MerkleTree.nodeHash(b, a))
        #expect(MerkleTree.root(leafHashes: [a]) == a)
    }

    @Test("RFC 9162 §2.1.1: MTH(D[1])..MTH(D[8]) of the reference tree")
    func referenceRoots() throws {
        let roots = try #require(Self.vectors).roots
        for size in 1...8 {
            #expect(MerkleTree.root(leafHashes: Array(Self.leafHashes.prefix(size))) == hex(roots[size - 1]),
                    "size \(size)")
        }
    }

    @Test("RFC 9162 §2.1.3: the published audit paths are produced and verify",
          arguments: vectors?.inclusion ?? [])
    func referenceInclusion(_ vector: InclusionVector) throws {
        let roots = try #require(Self.vectors).roots
        let tree = Array(Self.leafHashes.prefix(vector.n))
        let proof = MerkleTree.inclusionProof(leafIndex: vector.m, leafHashes: tree)
        #expect(proof == vector.path.map(hex))
        #expect(MerkleTree.verifyInclusion(leafHash: tree[vector.m], leafIndex: vector.m, treeSize: vector.n,
                                           proof: proof, root: hex(roots[vector.n - 1])))
    }

    @Test("RFC 9162 §2.1.4: the published consistency proofs are produced and verify",
          arguments: vectors?.consistency ?? [])
    func referenceConsistency(_ vector: ConsistencyVector) throws {
        let roots = try #require(Self.vectors).roots
        let tree = Array(Self.leafHashes.prefix(vector.n))
        let proof = MerkleTree.consistencyProof(from: vector.m, leafHashes: tree)
        #expect(proof == vector.proof.map(hex))
        #expect(MerkleTree.verifyConsistency(oldSize: vector.m, newSize: vector.n, oldRoot: hex(roots[vector.m - 1]),
                                             newRoot: hex(roots[vector.n - 1]), proof: proof))
    }

    @Test("inclusion fails for size 0, an index outside 0..<size, and hashes that are not 32 bytes")
    func inclusionBoundaries() {
        let leaf = MerkleTree.leafHash([7])
        let two = [leaf, MerkleTree.leafHash([8])]
        let root = MerkleTree.root(leafHashes: two)
        let proof = MerkleTree.inclusionProof(leafIndex: 0, leafHashes: two)
        #expect(MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 2, proof: proof, root: root))
        #expect(MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], root: leaf))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 0, proof: [], root: leaf))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 0, proof: [],
                                            root: Self.sha256OfNothing))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 1, treeSize: 1, proof: [], root: leaf))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 2, treeSize: 2, proof: proof, root: root))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: -1, treeSize: 2, proof: proof, root: root))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: -2, proof: proof, root: root))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: Int.max, treeSize: Int.max,
                                            proof: proof, root: root))
        // Wrong lengths: a leaf, root or proof element of 31, 33 or 0 bytes.
        #expect(!MerkleTree.verifyInclusion(leafHash: Array(leaf.dropLast()), leafIndex: 0, treeSize: 1,
                                            proof: [], root: Array(leaf.dropLast())))
        #expect(!MerkleTree.verifyInclusion(leafHash: [], leafIndex: 0, treeSize: 1, proof: [], root: []))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 2,
                                            proof: [proof[0] + [0]], root: root))
        #expect(!MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: 0, treeSize: 2, proof: proof, root: []))
    }

    @Test("consistency: m == n needs an empty proof and equal roots; m == 0, n == 0 or m > n fail")
    func consistencyBoundaries() {
        let tree = (0..<5).map { MerkleTree.leafHash([UInt8($0)]) }
        let root4 = MerkleTree.root(leafHashes: Array(tree.prefix(4)))
        let root5 = MerkleTree.root(leafHashes: tree)
        let proof = MerkleTree.consistencyProof(from: 4, leafHashes: tree)
        #expect(MerkleTree.consistencyProof(from: 5, leafHashes: tree).isEmpty)
        #expect(MerkleTree.verifyConsistency(oldSize: 4, newSize: 5, oldRoot: root4, newRoot: root5, proof: proof))
        #expect(MerkleTree.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: root5, newRoot: root5, proof: []))
        #expect(!MerkleTree.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: root4, newRoot: root5, proof: []))
        #expect(!MerkleTree.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: root5, newRoot: root5, proof: [root5]))
        #expect(!MerkleTree.verifyConsistency(oldSize: 4, newSize: 5, oldRoot: root4, newRoot: root5, proof: []))
        let empty = Self.sha256OfNothing
        #expect(!MerkleTree.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: empty, newRoot: root5, proof: []))
        #expect(!MerkleTree.verifyConsistency(oldSize: 0, newSize: 0, oldRoot: empty, newRoot: empty, proof: []))
        #expect(!MerkleTree.verifyConsistency(oldSize: 5, newSize: 4, oldRoot: root5, newRoot: root4, proof: proof))
        #expect(!MerkleTree.verifyConsistency(oldSize: -1, newSize: 5, oldRoot: root4, newRoot: root5, proof: proof))
        #expect(!MerkleTree.verifyConsistency(oldSize: 4, newSize: Int.max, oldRoot: root4, newRoot: root5,
                                              proof: proof))
        #expect(!MerkleTree.verifyConsistency(oldSize: 4, newSize: 5, oldRoot: Array(root4.dropLast()),
                                              newRoot: root5, proof: proof))
        #expect(!MerkleTree.verifyConsistency(oldSize: 4, newSize: 5, oldRoot: root4, newRoot: root5,
                                              proof: proof.map { $0 + [0] }))
    }
}
