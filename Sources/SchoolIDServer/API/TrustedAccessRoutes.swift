import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Trusted persons (issue 7): a guardian invites (`POST /v1/me/children/{account_id}/invitations`),
/// guardians list (`GET /v1/me/invitations/sent`), revoke and approve; the invitee lists
/// (`GET /v1/me/invitations/received`), accepts and declines.
struct TrustedAccessRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.POST, Routes.childInvitations) { try await invite($0) }
        router.add(.GET, Routes.sentInvitations) { try await sent($0) }
        router.add(.GET, Routes.receivedInvitations) { try await received($0) }
        router.add(.POST, Routes.invitationAccept) { try await accept($0) }
        router.add(.POST, Routes.invitationDecline) { try await respond($0, context.trustedAccess.decline) }
        router.add(.POST, Routes.invitationRevoke) { try await respond($0, context.trustedAccess.revoke) }
        router.add(.POST, Routes.invitationApprove) { try await respond($0, context.trustedAccess.approve) }
    }

    private struct InviteBody: Decodable {
        let lastName: String
        let phone: String?
        let snils: String?
        let services: [String]
        let lastDay: String?
        enum CodingKeys: String, CodingKey { case lastName = "last_name", phone, snils, services, lastDay = "last_day" }
    }

    private struct AcceptBody: Decodable {
        let acceptanceCode: String?
        enum CodingKeys: String, CodingKey { case acceptanceCode = "acceptance_code" }
    }

    /// The fields every invitation answer carries.
    private struct InvitationBody: Encodable {
        let id: String
        let studentID: String
        let services: [String]
        let state: String
        let identifierKind: String
        let createdAt: Int64
        let lapsesAt: Int64
        let activeFrom: Int64?
        let expiresAt: Int64?
        enum CodingKeys: String, CodingKey {
            case id, services, state
            case studentID = "student_id", identifierKind = "identifier_kind", createdAt = "created_at"
            case lapsesAt = "lapses_at", activeFrom = "active_from", expiresAt = "expires_at"
        }

        init(_ invitation: TrustedInvitation, phase: TrustedInvitation.Phase) {
            id = invitation.id.rawValue
            studentID = invitation.studentID.rawValue
            services = invitation.services.sorted().map(\.rawValue)
            state = phase.rawValue
            identifierKind = invitation.identifierKind.rawValue
            createdAt = invitation.createdAt.seconds
            lapsesAt = invitation.lapsesAt.seconds
            activeFrom = invitation.activeFrom?.seconds
            expiresAt = invitation.expiresAt?.seconds
        }
    }

    private struct CreatedBody: Encodable {
        let invitation: InvitationBody
        let acceptanceCode: String?
        enum CodingKeys: String, CodingKey { case invitation, acceptanceCode = "acceptance_code" }
    }

    private struct SentBody: Encodable {
        let invitation: InvitationBody
        let inviteeLastName: String
        let inviteeHint: String
        let sentByMe: Bool
        let approvalsPending: [String]
        enum CodingKeys: String, CodingKey {
            case invitation, inviteeLastName = "invitee_last_name", inviteeHint = "invitee_hint"
            case sentByMe = "sent_by_me", approvalsPending = "approvals_pending"
        }
    }

    private struct ReceivedBody: Encodable {
        let invitation: InvitationBody
        let acceptanceCodeRequired: Bool
        let studentName: String?
        let guardianName: String?
        enum CodingKeys: String, CodingKey {
            case invitation, acceptanceCodeRequired = "acceptance_code_required"
            case studentName = "student_name", guardianName = "guardian_name"
        }
    }

    private struct ListBody<Item: Encodable>: Encodable { let invitations: [Item] }

    /// Validates the body before any work: each bad field answers its own code naming it.
    private static func parse(_ body: InviteBody) throws -> (TrustedInvitee, Set<Service>, CalendarDate?) {
        func field<T>(_ name: String, _ work: () throws(DomainError) -> T) throws -> T {
            do { return try work() } catch { throw APIError(error.code, field: name, detail: error.detail) }
        }
        let identifier: TrustedInvitee.Identifier
        switch (body.phone, body.snils) {
        case (let phone?, nil): identifier = .phone(try field("phone") { () throws(DomainError) in try PhoneNumber(parsing: phone) })
        case (nil, let snils?): identifier = .snils(try field("snils") { () throws(DomainError) in try SNILS(parsing: snils) })
        default: throw APIError(.inviteeInvalid, detail: "give exactly one of phone or snils")
        }
        let invitee = try field("last_name") { () throws(DomainError) in
            try TrustedInvitee(lastName: body.lastName, identifier: identifier)
        }
        var services: Set<Service> = []
        for name in body.services {
            guard let service = Service(rawValue: name) else {
                throw APIError(.badRequest, field: "services", detail: "unknown service \(name)")
            }
            services.insert(service)
        }
        guard !services.isEmpty else { throw APIError(.badRequest, field: "services", detail: "choose at least one") }
        let lastDay = try body.lastDay.map { text in
            try field("last_day") { () throws(DomainError) in try CalendarDate(parsing: text) }
        }
        return (invitee, services, lastDay)
    }

    private func invite(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let studentID: Account.ID = try request.identifier("account_id")
        let (invitee, services, lastDay) = try Self.parse(try JSONBody.decode(InviteBody.self, from: request))
        let invited = try await context.trustedAccess.invite(actor: actor, studentID: studentID, invitee: invitee,
                                                             services: services, lastDay: lastDay,
                                                             context: APIContext.requestContext(request))
        return .json(CreatedBody(invitation: InvitationBody(invited.invitation, phase: .invited),
                                 acceptanceCode: invited.acceptanceCode), status: .created)
    }

    private func sent(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let items = try await context.trustedAccess.sent(actor: actor).map {
            SentBody(invitation: InvitationBody($0.invitation, phase: $0.phase), inviteeLastName: $0.invitee.lastName,
                     inviteeHint: $0.invitee.hint, sentByMe: $0.sentByMe,
                     approvalsPending: $0.approvals.filter { $0.approvedAt == nil }.map(\.guardianID.rawValue))
        }
        return .json(ListBody(invitations: items))
    }

    private func received(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let items = try await context.trustedAccess.received(actor: actor).map {
            ReceivedBody(invitation: InvitationBody($0.invitation, phase: $0.phase),
                         acceptanceCodeRequired: $0.acceptanceCodeRequired, studentName: $0.studentName,
                         guardianName: $0.guardianName)
        }
        return .json(ListBody(invitations: items))
    }

    private func accept(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id: TrustedInvitation.ID = try request.identifier("invitation_id")
        let code = request.body.isEmpty ? nil : try JSONBody.decode(AcceptBody.self, from: request).acceptanceCode
        let accepted = try await context.trustedAccess.accept(actor: actor, invitationID: id, acceptanceCode: code,
                                                              context: APIContext.requestContext(request))
        let now = context.environment.clock.now()
        return .json(InvitationBody(accepted, phase: accepted.phase(at: now, approvalsComplete: !accepted.requiresApproval)))
    }

    private func respond(_ request: Request,
                         _ action: @Sendable (Actor, TrustedInvitation.ID, RequestContext) async throws -> Void)
        async throws -> Response
    {
        let actor = try await context.authenticator.apiActor(request)
        try await action(actor, try request.identifier("invitation_id"), APIContext.requestContext(request))
        return Response(status: .noContent)
    }
}
