import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// What API and page handlers share: the Core services, authentication and the cookie.
struct APIContext: Sendable {
    let environment: ServiceEnvironment
    let attempts: PasswordAttempts
    let authenticator: RequestAuthenticator
    let batchRunner: CredentialBatchRunner
    /// Login-availability answers per client address (registration), one per process.
    let registrationLoginChecks = AddressRateLimiter()
    /// Failed OAuth client authentications per client id and address, one per process,
    /// on the environment's clock (so tests hold the window still).
    let clientAuthFailures: ClientAuthenticationThrottle

    var login: LoginService { LoginService(environment: environment, attempts: attempts) }
    var passwordChange: PasswordChangeService { PasswordChangeService(environment: environment, attempts: attempts) }
    var sessions: SessionService { authenticator.sessions }
    var directory: DirectoryService { DirectoryService(environment: environment) }
    var clients: ClientService { ClientService(environment: environment) }
    var batches: CredentialBatchService { CredentialBatchService(environment: environment) }
    var cookie: SessionCookie { authenticator.cookie }
    var registration: RegistrationService {
        RegistrationService(environment: environment, loginChecks: registrationLoginChecks)
    }
    var contacts: ContactService { ContactService(environment: environment, attempts: attempts) }
    var recovery: RecoveryService { RecoveryService(environment: environment) }
    var secondFactors: SecondFactorService { SecondFactorService(environment: environment) }
    var consent: ConsentService { ConsentService(environment: environment) }
    var snils: SNILSService { SNILSService(environment: environment) }
    var export: AccountExportService { AccountExportService(environment: environment) }
    var trustedAccess: TrustedAccessService { TrustedAccessService(environment: environment, attempts: attempts) }
    var stepUp: StepUpService { StepUpService(environment: environment, attempts: attempts) }
    var guardianship: GuardianshipService {
        GuardianshipService(environment: environment, attempts: attempts, credentials: batches)
    }

    /// The request's context for throttling and audit.
    static func requestContext(_ request: Request) -> RequestContext {
        RequestContext(clientAddress: request.remoteAddress, requestID: request.requestID,
                       channel: request.path.hasPrefix("/v1/") ? .api : .web)
    }

    /// The response headers that open a browser session.
    func sessionHeaders(_ issued: IssuedSession) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(cookie.set(issued.token, maxAge: issued.session.absoluteExpiresAt.seconds - issued.session.createdAt.seconds))
        return headers
    }
}
