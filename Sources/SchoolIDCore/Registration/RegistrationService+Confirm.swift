import SchoolIDBase

/// A completed registration: the new account, its login and its first session.
public struct CompletedRegistration: Sendable {
    public let account: Account
    public let session: IssuedSession
    /// The email-verification challenge sent to the address given, if any.
    public let emailChallengeID: Challenge.ID?
}

extension RegistrationService {
    /// How a confirmation unit ended: the result, or a refusal to throw once the unit
    /// committed (a spent attempt and a proven phone must be kept).
    private enum Step: Sendable {
        case completed(CompletedRegistration)
        case refused(any Error & Sendable)
    }

    /// Confirms the phone with `code` and creates the account.
    ///
    /// In one unit: the code is checked (``ChallengeService/check(_:purpose:code:context:now:in:)``,
    /// single use: of concurrent confirmations exactly one succeeds), the phone marked
    /// verified, the login settled, then the account, its password, its verified phone,
    /// its unverified email (with an email-verification code sent there), a session and
    /// the audit event are written. If the login chosen (at start or here) is taken, the
    /// phone stays verified and `.loginTaken` is thrown: a later confirmation with
    /// another `login` needs no code (it was spent). Without any login, one is generated
    /// (`p` + 7 digits).
    /// - Parameters:
    ///   - code: the SMS code; not needed once the phone is verified.
    ///   - login: a login replacing the one given at start.
    /// - Throws: `DomainError` `.registrationNotFound` (unknown, expired),
    ///   `.codeInvalid` (wrong, missing, consumed, completed, or a decoy), `.codeExpired`,
    ///   `.codeExhausted`, `.loginTaken`, login syntax codes; ``ThrottleError`` when the
    ///   address asked about logins too often.
    /// - Returns: the account and its session.
    public func confirm(_ id: PendingRegistration.ID, code: String?, login loginText: String?,
                        context: RequestContext) async throws -> CompletedRegistration
    {
        let login = try loginText.nonEmpty.map { text throws(DomainError) in try Login(parsing: text) }
        let now = environment.clock.now()
        let step = try await environment.storage.write { [self] tx -> Step in
            guard let registration = try tx.registrations.registration(id), !registration.isExpired(at: now) else {
                throw DomainError(.registrationNotFound)
            }
            guard registration.completedAt == nil else { return .refused(DomainError(.codeInvalid)) }
            if registration.phoneVerifiedAt == nil {
                guard let code else { throw DomainError(.codeInvalid) }
                if case .failure(let error) = try challenges.check(registration.challengeID, purpose: .registration,
                                                                   code: code, context: context, now: now, in: tx) {
                    return .refused(error)
                }
                // A decoy's code never reached anyone; even a lucky guess does not complete it.
                guard !registration.decoy else { return .refused(DomainError(.codeInvalid)) }
                _ = try tx.registrations.markPhoneVerified(id, at: now)
            }
            return try createAccount(registration, login: login, context: context, now: now, in: tx)
        }
        switch step {
        case .completed(let completed): return completed
        case .refused(let error): throw error
        }
    }

