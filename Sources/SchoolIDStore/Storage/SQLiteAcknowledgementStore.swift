import SchoolIDBase
import SchoolIDCore

/// `acknowledgements`: diary services' acknowledgement requests (issue 10).
struct SQLiteAcknowledgementStore: AcknowledgementStore {
    let connection: SQLiteConnection

    private static let columns = """
        id, client_id, student_id, document_id, digest, title, deadline, state, created_at, signed_at, signed_by,
        ledger_index, withdrawn_at, withdrawal_index
        """

    func insert(_ acknowledgement: Acknowledgement) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO acknowledgements (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                acknowledgement.id.rawValue, acknowledgement.clientID.rawValue, acknowledgement.studentID.rawValue,
                acknowledgement.documentID, acknowledgement.digest, acknowledgement.sealedTitle, acknowledgement.deadline,
                acknowledgement.state.rawValue, acknowledgement.createdAt, acknowledgement.signedAt,
                acknowledgement.signedBy?.rawValue, acknowledgement.ledgerIndex.map(Int64.init),
                acknowledgement.withdrawnAt, acknowledgement.withdrawalIndex.map(Int64.init),
            ])
        }
    }

    func acknowledgement(_ id: Acknowledgement.ID) throws -> Acknowledgement? {
        try connection.queryFirst("SELECT \(Self.columns) FROM acknowledgements WHERE id = ?", [id.rawValue])
            .map(Self.acknowledgement)
    }

    func acknowledgement(client: OAuthClient.ID, documentID: String, digest: String) throws -> Acknowledgement? {
        try connection.queryFirst("""
            SELECT \(Self.columns) FROM acknowledgements WHERE client_id = ? AND document_id = ? AND digest = ?
            """, [client.rawValue, documentID, digest]).map(Self.acknowledgement)
    }

    func acknowledgements(ofStudent studentID: Account.ID) throws -> [Acknowledgement] {
        try connection.query("""
            SELECT \(Self.columns) FROM acknowledgements WHERE student_id = ? ORDER BY created_at, rowid
            """, [studentID.rawValue]).map(Self.acknowledgement)
    }

    func markSigned(_ id: Acknowledgement.ID, by signer: Account.ID, at time: UnixTime, ledgerIndex: Int) throws -> Bool {
        try connection.execute("""
            UPDATE acknowledgements SET state = 'signed', signed_at = ?, signed_by = ?, ledger_index = ?
            WHERE id = ? AND state = 'pending'
            """, [time, signer.rawValue, Int64(ledgerIndex), id.rawValue])
        return connection.changes == 1
    }

    func markWithdrawn(_ id: Acknowledgement.ID, at time: UnixTime, ledgerIndex: Int) throws -> Bool {
        try connection.execute("""
            UPDATE acknowledgements SET state = 'withdrawn', withdrawn_at = ?, withdrawal_index = ?
            WHERE id = ? AND state = 'signed'
            """, [time, Int64(ledgerIndex), id.rawValue])
        return connection.changes == 1
    }

    func bind(_ binding: AcknowledgementChallenge) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO acknowledgement_challenges (challenge_id, acknowledgement_id, digest, signer_id)
                VALUES (?, ?, ?, ?)
                """, [binding.challengeID.rawValue, binding.acknowledgementID.rawValue, binding.digest,
                      binding.signerID.rawValue])
        }
    }

    func binding(ofChallenge id: Challenge.ID) throws -> AcknowledgementChallenge? {
        try connection.queryFirst("""
            SELECT challenge_id, acknowledgement_id, digest, signer_id FROM acknowledgement_challenges
            WHERE challenge_id = ?
            """, [id.rawValue]).map { row in
            AcknowledgementChallenge(challengeID: try row.value(0), acknowledgementID: try row.value(1),
                                     digest: try row.get(2), signerID: try row.value(3))
        }
    }

    private static func acknowledgement(_ row: SQLiteRow) throws -> Acknowledgement {
        Acknowledgement(id: try row.value(0), clientID: try row.value(1), studentID: try row.value(2),
                        documentID: try row.get(3), digest: try row.get(4), sealedTitle: try row.get(5),
                        deadline: try row.get(6), state: try row.value(7), createdAt: try row.get(8),
                        signedAt: try row.get(9), signedBy: try row.optionalValue(10),
                        ledgerIndex: (try row.get(11) as Int64?).map(Int.init), withdrawnAt: try row.get(12),
                        withdrawalIndex: (try row.get(13) as Int64?).map(Int.init))
    }
}
