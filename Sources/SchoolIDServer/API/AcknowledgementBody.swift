import SchoolIDBase
import SchoolIDCore

/// One acknowledgement request as the API shows it. The detail view of a signed request
/// adds the receipt (while its body is kept) and its inclusion proof against a signed
/// checkpoint; signing and withdrawal answers add the JWS they appended.
struct AcknowledgementBody: Encodable {
    /// An inclusion proof (RFC 9162 §2.1.3) of entry `leaf_index` in the tree of
    /// `tree_size` entries that `checkpoint` signs; hashes in lowercase hex.
    struct Proof: Encodable {
        let leafIndex: Int
        let treeSize: Int
        let inclusion: [String]
        let checkpoint: String

        enum CodingKeys: String, CodingKey {
            case leafIndex = "leaf_index", treeSize = "tree_size", inclusion, checkpoint
        }

        init(_ proof: LedgerProof) {
            leafIndex = proof.leafIndex
            treeSize = proof.treeSize
            inclusion = proof.inclusion.map { Hex.encode($0) }
            checkpoint = proof.checkpoint.compact
        }
    }

    let view: AcknowledgementService.View
    var receipt: String?
    var proof: Proof?
    var withdrawal: String?

    init(_ view: AcknowledgementService.View, receipt: String? = nil, proof: LedgerProof? = nil,
         withdrawal: String? = nil)
    {
        self.view = view
        self.receipt = receipt
        self.proof = proof.map(Proof.init)
        self.withdrawal = withdrawal
    }

    enum CodingKeys: String, CodingKey {
        case id, clientID = "client_id", student, document, title, digest, deadline, state
        case createdAt = "created_at", signedAt = "signed_at", signedBy = "signed_by", ledgerIndex = "ledger_index"
        case withdrawnAt = "withdrawn_at", withdrawalIndex = "withdrawal_index", receipt, proof, withdrawal
    }

    /// Encodes every member of the request, `null` included, so each response has the
    /// same shape; `receipt`, `proof` and `withdrawal` only where the answer has them.
    func encode(to encoder: any Encoder) throws {
        let acknowledgement = view.acknowledgement
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(acknowledgement.id.rawValue, forKey: .id)
        try container.encode(acknowledgement.clientID.rawValue, forKey: .clientID)
        try container.encode(acknowledgement.studentID.rawValue, forKey: .student)
        try container.encode(acknowledgement.documentID, forKey: .document)
        try container.encode(view.title, forKey: .title)
        try container.encode(acknowledgement.digest, forKey: .digest)
        try container.encode(acknowledgement.deadline?.seconds, forKey: .deadline)
        try container.encode(acknowledgement.state.rawValue, forKey: .state)
        try container.encode(acknowledgement.createdAt.seconds, forKey: .createdAt)
        try container.encode(acknowledgement.signedAt?.seconds, forKey: .signedAt)
        try container.encode(acknowledgement.signedBy?.rawValue, forKey: .signedBy)
        try container.encode(acknowledgement.ledgerIndex, forKey: .ledgerIndex)
        try container.encode(acknowledgement.withdrawnAt?.seconds, forKey: .withdrawnAt)
        try container.encode(acknowledgement.withdrawalIndex, forKey: .withdrawalIndex)
        try container.encodeIfPresent(receipt, forKey: .receipt)
        try container.encodeIfPresent(proof, forKey: .proof)
        try container.encodeIfPresent(withdrawal, forKey: .withdrawal)
    }
}
