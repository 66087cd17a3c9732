import SchoolIDBase
import SchoolIDJOSE

/// The family sections of an export: guardian links, link codes, trusted-person
/// invitations (with the invitee as the inviting guardian entered them), and the audit
/// events about the people exported.
extension AccountExport {
    /// The links where the person is the guardian or the student.
    func guardianLinks(of accountID: Account.ID) throws -> [GuardianLink] {
        var seen = Set<GuardianLink.ID>()
        return try (tx.guardianLinks.links(ofGuardian: accountID) + tx.guardianLinks.links(ofStudent: accountID))
            .filter { seen.insert($0.id).inserted }
    }

    static func link(_ link: GuardianLink) -> JSONValue {
        .object(["id": .string(link.id.rawValue), "guardian_id": .string(link.guardianID.rawValue),
                 "student_id": .string(link.studentID.rawValue), "relation": .string(link.relation.rawValue),
                 "origin": .string(link.origin.rawValue), "state": .string(link.state.rawValue),
                 "proposed_by": id(link.proposedBy), "created_at": time(link.createdAt),
                 "confirmed_at": time(link.confirmedAt), "ended_at": time(link.endedAt), "ended_by": id(link.endedBy)])
    }

    static func linkCode(_ code: LinkCode) -> JSONValue {
        .object(["id": .string(code.id.rawValue), "issued_by": id(code.issuedBy), "created_at": time(code.createdAt),
                 "expires_at": time(code.expiresAt), "used_at": time(code.usedAt)])
    }

    /// Invitations the person sent (`role` `sent`), received (`received`) or that are
    /// about them as the child (`child`); one entry per invitation, the first role wins.
    func trustedInvitations(of accountID: Account.ID) throws -> [JSONValue] {
        let roles: [(String, [TrustedInvitation])] = [
            ("sent", try tx.trustedInvitations.invitations(ofGuardian: accountID)),
            ("received", try tx.trustedInvitations.invitations(ofInvitee: accountID)),
            ("child", try tx.trustedInvitations.invitations(ofStudent: accountID)),
        ]
        var seen = Set<TrustedInvitation.ID>()
        return try roles.flatMap { role, invitations in
            try invitations.filter { seen.insert($0.id).inserted }.map { try invitation($0, role: role) }
        }
    }

    private func invitation(_ invitation: TrustedInvitation, role: String) throws -> JSONValue {
        let approvals = try tx.trustedInvitations.approvals(of: invitation.id).map { approval in
            JSONValue.object(["guardian_id": .string(approval.guardianID.rawValue),
                              "approved_at": Self.time(approval.approvedAt)])
        }
        return .object([
            "id": .string(invitation.id.rawValue), "role": .string(role),
            "student_id": .string(invitation.studentID.rawValue), "guardian_id": .string(invitation.guardianID.rawValue),
            "school_id": .string(invitation.schoolID.rawValue),
            "services": .array(invitation.services.sorted().map { .string($0.rawValue) }),
            "invitee": invitee(of: invitation), "requires_approval": .bool(invitation.requiresApproval),
            "state": .string(invitation.state.rawValue), "created_at": Self.time(invitation.createdAt),
            "lapses_at": Self.time(invitation.lapsesAt), "ends_by": Self.time(invitation.endsBy),
            "invitee_id": Self.id(invitation.inviteeID), "accepted_at": Self.time(invitation.acceptedAt),
            "active_from": Self.time(invitation.activeFrom), "expires_at": Self.time(invitation.expiresAt),
            "ended_at": Self.time(invitation.endedAt), "ended_by": Self.id(invitation.endedBy),
            "approvals": .array(approvals),
        ])
    }

    /// The invitee as stored: kind, last name and phone or SNILS, sealed under the
    /// inviting guardian's key. `value` is `null` when that key is gone (the guardian's
    /// data was shredded), never an error that would block the whole export.
    private func invitee(of invitation: TrustedInvitation) -> JSONValue {
        let opened = try? TrustedInvitee(sealed: invitation.invitee, for: invitation.id,
                                         under: ownerKeys.key(for: invitation.guardianID.rawValue, in: tx.ownerKeys))
        let value: JSONValue = switch opened?.identifier {
        case .phone(let phone): .string(phone.rawValue)
        case .snils(let snils): .string(snils.formatted)
        case nil: .null
        }
        return .object(["kind": .string(invitation.identifierKind.rawValue), "value": value,
                        "last_name": opened.map { .string($0.lastName) } ?? .null])
    }

    /// Audit events of the window where any of `accounts` is actor or target, oldest first.
    func auditEvents(about accounts: [Account.ID]) throws -> [JSONValue] {
        let since = now.adding(seconds: -AccountExportService.auditWindowSeconds)
        var events: [Int64: AuditEvent] = [:]
        for accountID in accounts {
            var before: Int64? = nil
            while true {
                let page = try tx.audit.events(AuditQuery(accountID: accountID, since: since, before: before, limit: 1000))
                for event in page { events[event.sequence] = event }
                guard page.count == 1000, let last = page.last else { break }
                before = last.sequence
            }
        }
        return events.values.sorted { $0.sequence < $1.sequence }.map { event in
            .object(["sequence": .integer(event.sequence), "at": Self.time(event.at),
                     "action": .string(event.action.rawValue), "actor_id": Self.id(event.actorID),
                     "target_id": Self.id(event.targetID), "school_id": Self.id(event.schoolID),
                     "client_address": .string(event.clientAddress), "request_id": .string(event.requestID),
                     "detail": .string(event.detail)])
        }
    }
}