    /// Settles the login and writes the account with everything it starts with.
    private func createAccount(_ registration: PendingRegistration, login override: Login?, context: RequestContext,
                               now: UnixTime, in tx: any WriteTransaction) throws -> Step
    {
        let keys = environment.dataKeys
        let details = try RegistrationDetails(sealed: registration.details, for: registration.id, keys: keys)
        let chosen = try override ?? details.login.map { text throws(DomainError) in try Login(parsing: text) }
        let login: Login
        if let chosen {
            // Login availability is the one disclosed fact: rate-limited per address.
            let perMinute = environment.policies.registration.loginChecksPerMinute
            if let wait = loginChecks.take(context.clientAddress, perMinute: perMinute) {
                return .refused(ThrottleError(.retryLater, retryAfterSeconds: wait))
            }
            guard try !tx.accounts.isLoginTaken(chosen) else { return .refused(DomainError(.loginTaken)) }
            login = chosen
        } else {
            login = try generatedLogin(in: tx.accounts)
        }
        let locale = MessageLanguage(rawValue: details.locale) ?? .default
        let accountID = Account.ID.random(using: environment.random)
        let ownerKey = try environment.ownerKeys.create(for: accountID.rawValue, at: now, in: tx.ownerKeys)
        let account = Account(id: accountID, category: .adult, login: login,
                              profile: try details.profile().sealed(for: accountID, under: ownerKey), locale: locale,
                              createdAt: now)
        do { try tx.accounts.insert(account) } catch StoreError.alreadyExists { return .refused(DomainError(.loginTaken)) }
        try tx.credentials.setPassword(PasswordCredential(accountID: accountID, hash: registration.passwordHash,
                                                          kind: .permanent, issuedAt: now))
        let phone = try AccountContact(destination: .phone(try PhoneNumber(parsing: details.phone)), accountID: accountID,
                                       ownerKey: ownerKey, indexKey: keys.indexKey, verifiedAt: now, now: now)
        do {
            try tx.contacts.save(phone)
        } catch StoreError.alreadyExists {
            // Another registration proved the same phone first: this one cannot own it.
            throw DomainError(.codeInvalid, detail: "the phone was verified by another account meanwhile")
        }
        let emailChallenge = try details.email.flatMap { text in
            try addEmail(try Email(parsing: text), to: account, ownerKey: ownerKey, context: context, now: now, in: tx)
        }
        let ttl = environment.policies.otp.ttlSeconds
        guard try tx.registrations.complete(registration.id, accountID: accountID, emailChallengeID: emailChallenge,
                                            at: now, keepUntil: now.adding(seconds: ttl))
        else { throw DomainError(.codeInvalid) }
        if let version = registration.consentVersion {
            try ConsentService(environment: environment)
                .recordOwn(accountID, version: version, channel: registration.consentChannel ?? .api, context: context,
                           now: now, in: tx)
        }
        let session = try SessionService(environment: environment)
            .open(for: accountID, purpose: .session, at: now, policy: environment.policies.sessions, in: tx)
        _ = try tx.audit.append(AuditEvent(at: now, action: .registrationCompleted, actorID: accountID,
                                           targetID: accountID, clientAddress: context.clientAddress,
                                           requestID: context.requestID,
                                           detail: "registration \(registration.id) completed, guardian account created"
                                               + (emailChallenge == nil ? "" : ", email code sent")))
        return .completed(CompletedRegistration(account: account, session: session, emailChallengeID: emailChallenge))
    }

    /// Stores the email unverified (unless someone verified it meanwhile) and sends it a
    /// verification code. A code quota reached leaves the email unverified without a
    /// code (it can be verified later from the security settings) rather than failing
    /// the registration.
    private func addEmail(_ email: Email, to account: Account, ownerKey: SealingKey, context: RequestContext,
                          now: UnixTime, in tx: any WriteTransaction) throws -> Challenge.ID?
    {
        let keys = environment.dataKeys
        let destination = OTPDestination.email(email)
        guard try tx.contacts.verifiedContact(destination, keys: keys) == nil
        else { return nil }
        try tx.contacts.save(AccountContact(destination: destination, accountID: account.id, ownerKey: ownerKey,
                                            indexKey: keys.indexKey, verifiedAt: nil, now: now))
        let issued: (Challenge, code: Secret<String>)
        do {
            issued = try challenges.issue(purpose: .emailChange, destination: destination, accountID: account.id,
                                          context: context, now: now, in: tx)
        } catch is ThrottleError {
            return nil
        }
        try Courier.send(.emailChangeCode(code: issued.code.unredacted), to: destination, language: account.locale,
                         now: now, keys: keys, random: environment.random, in: tx)
        return issued.0.id
    }

    /// A readable login nobody has used: `p` and 7 digits (tries until a free one).
    private func generatedLogin(in accounts: any AccountReader) throws -> Login {
        while true {
            let digits = environment.random.string(length: 7, alphabet: Array("0123456789"))
            if let login = Login(rawValue: "p" + digits), try !accounts.isLoginTaken(login) { return login }
        }
    }
}
