import SchoolIDBase
import SchoolIDCore

/// `guardian_links` and `link_codes` rows as ``GuardianLink`` and ``LinkCode`` values.
struct SQLiteGuardianLinkStore: GuardianLinkStore {
    let connection: SQLiteConnection

    private static let linkColumns = """
        id, guardian_id, student_id, relation, origin, state, proposed_by, created_at, confirmed_at, ended_at, ended_by
        """
    private static let codeColumns = "id, student_id, code_hmac, code_key_version, issued_by, created_at, expires_at, used_at"

    private static func link(_ row: SQLiteRow) throws -> GuardianLink {
        GuardianLink(id: try row.value(0), guardianID: try row.value(1), studentID: try row.value(2),
                     relation: try row.value(3), origin: try row.value(4), state: try row.value(5),
                     proposedBy: try row.optionalValue(6), createdAt: try row.get(7), confirmedAt: try row.get(8),
                     endedAt: try row.get(9), endedBy: try row.optionalValue(10))
    }

    private static func code(_ row: SQLiteRow) throws -> LinkCode {
        LinkCode(id: try row.value(0), studentID: try row.value(1), codeHMAC: try row.get(2),
                 codeKeyVersion: try row.get(3), issuedBy: try row.optionalValue(4), createdAt: try row.get(5),
                 expiresAt: try row.get(6), usedAt: try row.get(7))
    }

    func link(_ id: GuardianLink.ID) throws -> GuardianLink? {
        try connection.queryFirst("SELECT \(Self.linkColumns) FROM guardian_links WHERE id = ?", [id.rawValue])
            .map(Self.link)
    }

    func links(ofGuardian guardianID: Account.ID) throws -> [GuardianLink] {
        try connection.query("""
            SELECT \(Self.linkColumns) FROM guardian_links WHERE guardian_id = ? ORDER BY created_at, id
            """, [guardianID.rawValue]).map(Self.link)
    }

    func links(ofStudent studentID: Account.ID) throws -> [GuardianLink] {
        try connection.query("""
            SELECT \(Self.linkColumns) FROM guardian_links WHERE student_id = ? ORDER BY created_at, id
            """, [studentID.rawValue]).map(Self.link)
    }

    func codes(ofStudent studentID: Account.ID) throws -> [LinkCode] {
        try connection.query("""
            SELECT \(Self.codeColumns) FROM link_codes WHERE student_id = ? ORDER BY created_at, id
            """, [studentID.rawValue]).map(Self.code)
    }

    func insert(_ link: GuardianLink) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO guardian_links (\(Self.linkColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [link.id.rawValue, link.guardianID.rawValue, link.studentID.rawValue, link.relation.rawValue,
                      link.origin.rawValue, link.state.rawValue, link.proposedBy?.rawValue, link.createdAt,
                      link.confirmedAt, link.endedAt, link.endedBy?.rawValue])
        }
    }

    func transition(_ id: GuardianLink.ID, from: GuardianLink.State, to: GuardianLink.State, at time: UnixTime,
                    by actorID: Account.ID?) throws -> Bool
    {
        let ending = to == .ended
        try connection.execute("""
            UPDATE guardian_links SET state = ?3,
                confirmed_at = CASE WHEN ?3 = 'active' THEN ?4 ELSE confirmed_at END,
                ended_at = CASE WHEN ?5 THEN ?4 ELSE ended_at END,
                ended_by = CASE WHEN ?5 THEN ?6 ELSE ended_by END
            WHERE id = ?1 AND state = ?2
            """, [id.rawValue, from.rawValue, to.rawValue, time, ending, actorID?.rawValue])
        return connection.changes > 0
    }

    func insertCode(_ code: LinkCode) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO link_codes (\(Self.codeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [code.id.rawValue, code.studentID.rawValue, code.codeHMAC, code.codeKeyVersion,
                      code.issuedBy?.rawValue, code.createdAt, code.expiresAt, code.usedAt])
        }
    }

    func consumeCode(hmac: [UInt8], at time: UnixTime) throws -> LinkCode? {
        try connection.queryFirst("""
            UPDATE link_codes SET used_at = ?2 WHERE code_hmac = ?1 AND used_at IS NULL AND expires_at > ?2
            RETURNING \(Self.codeColumns)
            """, [hmac, time]).map(Self.code)
    }

    func deleteUsedOrExpiredCodes(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM link_codes WHERE used_at < ?1 OR expires_at < ?1", [time])
        return connection.changes
    }

    func deleteCodes(involving accountID: Account.ID) throws -> Int {
        try connection.execute("DELETE FROM link_codes WHERE student_id = ?1 OR issued_by = ?1", [accountID.rawValue])
        return connection.changes
    }
}
