import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `POST /v1/login/second-factor` (the second login step) and TOTP enrolment,
/// `POST /v1/me/second-factors/totp` and `…/totp/confirm`, which accept a logged-in
/// session or a factor-enrolment ticket (issue 6).
struct SecondFactorLoginRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.POST, Routes.loginSecondFactor) { try await secondStep($0) }
        router.add(.POST, Routes.loginSecondFactorSMS) { try await sendSMS($0) }
        router.add(.POST, Routes.myTOTP) { try await beginTOTP($0) }
        router.add(.POST, Routes.myTOTPConfirm) { try await confirmTOTP($0) }
    }

    private struct SecondStepBody: Decodable {
        let secondFactorTicket: String
        let code: String?
        let recoveryCode: String?
        let challengeID: String?
        let smsCode: String?
        enum CodingKeys: String, CodingKey {
            case secondFactorTicket = "second_factor_ticket", code, recoveryCode = "recovery_code"
            case challengeID = "challenge_id", smsCode = "sms_code"
        }
    }

    /// Exactly one of `code`, `recovery_code` and `sms_code` (with `challenge_id`); a
    /// wrong one is `invalid_credentials` (401) and counts as a failed login attempt.
    private func secondStep(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(SecondStepBody.self, from: request)
        let proof: LoginService.SecondFactorProof
        switch (body.code, body.recoveryCode, body.smsCode) {
        case (let code?, nil, nil): proof = .totp(code)
        case (nil, let code?, nil): proof = .recoveryCode(code)
        case (nil, nil, let code?):
            guard let text = body.challengeID else { throw APIError(.invalidJSON, field: "challenge_id") }
            proof = .sms(challengeID: try Challenge.ID(parsing: text), code: code)
        default: throw APIError(.invalidJSON, field: "code")
        }
        let outcome = try await context.login.completeSecondFactor(
            ticket: SessionToken(presented: body.secondFactorTicket), proof: proof,
            context: APIContext.requestContext(request))
        return AccessRoutes.answer(outcome, context: context)
    }

    private struct TicketBody: Decodable {
        let secondFactorTicket: String
        enum CodingKeys: String, CodingKey { case secondFactorTicket = "second_factor_ticket" }
    }

    private struct SentBody: Encodable {
        let challengeID: String
        let expiresAt: Int64
        enum CodingKeys: String, CodingKey { case challengeID = "challenge_id", expiresAt = "expires_at" }
    }

    /// Sends the SMS code of the second step; 202 with the challenge to answer.
    private func sendSMS(_ request: Request) async throws -> Response {
        let body = try JSONBody.decode(TicketBody.self, from: request)
        let challenge = try await context.login.sendSecondFactorSMS(
            ticket: SessionToken(presented: body.secondFactorTicket), context: APIContext.requestContext(request))
        return .json(SentBody(challengeID: challenge.id.rawValue, expiresAt: challenge.expiresAt.seconds),
                     status: .accepted)
    }

    private struct EnrolmentBody: Encodable {
        let secret: String
        let otpauthURI: String
        let period: Int64
        let digits: Int
        let algorithm = "SHA1"
        enum CodingKeys: String, CodingKey {
            case secret, otpauthURI = "otpauth_uri", period, digits, algorithm
        }
    }

    private func beginTOTP(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.enrolmentActor(request)
        let enrolment = try await SecondFactorService(environment: context.environment)
            .beginTOTP(actor: actor, context: APIContext.requestContext(request))
        return .json(EnrolmentBody(secret: enrolment.groupedSecret.unredacted, otpauthURI: enrolment.uri.unredacted,
                                   period: Int64(enrolment.totp.period), digits: enrolment.totp.digits),
                     status: .created, headers: Self.noStore)
    }

    private struct ConfirmBody: Decodable { let code: String }

    private struct ConfirmedBody: Encodable {
        let status: String
        let recoveryCodes: [String]
        let accountID: String?
        let sessionToken: String?
        let csrfToken: String?
        let expiresAt: Int64?
        let amr: [String]?
        enum CodingKeys: String, CodingKey {
            case status, recoveryCodes = "recovery_codes", accountID = "account_id", sessionToken = "session_token"
            case csrfToken = "csrf_token", expiresAt = "expires_at", amr
        }
    }

    /// With an enrolment ticket the answer also logs the person in (`status`
    /// `logged_in` with a session); with a session it is `status` `enrolled`.
    private func confirmTOTP(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.enrolmentActor(request)
        let body = try JSONBody.decode(ConfirmBody.self, from: request)
        let (codes, outcome) = try await context.login.confirmEnrolment(actor: actor, code: body.code,
                                                                        context: APIContext.requestContext(request))
        if case .consentRequired(let ticket, let account, let version)? = outcome {
            return .json(AccessRoutes.ConsentTicketBody(recoveryCodes: codes, accountID: account.id.rawValue,
                                                        consentTicket: ticket.token.value.unredacted,
                                                        consentVersion: version,
                                                        expiresAt: ticket.session.absoluteExpiresAt.seconds),
                         headers: Self.noStore)
        }
        guard case .loggedIn(let issued, _)? = outcome else {
            return .json(ConfirmedBody(status: "enrolled", recoveryCodes: codes, accountID: actor.account.id.rawValue,
                                       sessionToken: nil, csrfToken: nil, expiresAt: nil, amr: nil),
                         headers: Self.noStore)
        }
        var headers = context.sessionHeaders(issued)
        headers.set("Cache-Control", "no-store")
        return .json(ConfirmedBody(status: "logged_in", recoveryCodes: codes,
                                   accountID: issued.session.accountID.rawValue,
                                   sessionToken: issued.token.value.unredacted, csrfToken: issued.token.csrfToken,
                                   expiresAt: issued.session.absoluteExpiresAt.seconds, amr: issued.session.amr),
                     headers: headers)
    }

    /// Secrets and recovery codes are shown once and must not be cached.
    static let noStore: HTTPHeaders = {
        var headers = HTTPHeaders()
        headers.set("Cache-Control", "no-store")
        return headers
    }()
}
