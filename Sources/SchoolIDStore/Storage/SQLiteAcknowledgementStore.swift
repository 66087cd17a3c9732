import SchoolIDBase
import SchoolIDCore

/// `acknowledgements`: diary services' acknowledgement requests (issue 10).
struct SQLiteAcknowledgementStore: AcknowledgementStore {
    let connection: SQLiteConnection

    private static let columns = """
        id, client_id, student_id, document_id, digest, title, deadline, state, created_at, signed_at, signed_by
        """

    func insert(_ acknowledgement: Acknowledgement) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO acknowledgements (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                acknowledgement.id.rawValue, acknowledgement.clientID.rawValue, acknowledgement.studentID.rawValue,
                acknowledgement.documentID, acknowledgement.digest, acknowledgement.sealedTitle, acknowledgement.deadline,
                acknowledgement.state.rawValue, acknowledgement.createdAt, acknowledgement.signedAt,
                acknowledgement.signedBy?.rawValue,
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

    private static func acknowledgement(_ row: SQLiteRow) throws -> Acknowledgement {
        Acknowledgement(id: try row.value(0), clientID: try row.value(1), studentID: try row.value(2),
                        documentID: try row.get(3), digest: try row.get(4), sealedTitle: try row.get(5),
                        deadline: try row.get(6), state: try row.value(7), createdAt: try row.get(8),
                        signedAt: try row.get(9), signedBy: try row.optionalValue(10))
    }
}
