import SchoolIDBase
import SchoolIDCore

/// `trusted_invitations` and `trusted_approvals` rows as ``TrustedInvitation`` and
/// ``TrustedApproval`` values. Services are stored as a comma-separated list of wire names.
struct SQLiteTrustedInvitationStore: TrustedInvitationStore {
    let connection: SQLiteConnection

    private static let columns = """
        id, student_id, guardian_id, school_id, services, identifier_kind, invitee, match_index, code_hmac, \
        code_key_version, requires_approval, state, created_at, lapses_at, ends_by, invitee_id, accepted_at, \
        active_from, expires_at, ended_at, ended_by
        """

    private static func invitation(_ row: SQLiteRow) throws -> TrustedInvitation {
        let serviceText: String = try row.get(4)
        var services: Set<Service> = []
        for name in serviceText.split(separator: ",") {
            guard let service = Service(rawValue: String(name)) else {
                throw SQLiteError(code: .mismatch, message: "column 4: unknown service")
            }
            services.insert(service)
        }
        return TrustedInvitation(
            id: try row.value(0), studentID: try row.value(1), guardianID: try row.value(2), schoolID: try row.value(3),
            services: services, identifierKind: try row.value(5), invitee: try row.get(6), matchIndex: try row.get(7),
            codeHMAC: try row.get(8), codeKeyVersion: try row.get(9), requiresApproval: try row.get(10),
            state: try row.value(11), createdAt: try row.get(12), lapsesAt: try row.get(13), endsBy: try row.get(14),
            inviteeID: try row.optionalValue(15), acceptedAt: try row.get(16), activeFrom: try row.get(17),
            expiresAt: try row.get(18), endedAt: try row.get(19), endedBy: try row.optionalValue(20))
    }

    private func select(_ condition: String, _ argument: any SQLiteValueConvertible) throws -> [TrustedInvitation] {
        try connection.query("SELECT \(Self.columns) FROM trusted_invitations WHERE \(condition) ORDER BY created_at, id",
                             [argument]).map(Self.invitation)
    }

    func invitation(_ id: TrustedInvitation.ID) throws -> TrustedInvitation? {
        try select("id = ?", id.rawValue).first
    }

    func invitations(matchIndex index: [UInt8]) throws -> [TrustedInvitation] {
        try select("match_index = ?", index)
    }

    func invitations(ofInvitee accountID: Account.ID) throws -> [TrustedInvitation] {
        try select("invitee_id = ?", accountID.rawValue)
    }

    func invitations(ofStudent studentID: Account.ID) throws -> [TrustedInvitation] {
        try select("student_id = ?", studentID.rawValue)
    }

    func invitations(ofGuardian guardianID: Account.ID) throws -> [TrustedInvitation] {
        try select("guardian_id = ?", guardianID.rawValue)
    }

    func approvals(of id: TrustedInvitation.ID) throws -> [TrustedApproval] {
        try connection.query("""
            SELECT invitation_id, guardian_id, approved_at FROM trusted_approvals WHERE invitation_id = ?
            ORDER BY guardian_id
            """, [id.rawValue]).map {
            TrustedApproval(invitationID: try $0.value(0), guardianID: try $0.value(1), approvedAt: try $0.get(2))
        }
    }

    func insert(_ invitation: TrustedInvitation, approvers: [Account.ID]) throws {
        let services = invitation.services.sorted().map(\.rawValue).joined(separator: ",")
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO trusted_invitations (\(Self.columns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [invitation.id.rawValue, invitation.studentID.rawValue, invitation.guardianID.rawValue,
                      invitation.schoolID.rawValue, services, invitation.identifierKind.rawValue, invitation.invitee,
                      invitation.matchIndex, invitation.codeHMAC, invitation.codeKeyVersion,
                      invitation.requiresApproval, invitation.state.rawValue, invitation.createdAt,
                      invitation.lapsesAt, invitation.endsBy, invitation.inviteeID?.rawValue, invitation.acceptedAt,
                      invitation.activeFrom, invitation.expiresAt, invitation.endedAt, invitation.endedBy?.rawValue])
            for guardianID in approvers {
                try connection.execute("""
                    INSERT INTO trusted_approvals (invitation_id, guardian_id, approved_at) VALUES (?, ?, NULL)
                    """, [invitation.id.rawValue, guardianID.rawValue])
            }
        }
    }

    func accept(_ id: TrustedInvitation.ID, by inviteeID: Account.ID, at time: UnixTime, activeFrom: UnixTime,
                expiresAt: UnixTime) throws -> Bool
    {
        try connection.execute("""
            UPDATE trusted_invitations SET state = 'accepted', invitee_id = ?2, accepted_at = ?3, active_from = ?4,
                expires_at = ?5
            WHERE id = ?1 AND state = 'invited' AND lapses_at > ?3
            """, [id.rawValue, inviteeID.rawValue, time, activeFrom, expiresAt])
        return connection.changes > 0
    }

    func decline(_ id: TrustedInvitation.ID, by inviteeID: Account.ID, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE trusted_invitations SET state = 'declined', invitee_id = ?2, ended_at = ?3, ended_by = ?2
            WHERE id = ?1 AND state = 'invited' AND lapses_at > ?3
            """, [id.rawValue, inviteeID.rawValue, time])
        return connection.changes > 0
    }

    func revoke(_ id: TrustedInvitation.ID, by actorID: Account.ID?, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE trusted_invitations SET state = 'revoked', ended_at = ?3, ended_by = ?2
            WHERE id = ?1 AND ((state = 'invited' AND lapses_at > ?3) OR (state = 'accepted' AND expires_at > ?3))
            """, [id.rawValue, actorID?.rawValue, time])
        return connection.changes > 0
    }

    func approve(_ id: TrustedInvitation.ID, by guardianID: Account.ID, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE trusted_approvals SET approved_at = ?3
            WHERE invitation_id = ?1 AND guardian_id = ?2 AND approved_at IS NULL
            """, [id.rawValue, guardianID.rawValue, time])
        return connection.changes > 0
    }

    func deleteLapsedOrDeclined(before time: UnixTime) throws -> Int {
        let condition = "(state = 'invited' AND lapses_at < ?1) OR (state = 'declined' AND ended_at < ?1)"
        try connection.execute("""
            DELETE FROM trusted_approvals WHERE invitation_id IN (SELECT id FROM trusted_invitations WHERE \(condition))
            """, [time])
        try connection.execute("DELETE FROM trusted_invitations WHERE \(condition)", [time])
        return connection.changes
    }

    func deleteAll(involving accountID: Account.ID, matchIndexes: [[UInt8]]) throws -> Int {
        var count = 0
        let conditions: [(String, any SQLiteValueConvertible)] =
            [("guardian_id = ?1 OR invitee_id = ?1 OR student_id = ?1", accountID.rawValue)]
            + matchIndexes.map { ("match_index = ?1", $0) }
        for (condition, argument) in conditions {
            try connection.execute("""
                DELETE FROM trusted_approvals WHERE invitation_id IN (SELECT id FROM trusted_invitations WHERE \(condition))
                """, [argument])
            try connection.execute("DELETE FROM trusted_invitations WHERE \(condition)", [argument])
            count += connection.changes
        }
        try connection.execute("DELETE FROM trusted_approvals WHERE guardian_id = ?", [accountID.rawValue])
        return count
    }
}
