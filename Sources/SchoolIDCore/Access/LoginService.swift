import SchoolIDBase

/// What a successful password check leads to.
public enum LoginOutcome: Sendable {
    /// A full session.
    case loggedIn(IssuedSession, Account)
    /// A temporary password: a ticket good only for setting a new password.
    case passwordChangeRequired(IssuedSession, Account)
    /// The account has a confirmed second factor: a ticket (purpose
    /// ``Session/Purpose/secondFactor``) good only for the second login step, and the
    /// kinds of proof that step accepts. No session exists yet.
    case secondFactorRequired(IssuedSession, Account, methods: [SecondFactorMethod])
    /// A second factor is mandatory for the account's roles and none is enrolled: a
    /// ticket (purpose ``Session/Purpose/factorEnrolment``) good only for enrolling
    /// one; confirming it opens the session.
    case enrolmentRequired(IssuedSession, Account)
    /// The password (and second factor, if any) were right, but the adult has not
    /// accepted the current consent text (`consent.json` `current_text_version`,
    /// 152-FZ art. 9): a ticket (purpose ``Session/Purpose/consent``) good only for
    /// giving consent to `version`, which then opens the session.
    case consentRequired(IssuedSession, Account, version: Int)
}

/// A kind of proof the second login step accepts, spelled as on the wire.
public enum SecondFactorMethod: String, Hashable, Sendable, CaseIterable {
    /// A TOTP code from an authenticator app (RFC 6238).
    case totp
    /// An SMS code to the verified phone (only when policy enables SMS as a factor).
    case sms
    /// One of the account's single-use recovery codes.
    case recoveryCode = "recovery_code"
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
///    `account_locked`, `temporary_password_expired`); otherwise `invalid_credentials`;
/// 4. then a temporary password leads to a change ticket; an account with a confirmed
///    second factor to a second-factor ticket (`LoginService+SecondFactor.swift`); staff
///    without one (policy `mandatory_roles`) to an enrolment ticket; everyone else to a
///    session (`amr` `pwd`, `acr` `"1"`).
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
    /// - Returns: the session, or a password-change, second-factor or enrolment ticket.
    public func login(_ loginText: String, password passwordText: String, context: RequestContext) async throws
        -> LoginOutcome
    {
        let policies = environment.policies
        let login = try Login(parsing: loginText)
        let password = try Password(passwordText, maximumLength: policies.passwords.maximumLength)
        try await attempts.takeAddressAttempt(context)
        let key = attempts.key(login, address: context.clientAddress)
        let now = environment.clock.now()
        let (account, credential, counter) = try await environment.storage.read { tx in
            let account = try tx.accounts.account(login: login)
            return (account, try account.flatMap { try tx.credentials.password(of: $0.id) },
                    try tx.credentials.failureCounter(key))
        }
        try await attempts.checkBackoff(counter, now: now, context: context)
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
