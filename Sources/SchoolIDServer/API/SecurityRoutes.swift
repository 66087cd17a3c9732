import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Security settings of the logged-in person: `GET /v1/me/sessions`,
/// `DELETE /v1/me/sessions/{session_id}`, `POST /v1/me/sessions/revoke-others`,
/// `GET /v1/me/contacts`, `POST /v1/me/phone`, `POST /v1/me/email`,
/// `POST /v1/me/contact-changes/{challenge_id}/confirm` and `…/resend`.
struct SecurityRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.mySessions) { try await sessions($0) }
        router.add(.DELETE, Routes.mySession) { try await revoke($0) }
        router.add(.POST, Routes.revokeOtherSessions) { try await revokeOthers($0) }
        router.add(.GET, Routes.myContacts) { try await contacts($0) }
        router.add(.POST, Routes.myPhone) { try await startChange($0, kind: .phone) }
        router.add(.POST, Routes.myEmail) { try await startChange($0, kind: .email) }
        router.add(.POST, Routes.contactChangeConfirm) { try await confirm($0) }
        router.add(.POST, Routes.contactChangeResend) { try await resend($0) }
    }

    private struct SessionItem: Encodable {
        let id: String
        let createdAt: Int64
        let lastSeenAt: Int64
        let expiresAt: Int64
        let current: Bool
        enum CodingKeys: String, CodingKey {
            case id, createdAt = "created_at", lastSeenAt = "last_seen_at", expiresAt = "expires_at", current
        }
    }

    private struct SessionsBody: Encodable { let sessions: [SessionItem] }

    private func sessions(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let current = actor.session?.tokenHash
        let items = try await context.sessions.list(for: actor).map { session in
            SessionItem(id: session.handle, createdAt: session.createdAt.seconds, lastSeenAt: session.lastSeenAt.seconds,
                        expiresAt: min(session.idleExpiresAt, session.absoluteExpiresAt).seconds,
                        current: session.tokenHash == current)
        }
        return .json(SessionsBody(sessions: items))
    }

    private func revoke(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        try await context.sessions.revoke(handle: request.pathParameters["session_id"] ?? "", actor: actor,
                                          context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }

    private struct RevokedBody: Encodable { let revoked: Int }

    private func revokeOthers(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        return .json(RevokedBody(revoked: try await context.sessions.revokeOthers(
            actor: actor, context: APIContext.requestContext(request))))
    }

    private struct ContactItem: Encodable {
        let valueMasked: String
        let verified: Bool
        enum CodingKeys: String, CodingKey { case valueMasked = "value_masked", verified }
    }

    private struct ContactsBody: Encodable { let phone: ContactItem?; let email: ContactItem? }

    private func contacts(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let contacts = try await context.contacts.contacts(of: actor)
        func item(_ kind: AccountContact.Kind) -> ContactItem? {
            contacts.first { $0.contact.kind == kind }.map { ContactItem(valueMasked: $0.value.masked, verified: $0.contact.isVerified) }
        }
        return .json(ContactsBody(phone: item(.phone), email: item(.email)))
    }

    private struct StartBody: Decodable {
        let value: String
        let currentPassword: String
        enum CodingKeys: String, CodingKey { case value, currentPassword = "current_password" }
    }

    private func startChange(_ request: Request, kind: AccountContact.Kind) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let body = try JSONBody.decode(StartBody.self, from: request)
        let receipt = try await context.contacts.startChange(actor: actor, kind: kind, newValue: body.value,
                                                             currentPassword: body.currentPassword,
                                                             context: APIContext.requestContext(request))
        return .json(CodeSentBody(receipt), status: .accepted)
    }

    private struct ConfirmBody: Decodable { let code: String }

    private struct ConfirmedBody: Encodable { let kind: String; let verified: Bool }

    private func confirm(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let body = try JSONBody.decode(ConfirmBody.self, from: request)
        let kind = try await context.contacts.confirmChange(actor: actor, challengeID: try request.identifier("challenge_id"),
                                                            code: body.code, context: APIContext.requestContext(request))
        return .json(ConfirmedBody(kind: kind.rawValue, verified: true))
    }

    private func resend(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let receipt = try await context.contacts.resendChange(actor: actor, challengeID: try request.identifier("challenge_id"),
                                                              context: APIContext.requestContext(request))
        return .json(CodeSentBody(receipt), status: .accepted)
    }
}

extension CodeSentBody {
    /// The answer to a contact change's code request or resend.
    init(_ receipt: ContactChangeReceipt) {
        self.init(challengeID: receipt.challengeID, expiresAt: receipt.expiresAt, resendAfter: receipt.resendAfter)
    }
}
