import SchoolIDBase
import SchoolIDCore

/// `consents`: append-only consent records.
struct SQLiteConsentStore: ConsentStore {
    let connection: SQLiteConnection

    private static let columns = "id, subject_id, given_by, basis, text_version, channel, given_at"

    func insert(_ record: ConsentRecord) throws {
        try connection.mappingConstraints {
            try connection.execute("INSERT INTO consents (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)", [
                record.id.rawValue, record.subjectID.rawValue, record.givenBy.rawValue, record.basis.rawValue,
                record.textVersion, record.channel.rawValue, record.givenAt,
            ])
        }
    }

    func records(subject: Account.ID) throws -> [ConsentRecord] {
        try connection.query("SELECT \(Self.columns) FROM consents WHERE subject_id = ? ORDER BY given_at, rowid",
                             [subject.rawValue]).map(Self.record)
    }

    func records(givenBy adult: Account.ID) throws -> [ConsentRecord] {
        try connection.query("SELECT \(Self.columns) FROM consents WHERE given_by = ? ORDER BY given_at, rowid",
                             [adult.rawValue]).map(Self.record)
    }

    func latestOwn(of account: Account.ID) throws -> ConsentRecord? {
        try connection.queryFirst("""
            SELECT \(Self.columns) FROM consents WHERE subject_id = ?1 AND given_by = ?1 AND basis = 'own'
            ORDER BY text_version DESC, given_at DESC, rowid DESC LIMIT 1
            """, [account.rawValue]).map(Self.record)
    }

    private static func record(_ row: SQLiteRow) throws -> ConsentRecord {
        ConsentRecord(id: try row.value(0), subjectID: try row.value(1), givenBy: try row.value(2),
                      basis: try row.value(3), textVersion: try row.get(4), channel: try row.value(5),
                      givenAt: try row.get(6))
    }
}
