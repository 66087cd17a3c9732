import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/login`, `POST /v1/logout`, `POST /v1/password/change`, `GET /v1/me`.
struct AccessRoutes: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin (`http` or `https`): a browser request's
    /// `Origin` must be this scheme with the request's own `Host`.
    let scheme: String

    func register(in router: inout Router) {
        router.add(.POST, Routes.login) { try await login($0) }
        router.add(.POST, Routes.logout) { try await logout($0) }
        router.add(.POST, Routes.passwordChange) { try await changePassword($0) }
        router.add(.GET, Routes.me) { try await me($0) }
    }

    private struct LoginBody: Decodable { let login: String; let password: String }

    /// The session (or change-ticket) answer of login, password change and the second step.
    struct SessionBody: Encodable {
        let status: String
        let accountID: String
        let sessionToken: String?
        let csrfToken: String?
        let changeTicket: String?
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case status, accountID = "account_id", sessionToken = "session_token", csrfToken = "csrf_token"
            case changeTicket = "change_ticket", expiresAt = "expires_at"
        }

        static func session(_ issued: IssuedSession) -> SessionBody {
            SessionBody(status: "logged_in", accountID: issued.session.accountID.rawValue,
                        sessionToken: issued.token.value.unredacted, csrfToken: issued.token.csrfToken, changeTicket: nil,
                        expiresAt: issued.session.absoluteExpiresAt.seconds)
        }
    }

    private func login(_ request: Request) async throws -> Response {
        try requireSameOrigin(request)
        let body = try JSONBody.decode(LoginBody.self, from: request)
        return Self.answer(try await context.login.login(body.login, password: body.password,
                                                         context: APIContext.requestContext(request)),
                           context: context)
    }

    /// The answer to a login step: the session (with its cookie), or the ticket of the
    /// step that must come first.
    static func answer(_ outcome: LoginOutcome, context: APIContext) -> Response {
        switch outcome {
        case .loggedIn(let issued, _):
            return .json(SessionBody.session(issued), headers: context.sessionHeaders(issued))
        case .passwordChangeRequired(let ticket, let account):
            return .json(SessionBody(status: ErrorCode.passwordChangeRequired.rawValue, accountID: account.id.rawValue,
                                     sessionToken: nil, csrfToken: nil, changeTicket: ticket.token.value.unredacted,
                                     expiresAt: ticket.session.absoluteExpiresAt.seconds))
        case .secondFactorRequired(let ticket, let account, let methods):
            return .json(SecondFactorTicketBody(status: "second_factor_required", accountID: account.id.rawValue,
                                                secondFactorTicket: ticket.token.value.unredacted, enrolmentTicket: nil,
                                                methods: methods.map(\.rawValue),
                                                expiresAt: ticket.session.absoluteExpiresAt.seconds))
        case .enrolmentRequired(let ticket, let account):
            return .json(SecondFactorTicketBody(status: "second_factor_enrolment_required",
                                                accountID: account.id.rawValue, secondFactorTicket: nil,
                                                enrolmentTicket: ticket.token.value.unredacted, methods: nil,
                                                expiresAt: ticket.session.absoluteExpiresAt.seconds))
        case .consentRequired(let ticket, let account, let version):
            return .json(ConsentTicketBody(accountID: account.id.rawValue, consentTicket: ticket.token.value.unredacted,
                                           consentVersion: version,
                                           expiresAt: ticket.session.absoluteExpiresAt.seconds))
        }
    }

    /// The login answer when the current consent text must be accepted first (no
    /// session yet): `POST /v1/me/consents` with the ticket as Bearer opens it. After a
    /// second factor enrolled at login it also carries the new recovery codes.
    struct ConsentTicketBody: Encodable {
        var status = ErrorCode.consentRequired.rawValue
        var recoveryCodes: [String]?
        let accountID: String
        let consentTicket: String
        let consentVersion: Int
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case status, recoveryCodes = "recovery_codes", accountID = "account_id", consentTicket = "consent_ticket"
            case consentVersion = "consent_version", expiresAt = "expires_at"
        }
    }

    /// The login answer when a second step follows (no session yet).
    private struct SecondFactorTicketBody: Encodable {
        let status: String
        let accountID: String
        let secondFactorTicket: String?
        let enrolmentTicket: String?
        let methods: [String]?
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey {
            case status, accountID = "account_id", secondFactorTicket = "second_factor_ticket"
            case enrolmentTicket = "enrolment_ticket", methods, expiresAt = "expires_at"
        }
    }

    /// `POST /v1/login` serves SchoolID's own pages and API clients: a browser request
    /// from another origin is refused (diary services use `/oauth/authorize`).
    private func requireSameOrigin(_ request: Request) throws {
        if request.isCrossOrigin(scheme: scheme) { throw APIError(.originNotAllowed, status: .forbidden) }
    }

    private func logout(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let token = RequestAuthenticator.bearerToken(request).map(SessionToken.init(presented:)) ?? context.cookie.token(in: request)
        if let token, actor.session != nil {
            try await context.sessions.close(token, context: APIContext.requestContext(request))
        }
        var headers = HTTPHeaders()
        headers.add(context.cookie.cleared())
        return Response(status: .noContent, headers: headers)
    }

    private struct ChangeBody: Decodable {
        let changeTicket: String?
        let currentPassword: String?
        let newPassword: String
        enum CodingKeys: String, CodingKey {
            case changeTicket = "change_ticket", currentPassword = "current_password", newPassword = "new_password"
        }
    }

    private func changePassword(_ request: Request) async throws -> Response {
        let requestContext = APIContext.requestContext(request)
        let body = try JSONBody.decode(ChangeBody.self, from: request)
        if let ticket = body.changeTicket {
            return Self.answer(try await context.passwordChange.change(ticket: SessionToken(presented: ticket),
                                                                       newPassword: body.newPassword,
                                                                       context: requestContext),
                               context: context)
        }
        let actor = try await context.authenticator.apiActor(request)
        guard let current = body.currentPassword else { throw APIError(.invalidJSON, field: "current_password") }
        let issued = try await context.passwordChange.change(actor: actor, currentPassword: current,
                                                             newPassword: body.newPassword, context: requestContext)
        return .json(SessionBody.session(issued), headers: context.sessionHeaders(issued))
    }

    private struct MeBody: Encodable {
        struct Membership: Encodable {
            let role: String
            let schoolID: String?
            enum CodingKeys: String, CodingKey { case role, schoolID = "school_id" }
        }
        let accountID: String
        let login: String?
        let category: String
        let roles: [String]
        let memberships: [Membership]
        let classes: [String]
        /// RFC 8176 methods proven in this session.
        let amr: [String]
        /// `"1"` password only, `"2"` with a second factor (see `Session.singleFactorACR`).
        let acr: String
        /// When a second factor was last proven in this session; `null` when never.
        let secondFactorAt: Int64?
        enum CodingKeys: String, CodingKey {
            case accountID = "account_id", login, category, roles, memberships, classes, amr, acr
            case secondFactorAt = "second_factor_at"
        }

        /// As synthesised, except that `second_factor_at` is always present (`null`
        /// when no factor was proven), so clients need not tell "absent" from "never".
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(accountID, forKey: .accountID)
            try container.encodeIfPresent(login, forKey: .login)
            try container.encode(category, forKey: .category)
            try container.encode(roles, forKey: .roles)
            try container.encode(memberships, forKey: .memberships)
            try container.encode(classes, forKey: .classes)
            try container.encode(amr, forKey: .amr)
            try container.encode(acr, forKey: .acr)
            try container.encode(secondFactorAt, forKey: .secondFactorAt)
        }
    }

    private func me(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        // apiActor only accepts a logged-in session, so there always is one here.
        let session = actor.session
        return .json(MeBody(accountID: actor.account.id.rawValue, login: actor.account.login?.rawValue,
                            category: actor.account.category.rawValue, roles: actor.roles.map(\.rawValue).sorted(),
                            memberships: actor.memberships.map { .init(role: $0.role.rawValue, schoolID: $0.schoolID?.rawValue) },
                            classes: actor.taughtClasses.map(\.rawValue).sorted(),
                            amr: session?.amr ?? [Session.Method.password.rawValue],
                            acr: session?.acr ?? Session.singleFactorACR,
                            secondFactorAt: session?.secondFactorAt?.seconds))
    }
}
