import SchoolIDBase
import SchoolIDJOSE

extension AccountExport {
    /// The acknowledgement requests about the student (any client, any state), oldest
    /// first, with the title opened under the student's key (`null` when it is gone).
    func acknowledgements(of studentID: Account.ID, key: SealingKey) throws -> [JSONValue] {
        try tx.acknowledgements.acknowledgements(ofStudent: studentID).map { acknowledgement in
            .object([
                "id": .string(acknowledgement.id.rawValue), "client_id": .string(acknowledgement.clientID.rawValue),
                "document_id": .string(acknowledgement.documentID), "digest": .string(acknowledgement.digest),
                "title": (try? acknowledgement.title(under: key)).map(JSONValue.string) ?? .null,
                "deadline": Self.time(acknowledgement.deadline), "state": .string(acknowledgement.state.rawValue),
                "created_at": Self.time(acknowledgement.createdAt), "signed_at": Self.time(acknowledgement.signedAt),
                "signed_by": Self.id(acknowledgement.signedBy),
                "ledger_index": acknowledgement.ledgerIndex.map { .integer(Int64($0)) } ?? .null,
                "withdrawn_at": Self.time(acknowledgement.withdrawnAt),
                "withdrawal_index": acknowledgement.withdrawalIndex.map { .integer(Int64($0)) } ?? .null,
            ])
        }
    }
}
