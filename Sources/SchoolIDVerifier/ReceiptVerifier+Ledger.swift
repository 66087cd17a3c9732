import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

extension ReceiptVerifier {
    /// Verifies a ledger checkpoint: a JWS of `typ` `checkpoint+jwt` signed by an ack key
    /// of the ack keys document, under the same rules as receipts (`alg` on the allow-list
    /// and equal to the key's, never a token key, RFC 8725 §3.11–3.12), `iss` equal to the
    /// configured issuer, `iat` not in the future and inside the key's active period, and
    /// the claims `tree_size` (integer ≥ 0) and `root` (64 lowercase hex). There is no
    /// `aud` or `exp`: a checkpoint is addressed to every verifier and never expires.
    /// - Parameter compact: the JWS compact serialization.
    /// - Returns: the signed tree head.
    /// - Throws: ``VerificationError``.
    public func verifyCheckpoint(_ compact: String) async throws -> VerifiedCheckpoint {
        let signed = try await verifyAckSignature(compact, type: "checkpoint+jwt")
        let (issuer, claims) = try VerifiedCheckpoint.claims(payload: signed.jws.payload)
        guard issuer == configuration.issuer else { throw VerificationError.wrongIssuer }
        try signed.checkIssuedAt(UnixTime(seconds: claims.issuedAt), leeway: configuration.leeway)
        return VerifiedCheckpoint(treeSize: claims.treeSize, root: claims.root, issuedAt: claims.issuedAt, compact: compact)
    }

    /// Verifies a receipt and its place in the ledger: ``verifyReceipt(_:)``, then
    /// ``verifyCheckpoint(_:)`` on `proof.checkpoint`, then that the leaf hash
    /// `MerkleTree.leafHash(SHA-256(receipt bytes))` is entry `proof.leafIndex` — which must
    /// be the receipt's `ledger_index` — of the checkpoint's tree (RFC 9162 §2.1.3.2), whose
    /// size must be `proof.treeSize`.
    ///
    /// The checkpoint proves something only relative to checkpoints held outside SchoolID:
    /// pass it to ``LedgerMonitor`` (``LedgerMonitor/verifyInclusion(receipt:proof:)`` does both).
    /// - Parameters:
    ///   - receipt: the receipt JWS, exactly as issued (its bytes are the leaf data).
    ///   - proof: the inclusion proof and checkpoint from the acknowledgement.
    /// - Returns: the verified receipt.
    /// - Throws: ``VerificationError``; ``VerificationError/notIncluded`` when the proof
    ///   does not place this receipt at its index under the checkpoint's root.
    public func verifyInclusion(receipt: String, proof: InclusionProof) async throws -> VerifiedReceipt {
        try await verifyIncluded(receipt: receipt, proof: proof).receipt
    }

    /// ``verifyInclusion(receipt:proof:)`` keeping the checkpoint it verified.
    func verifyIncluded(receipt compact: String, proof: InclusionProof) async throws
        -> (receipt: VerifiedReceipt, checkpoint: VerifiedCheckpoint)
    {
        let receipt = try await verifyReceipt(compact)
        let checkpoint = try await verifyCheckpoint(proof.checkpoint)
        guard receipt.ledgerIndex == Int64(proof.leafIndex) else {
            throw VerificationError(.notIncluded, detail: "the proof is for another ledger index than the receipt's")
        }
        guard proof.treeSize == checkpoint.treeSize else {
            throw VerificationError(.notIncluded, detail: "the proof's tree size is not the checkpoint's")
        }
        let leafHash = MerkleTree.leafHash(SHA256.hash(Array(compact.utf8)))
        guard MerkleTree.verifyInclusion(leafHash: leafHash, leafIndex: proof.leafIndex, treeSize: proof.treeSize,
                                         proof: proof.hashes, root: checkpoint.root)
        else {
            throw VerificationError(.notIncluded, detail: "the audit path does not lead to the checkpoint's root")
        }
        return (receipt, checkpoint)
    }
}
