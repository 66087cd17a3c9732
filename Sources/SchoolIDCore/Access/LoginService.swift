import SchoolIDBase

/// What a successful password check leads to.
public enum LoginOutcome: Sendable {
    /// A full session.
    case loggedIn(IssuedSession, Account)
    /// A temporary password: a ticket good only for setting a new password.
    case passwordChangeRequired(IssuedSession, Account)
}

/// `POST /v1/login`: login + password → session, with throttling and lockout.
///
/// Order matters for what an attacker can learn (ASVS 5.0 V6.3.8, NIST 63B-4 §3.2.2):
/// 1. the login's syntax (a login typed in Cyrillic gets a hint that says nothing about
///    existence), the attempts of the client address per minute, and the backoff of the
///    (normalised login, client address) pair — unknown logins are counted exactly like
///    known ones;
/// 2. the password is verified, against a dummy hash at the user cost when the login is
///    unknown, so the work is the same;
/// 3. only after the password verified: account states (`account_disabled`,
///    `account_locked`, `temporary_password_expired`); otherwise `invalid_credentials`.
public final class LoginService: Sendable {
    let environment: ServiceEnvironment
    let sessions: SessionService
    let attempts: PasswordAttempts

    public init(environment: ServiceEnvironment, attempts: PasswordAttempts) {
        self.environment = environment
        self.sessions = SessionService(environment: environment)
        self.attempts = attempts
    }

    /// Checks a login and password.
    /// - Throws: `DomainError` (`.invalidCredentials`, login syntax codes, and after the
    ///   password verified `.accountDisabled`, `.accountLocked`,
    ///   `.temporaryPasswordExpired`); ``ThrottleError`` when throttled; the hashing
    ///   pool's saturation error.
    /// - Returns: the session or the password-change ticket.
    public func login(_ loginText: String, password passwordText: String, context: RequestContext) async throws
        -> LoginOutcome
    {
        let policies = environment.policies
        let login = try Login(parsing: loginText)
        let password = try Password(passwordText, maximumLength: policies.passwords.maximumLength)
        try attempts.takeAddressAttempt(context.clientAddress)
        let key = attempts.key(login, address: context.clientAddress)
        let now = environment.clock.now()
        let (account, credential, counter) = try await environment.storage.read { tx in
            let account = try tx.accounts.account(login: login)
            return (account, try account.flatMap { try tx.credentials.password(of: $0.id) },
                    try tx.credentials.failureCounter(key))
        }
        try attempts.checkBackoff(counter, now: now)
        guard let account, let credential else {
            _ = try await environment.hasher.verify(password, against: try await attempts.dummyHash(policies.passwords.userHashCost),
                                                    priority: .interactive)
            try await attempts.recordFailure(key: key, account: nil, context: context)
            throw DomainError(.invalidCredentials)
        }
        guard try await environment.hasher.verify(password, against: credential.hash, priority: .interactive) else {
            try await attempts.recordFailure(key: key, account: account, context: context)
            throw DomainError(.invalidCredentials)
        }
        return try await succeed(account, credential, password: password, key: key, context: context)
    }
}
