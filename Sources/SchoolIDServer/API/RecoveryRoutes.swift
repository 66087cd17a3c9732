import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/recovery/login`, `POST /v1/recovery/password`, `…/password/resend` and
/// `…/password/confirm`: recovery of a forgotten login or password, without
/// authentication. Answers never depend on whether the account exists (see
/// ``RecoveryService``).
struct RecoveryRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.POST, Routes.recoveryLogin) { try await remindLogin($0) }
        router.add(.POST, Routes.recoveryPassword) { try await start($0) }
        router.add(.POST, Routes.recoveryPasswordResend) { try await resend($0) }
        router.add(.POST, Routes.recoveryPasswordConfirm) { try await confirm($0) }
    }

    private struct ContactBody: Decodable { let contact: String }
    private struct IdentifierBody: Decodable { let identifier: String }
    private struct FlowBody: Decodable {
        let flowID: String
        enum CodingKeys: String, CodingKey { case flowID = "flow_id" }
    }
    private struct ConfirmBody: Decodable {
        let flowID: String
        let smsCode: String?
        /// A TOTP code or recovery code, for an account with a second factor.
        let secondFactorCode: String?
        let emailCode: String?
        let newPassword: String
        enum CodingKeys: String, CodingKey {
            case flowID = "flow_id", smsCode = "sms_code", emailCode = "email_code", newPassword = "new_password"
            case secondFactorCode = "second_factor_code"
        }
    }
    private struct StatusBody: Encodable { let status: String }
    private struct ResendResponse: Encodable {
        let status: String
        let resendAfter: Int64
        enum CodingKeys: String, CodingKey { case status, resendAfter = "resend_after" }
    }
    private struct FlowResponse: Encodable {
        let flowID: String
        let expiresAt: Int64
        let resendAfter: Int64
        enum CodingKeys: String, CodingKey { case flowID = "flow_id", expiresAt = "expires_at", resendAfter = "resend_after" }
    }

    private func remindLogin(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(ContactBody.self, from: request)
        try await context.recovery.remindLogin(contact: body.contact, context: APIContext.requestContext(request))
        return .json(StatusBody(status: "sent_if_known"), status: .accepted)
    }

    private func start(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(IdentifierBody.self, from: request)
        let started = try await context.recovery.start(identifier: body.identifier,
                                                       context: APIContext.requestContext(request))
        return .json(FlowResponse(flowID: started.flowID.rawValue, expiresAt: started.expiresAt.seconds,
                                  resendAfter: started.resendAfter.seconds), status: .accepted)
    }

    private func resend(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(FlowBody.self, from: request)
        let flowID = try Self.flowID(body.flowID)
        let resendAfter = try await context.recovery.resend(flowID: flowID, context: APIContext.requestContext(request))
        return .json(ResendResponse(status: "sent_if_known", resendAfter: resendAfter.seconds), status: .accepted)
    }

    private func confirm(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(ConfirmBody.self, from: request)
        let flowID = try Self.flowID(body.flowID)
        try await context.recovery.complete(flowID: flowID, smsCode: body.smsCode, emailCode: body.emailCode,
                                            newPassword: body.newPassword, secondFactorCode: body.secondFactorCode,
                                            context: APIContext.requestContext(request))
        return .json(StatusBody(status: "password_changed"))
    }

    /// A malformed flow id is just an unknown flow.
    static func flowID(_ text: String) throws -> RecoveryFlow.ID {
        guard let id = RecoveryFlow.ID(rawValue: text) else { throw DomainError(.recoveryFlowNotFound) }
        return id
    }
}
