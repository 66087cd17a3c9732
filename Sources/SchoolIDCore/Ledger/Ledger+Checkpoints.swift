import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

extension Ledger {
    /// Signs and stores the checkpoint of the first `treeSize` entries, in `tx`, and
    /// audits `ledger.checkpoint_signed`.
    ///
    /// Claims: `iss`, `iat` = `now`, `tree_size`, `root` (lowercase hex of `MTH`, RFC 9162
    /// §2.1.1); no `exp` and no `aud`: a checkpoint is a public statement about the tree.
    /// - Throws: ``ReceiptIssuanceError/noActiveKey(_:)``, ``LedgerIntegrityError``, a
    ///   store or signing error.
    /// - Returns: the stored checkpoint (an earlier one of the same size if one exists).
    @discardableResult
    func signCheckpoint(treeSize: Int, at now: UnixTime, reason: String,
                        in tx: any WriteTransaction) throws -> SignedCheckpoint
    {
        let root = try MerkleTree.root(size: treeSize) { try Self.subtreeHash($0, in: tx.ledger) }
        let algorithm = environment.policies.tokens.defaultAlgorithms.acknowledgement
        guard let key = keys().activeSigningKey(.ack, algorithm: algorithm) else {
            throw ReceiptIssuanceError.noActiveKey(algorithm.rawValue)
        }
        let claims = JWTClaims(issuer: issuer, issuedAt: now, extra: [
            "tree_size": .integer(Int64(treeSize)), "root": .string(Hex.encode(root)),
        ])
        let checkpoint = SignedCheckpoint(treeSize: treeSize, root: root, signedAt: now,
                                          compact: try JWT.sign(claims, type: Self.checkpointType, key: key))
        guard try tx.ledger.insertCheckpoint(checkpoint) else {
            return try tx.ledger.checkpoints().first { $0.treeSize == treeSize } ?? checkpoint
        }
        try tx.audit.append(AuditEvent(
            at: now, action: .ledgerCheckpointSigned, clientAddress: "job", requestID: "ledger",
            detail: "tree_size=\(treeSize) root=\(Hex.encode(root)) reason=\(reason)"))
        return checkpoint
    }
}
