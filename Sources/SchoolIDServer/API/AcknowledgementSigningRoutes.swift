import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// Signing by a guardian (issue 10), each with a logged-in session (Bearer session token,
/// or cookie + CSRF):
/// - `POST /v1/acknowledgements/{id}/code` sends an SMS code bound to the request (201
///   with the challenge);
/// - `POST /v1/acknowledgements/{id}/sign` signs with `{"method": "sms-otp",
///   "challenge_id", "code"}` or `{"method": "password", "password"}` (201 with the
///   request and its receipt);
/// - `POST /v1/acknowledgements/{id}/withdraw` withdraws with `{"password"}` (200 with the
///   request and the withdrawal entry).
/// The rules are ``AcknowledgementSigningService``'s.
struct AcknowledgementSigningRoutes: Sendable {
    let context: APIContext
    let keyring: Keyring
    let issuer: ResolvedIssuer

    func register(in router: inout Router) {
        router.add(.POST, Routes.acknowledgementCode) { try await sendCode($0) }
        router.add(.POST, Routes.acknowledgementSign) { try await sign($0) }
        router.add(.POST, Routes.acknowledgementWithdraw) { try await withdraw($0) }
    }

    private var service: AcknowledgementSigningService {
        let keyring = keyring
        return AcknowledgementSigningService(environment: context.environment, attempts: context.attempts,
                                             issuer: issuer.current, keys: { keyring.snapshot })
    }

    private func sendCode(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let sent = try await service.sendCode(for: id, signer: actor, context: APIContext.requestContext(request))
        return .json(CodeSentBody(challengeID: sent.challengeID, expiresAt: sent.expiresAt, resendAfter: sent.resendAfter),
                     status: .created, headers: AcknowledgementRoutes.noStore)
    }

    private struct SignBody: Decodable {
        let method: String
        let challengeID: String?
        let code: String?
        let password: String?

        enum CodingKeys: String, CodingKey {
            case method, challengeID = "challenge_id", code, password
        }
    }

    private func sign(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let body = try JSONBody.decode(SignBody.self, from: request)
        let proof: AcknowledgementSigningService.Proof
        switch (ReceiptClaims.Method(rawValue: body.method), body.challengeID, body.code, body.password) {
        case (.smsOTP, let challenge?, let code?, nil):
            proof = .smsCode(challenge: try Challenge.ID(parsing: challenge), code: code)
        case (.password, nil, nil, let password?):
            proof = .password(password)
        default:
            throw APIError(.badRequest, field: "method", detail: """
                method: "sms-otp" with challenge_id and code, or "password" with password
                """)
        }
        let signed = try await service.sign(id, signer: actor, proof: proof, context: APIContext.requestContext(request))
        return .json(AcknowledgementBody(signed.view, receipt: signed.receipt.compact), status: .created,
                     headers: AcknowledgementRoutes.noStore)
    }

    private struct WithdrawBody: Decodable {
        let password: String
    }

    private func withdraw(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let id = try request.identifier("acknowledgement_id", as: Acknowledgement.Kind.self)
        let body = try JSONBody.decode(WithdrawBody.self, from: request)
        let withdrawn = try await service.withdraw(id, signer: actor, password: body.password,
                                                   context: APIContext.requestContext(request))
        return .json(AcknowledgementBody(withdrawn.view, withdrawal: withdrawn.receipt.compact),
                     headers: AcknowledgementRoutes.noStore)
    }
}
