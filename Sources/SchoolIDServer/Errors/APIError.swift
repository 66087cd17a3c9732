import SchoolIDCore
import SchoolIDHTTP

/// An error a handler throws to answer with the service's one error shape.
///
/// Anything else a handler throws becomes `500 server_error`, with the real error
/// logged under the request id and never shown to the client (STYLE §3.4).
public struct APIError: Error, Sendable {
    public let code: ErrorCode
    public let status: HTTPStatus
    /// The request field the error is about (validation errors).
    public let field: String?
    /// Extra headers, e.g. `Allow` on 405 or `Retry-After` on 503.
    public let headers: HTTPHeaders
    /// Safe English detail for the developer (a ``DomainError``'s detail: the roster row,
    /// the policy rule); never a secret.
    public let detail: String?

    /// Creates an error; `status` defaults to the code's usual status.
    public init(_ code: ErrorCode, status: HTTPStatus? = nil, field: String? = nil, headers: HTTPHeaders = HTTPHeaders(),
                detail: String? = nil)
    {
        self.code = code
        self.detail = detail
        self.status = status ?? code.httpStatus
        self.field = field
        self.headers = headers
    }
}

extension ErrorCode {
    /// The status a code answers with when a handler does not say otherwise.
    public var httpStatus: HTTPStatus {
        switch self {
        case .permissionDenied, .schoolNotAssigned, .classNotAssigned, .csrfTokenInvalid, .originNotAllowed,
             .accountDisabled, .accountLocked, .temporaryPasswordExpired, .stepUpRequired,
             .secondFactorEnrolmentRequired, .secondFactorDisabled, .acceptanceCodeInvalid,
             .accountDeletionNotAllowed, .studentNotServed, .trustedSigningDisabled: .forbidden
        case .unauthorized, .invalidCredentials, .passwordChangeTicketInvalid, .secondFactorRequired: .unauthorized
        case .retryLater, .codeResendTooSoon, .smsBudgetExhausted: .tooManyRequests
        case .notFound, .schoolNotFound, .classNotFound, .accountNotFound, .enrolmentNotFound,
             .credentialBatchNotFound, .registrationNotFound, .recoveryFlowNotFound, .sessionNotFound,
             .guardianNotFound, .guardianLinkNotFound, .invitationNotFound, .clientNotFound,
             .acknowledgementNotFound: .notFound
        case .contactUnchanged, .secondFactorRequiredByPolicy, .phoneNotVerified, .schoolCodeTaken, .classAlreadyExists, .loginTaken, .membershipExists, .enrolmentExists,
             .credentialBatchNotFinished, .accountNotStudent, .guardianLinkExists, .guardianLinkNotPending,
             .guardianLimitReached, .childHasContacts, .snilsTaken, .invitationNotPending, .consentOutdated,
             .clientExists, .acknowledgementConflict, .acknowledgementAlreadySigned,
             .acknowledgementNotSigned: .conflict
        case .credentialBatchGone, .codeExpired, .codeExhausted, .invitationLapsed,
             .acknowledgementDeadlinePassed: .gone
        case .methodNotAllowed: .methodNotAllowed
        case .requestTimeout: .requestTimeout
        case .uriTooLong: .uriTooLong
        case .headerTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge, .rosterTooLarge: .payloadTooLarge
        case .unsupportedExpectation: .expectationFailed
        case .unsupportedMediaType: .unsupportedMediaType
        case .methodNotImplemented, .unsupportedTransferEncoding: .notImplemented
        case .versionNotSupported: .httpVersionNotSupported
        case .serviceBusy, .notReady, .storageUnavailable: .serviceUnavailable
        case .serverError: .internalServerError
        default: .badRequest
        }
    }
}
