import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/registrations`, `…/{registration_id}/resend`, `…/confirm` and
/// `…/email/confirm`: a guardian's self-registration (``RegistrationService``).
///
/// The first three need no authentication (the registration id is the flow's handle);
/// a browser request from another origin is refused as for `/v1/login`. The answers to
/// start and resend are the same whether or not the phone or email already belongs to
/// an account.
struct RegistrationRoutes: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`).
    let scheme: String

    func register(in router: inout Router) {
        router.add(.POST, Routes.registrations) { try await start($0) }
        router.add(.POST, Routes.registrationResend) { try await resend($0) }
        router.add(.POST, Routes.registrationConfirm) { try await confirm($0) }
        router.add(.POST, Routes.registrationEmailConfirm) { try await confirmEmail($0) }
    }

    private struct StartBody: Decodable {
        let lastName: String
        let firstName: String
        let patronymic: String?
        let phone: String
        let email: String?
        let password: String
        let login: String?
        let locale: String?
        let consentVersion: Int?
        enum CodingKeys: String, CodingKey {
            case lastName = "last_name", firstName = "first_name", patronymic, phone, email, password, login, locale
            case consentVersion = "consent_version"
        }
    }

    private struct TicketBody: Encodable {
        let registrationID: String
        let expiresAt: Int64
        let resendAfter: Int64
        enum CodingKeys: String, CodingKey {
            case registrationID = "registration_id", expiresAt = "expires_at", resendAfter = "resend_after"
        }

        init(_ ticket: RegistrationTicket) {
            registrationID = ticket.id.rawValue
            expiresAt = ticket.expiresAt.seconds
            resendAfter = ticket.resendAfter.seconds
        }
    }

    private struct ConfirmBody: Decodable {
        let code: String?
        let login: String?
    }

    private struct RegisteredBody: Encodable {
        let status = "registered"
        let accountID: String
        let login: String
        let sessionToken: String
        let csrfToken: String
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case status, accountID = "account_id", login, sessionToken = "session_token", csrfToken = "csrf_token"
            case expiresAt = "expires_at"
        }
    }

    private struct EmailCodeBody: Decodable { let code: String }

    private struct EmailVerifiedBody: Encodable { let status = "email_verified" }

    private func start(_ request: Request) async throws -> Response {
        try requireSameOrigin(request)
        let body = try JSONBody.decode(StartBody.self, from: request)
        let locale: MessageLanguage
        if let text = body.locale {
            guard let parsed = MessageLanguage(rawValue: text) else { throw APIError(.invalidJSON, field: "locale") }
            locale = parsed
        } else {
            locale = request.pageLanguage
        }
        let ticket = try await context.registration.start(
            lastName: body.lastName, firstName: body.firstName, patronymic: body.patronymic, phone: body.phone,
            email: body.email, password: body.password, login: body.login, locale: locale,
            consentVersion: body.consentVersion, channel: .api, context: APIContext.requestContext(request))
        return .json(TicketBody(ticket), status: .created)
    }

    private func resend(_ request: Request) async throws -> Response {
        try requireSameOrigin(request)
        let ticket = try await context.registration.resend(try request.identifier("registration_id"),
                                                           context: APIContext.requestContext(request))
        return .json(TicketBody(ticket))
    }

    private func confirm(_ request: Request) async throws -> Response {
        try requireSameOrigin(request)
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        let body = try JSONBody.decode(ConfirmBody.self, from: request)
        let completed = try await context.registration.confirm(id, code: body.code, login: body.login,
                                                               context: APIContext.requestContext(request))
        let issued = completed.session
        return .json(RegisteredBody(accountID: completed.account.id.rawValue,
                                    login: completed.account.login?.rawValue ?? "",
                                    sessionToken: issued.token.value.unredacted, csrfToken: issued.token.csrfToken,
                                    expiresAt: issued.session.absoluteExpiresAt.seconds),
                     status: .created, headers: context.sessionHeaders(issued))
    }

    private func confirmEmail(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id: PendingRegistration.ID = try request.identifier("registration_id")
        let body = try JSONBody.decode(EmailCodeBody.self, from: request)
        try await context.registration.verifyEmail(id, accountID: actor.account.id, code: body.code,
                                                   context: APIContext.requestContext(request))
        return .json(EmailVerifiedBody())
    }

    /// A browser request from another origin is refused (as for `/v1/login`).
    private func requireSameOrigin(_ request: Request) throws {
        if request.isCrossOrigin(scheme: scheme) { throw APIError(.originNotAllowed, status: .forbidden) }
    }
}
