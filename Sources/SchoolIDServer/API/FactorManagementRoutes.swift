import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Managing one's own second factors and proving one again (step-up):
/// `GET /v1/me/second-factors`, `POST /v1/me/second-factors/sms`,
/// `DELETE /v1/me/second-factors/{kind}`, `POST /v1/me/recovery-codes`,
/// `POST /v1/step-up`, `POST /v1/step-up/sms` and `POST /v1/step-up/sms/confirm`.
///
/// TOTP enrolment has its own routes (the login flow's); the rules live in
/// ``SecondFactorService`` and ``StepUpService``.
struct FactorManagementRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.mySecondFactors) { try await overview($0) }
        router.add(.POST, Routes.mySMSFactor) { try await enrolSMS($0) }
        router.add(.DELETE, Routes.mySecondFactor) { try await remove($0) }
        router.add(.POST, Routes.myRecoveryCodes) { try await regenerate($0) }
        router.add(.POST, Routes.stepUp) { try await stepUp($0) }
        router.add(.POST, Routes.stepUpSMS) { try await sendSMS($0) }
        router.add(.POST, Routes.stepUpSMSConfirm) { try await confirmSMS($0) }
    }

    private struct FactorItem: Encodable {
        let kind: String
        let confirmed: Bool
        let createdAt: Int64
        let lastUsedAt: Int64?
        enum CodingKeys: String, CodingKey { case kind, confirmed, createdAt = "created_at", lastUsedAt = "last_used_at" }

        /// `last_used_at` is always present (`null` when never used).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(confirmed, forKey: .confirmed)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(lastUsedAt, forKey: .lastUsedAt)
        }
    }

    private struct OverviewBody: Encodable {
        let factors: [FactorItem]
        let recoveryCodesLeft: Int
        let smsAvailable: Bool
        let required: Bool
        enum CodingKeys: String, CodingKey {
            case factors, recoveryCodesLeft = "recovery_codes_left", smsAvailable = "sms_available", required
        }
    }

    private func overview(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let overview = try await context.secondFactors.overview(of: actor)
        return .json(OverviewBody(
            factors: overview.factors.map {
                FactorItem(kind: $0.kind.rawValue, confirmed: $0.confirmed, createdAt: $0.createdAt.seconds,
                           lastUsedAt: $0.lastUsedAt?.seconds)
            },
            recoveryCodesLeft: overview.recoveryCodesLeft, smsAvailable: overview.smsAvailable,
            required: overview.required))
    }

    private struct SMSEnrolledBody: Encodable {
        let kind: String
        let notice: String
        let recoveryCodes: [String]?
        enum CodingKeys: String, CodingKey { case kind, notice, recoveryCodes = "recovery_codes" }
    }

    /// Enrols SMS and answers with the risk notice; recovery codes come with it when the
    /// account holds none yet (shown once).
    private func enrolSMS(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let requestContext = APIContext.requestContext(request)
        let service = context.secondFactors
        let codes = try await service.enrolSMS(actor: actor, context: requestContext)
        return .json(SMSEnrolledBody(kind: SecondFactor.Kind.sms.rawValue,
                                     notice: NoticeText.smsFactorRisk.text(in: request.pageLanguage),
                                     recoveryCodes: codes.isEmpty ? nil : codes))
    }

    private func remove(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        guard let kind = SecondFactor.Kind(rawValue: request.pathParameters["kind"] ?? "") else {
            throw APIError(.notFound)
        }
        guard try await context.secondFactors.remove(actor: actor, kind: kind, context: APIContext.requestContext(request))
        else { throw APIError(.notFound) }
        return Response(status: .noContent)
    }

    private struct CodesBody: Encodable {
        let recoveryCodes: [String]
        enum CodingKeys: String, CodingKey { case recoveryCodes = "recovery_codes" }
    }

    private func regenerate(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let codes = try await context.secondFactors.regenerateRecoveryCodes(actor: actor,
                                                                           context: APIContext.requestContext(request))
        return .json(CodesBody(recoveryCodes: codes))
    }

    private struct StepUpBody: Decodable {
        let code: String?
        let recoveryCode: String?
        enum CodingKeys: String, CodingKey { case code, recoveryCode = "recovery_code" }
    }

    private struct ProvenBody: Encodable {
        let secondFactorAt: Int64
        let amr: [String]
        let acr: String
        enum CodingKeys: String, CodingKey { case secondFactorAt = "second_factor_at", amr, acr }

        init(_ session: Session) {
            secondFactorAt = session.secondFactorAt?.seconds ?? 0
            amr = session.amr
            acr = session.acr
        }
    }

    /// Exactly one of `code` (TOTP) and `recovery_code`.
    private func stepUp(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let body = try JSONBody.decode(StepUpBody.self, from: request)
        let requestContext = APIContext.requestContext(request)
        let session: Session
        switch (body.code, body.recoveryCode) {
        case (let code?, nil):
            session = try await Self.codeRefusalIsUnauthorized {
                try await context.stepUp.prove(actor: actor, totpCode: code, context: requestContext)
            }
        case (nil, let code?):
            session = try await Self.codeRefusalIsUnauthorized {
                try await context.stepUp.prove(actor: actor, recoveryCode: code, context: requestContext)
            }
        default: throw APIError(.badRequest, detail: "send exactly one of code and recovery_code")
        }
        return .json(ProvenBody(session))
    }

    /// A wrong second-factor code fails authentication: `401 code_invalid` (a wrong
    /// contact-change code elsewhere is a `400` form error).
    private static func codeRefusalIsUnauthorized(_ body: () async throws -> Session) async throws -> Session {
        do {
            return try await body()
        } catch let error as DomainError where error.code == .codeInvalid {
            throw APIError(.codeInvalid, status: .unauthorized, detail: error.detail)
        }
    }

    private func sendSMS(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let receipt = try await context.stepUp.sendSMSCode(actor: actor, context: APIContext.requestContext(request))
        return .json(CodeSentBody(challengeID: receipt.challengeID, expiresAt: receipt.expiresAt,
                                  resendAfter: receipt.resendAfter), status: .accepted)
    }

    private struct ConfirmBody: Decodable {
        let challengeID: String
        let code: String
        enum CodingKeys: String, CodingKey { case challengeID = "challenge_id", code }
    }

    private func confirmSMS(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let body = try JSONBody.decode(ConfirmBody.self, from: request)
        let challengeID = try Challenge.ID(parsing: body.challengeID)
        let session = try await Self.codeRefusalIsUnauthorized {
            try await context.stepUp.confirmSMSCode(actor: actor, challengeID: challengeID, code: body.code,
                                                    context: APIContext.requestContext(request))
        }
        return .json(ProvenBody(session))
    }
}
