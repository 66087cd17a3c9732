import Foundation
import SchoolIDBase

/// What the registrant learns after starting or resending: the same for a fresh phone
/// and for one that already belongs to an account (anti-enumeration).
public struct RegistrationTicket: Sendable, Hashable {
    public let id: PendingRegistration.ID
    /// When the registration is gone if not confirmed.
    public let expiresAt: UnixTime
    /// The earliest time another code may be requested.
    public let resendAfter: UnixTime
}

/// A guardian's self-registration (`POST /v1/registrations` and its `resend`,
/// `confirm` and `email/confirm`).
///
/// 1. ``start(lastName:firstName:patronymic:phone:email:password:login:locale:context:)``
///    validates everything, hashes the password, then in one unit issues the phone
///    challenge, queues the SMS and stores the sealed registration.
/// 2. ``confirm(_:code:login:context:)`` checks the code; the account (category adult,
///    verified phone, unverified email) and a session are created in the same unit.
/// 3. ``verifyEmail(_:accountID:code:context:)`` verifies the email with the code that
///    confirmation sent there.
///
/// Anti-enumeration (OWASP ASVS 5.0 V6.3.7): a phone or email that is already a
/// verified contact is never revealed. The registrant gets the same answer and the same
/// work is done (one challenge, one outbox row per contact); the owner receives a
/// `contactAlreadyRegistered` notice instead of a code, and such a registration never
/// completes. Login availability is the one disclosed fact: it is answered only after
/// the phone is proven and rate-limited per client address (`registration.json`).
/// No security questions are asked (NIST SP 800-63B-4 §4.2: recovery goes through
/// verified contacts).
public struct RegistrationService: Sendable {
    public let environment: ServiceEnvironment
    let loginChecks: AddressRateLimiter<ContinuousClock>
    var challenges: ChallengeService { ChallengeService(environment: environment) }

    /// - Parameter loginChecks: the process's limiter of login-availability answers
    ///   per client address (one per process, like ``PasswordAttempts``).
    public init(environment: ServiceEnvironment, loginChecks: AddressRateLimiter<ContinuousClock>) {
        self.environment = environment
        self.loginChecks = loginChecks
    }

    /// Starts a registration and sends the phone code.
    /// - Parameters:
    ///   - email: optional; an address that already belongs to someone is silently not used.
    ///   - login: optional; only its syntax is checked here, its availability at confirmation.
    ///   - locale: the language of the account's messages.
    ///   - consentVersion: the consent text version the registrant accepted (152-FZ
    ///     art. 9); recorded as the account's own consent at confirmation.
    ///   - channel: `api` for `/v1/registrations`, `web` for the registration page.
    /// - Throws: `DomainError(.consentRequired)` without a consent, `.consentOutdated` for
    ///   another version than the current one; `DomainError` (name, phone, email, login
    ///   and password-policy codes, `.phoneNotAllowed`) before anything is written;
    ///   ``ThrottleError`` from the code quotas; the hashing pool's saturation error.
    /// - Returns: the ticket.
    public func start(lastName: String, firstName: String, patronymic: String?, phone phoneText: String,
                      email emailText: String?, password passwordText: String, login loginText: String?,
                      locale: MessageLanguage, consentVersion: Int?, channel: ConsentRecord.Channel,
                      context: RequestContext) async throws -> RegistrationTicket
    {
        guard let consentVersion else { throw DomainError(.consentRequired) }
        guard consentVersion == environment.policies.consent.currentTextVersion else {
            throw DomainError(.consentOutdated)
        }
        return try await environment.evenly {
            let policies = environment.policies
            let profile = try AccountProfile(lastName: lastName, firstName: firstName, patronymic: patronymic.nonEmpty,
                                             birthDate: nil)
            let phone = try PhoneNumber(parsing: phoneText)
            let email = try emailText.nonEmpty.map { text throws(DomainError) in try Email(parsing: text) }
            let login = try loginText.nonEmpty.map { text throws(DomainError) in try Login(parsing: text) }
            let password = try Password(passwordText, maximumLength: policies.passwords.maximumLength)
            try policies.passwords.evaluate(password, role: .guardian, hasSecondFactor: false, login: login).enforce()
            guard policies.otp.sms.allows(phone) else { throw DomainError(.phoneNotAllowed) }
            let hash = try await environment.hasher.hash(password, cost: policies.passwords.userHashCost,
                                                         priority: .interactive)
            let now = environment.clock.now()
            return try await environment.storage.write { [self] tx in
                try begin(profile: profile, phone: phone, email: email, login: login, locale: locale, hash: hash,
                          consent: (consentVersion, channel), context: context, now: now, in: tx)
            }
        }
    }

    /// Sends a new code for a pending registration (same cooldown and quotas as any code).
    /// - Throws: `DomainError(.registrationNotFound)` for an unknown or expired one,
    ///   `.codeInvalid` once the phone is verified, `.codeExhausted`; ``ThrottleError``.
    /// - Returns: the ticket.
    public func resend(_ id: PendingRegistration.ID, context: RequestContext) async throws -> RegistrationTicket {
        try await environment.evenly {
            let now = environment.clock.now()
            let keys = environment.dataKeys
            let cooldown = environment.policies.otp.resendCooldownSeconds
            return try await environment.storage.write { [self] tx in
                guard let registration = try tx.registrations.registration(id), !registration.isExpired(at: now) else {
                    throw DomainError(.registrationNotFound)
                }
                guard registration.phoneVerifiedAt == nil else { throw DomainError(.codeInvalid) }
                let details = try RegistrationDetails(sealed: registration.details, for: id, keys: keys)
                let (challenge, code) = try challenges.resend(registration.challengeID, context: context, now: now, in: tx)
                let phone = OTPDestination.phone(try PhoneNumber(parsing: details.phone))
                let owner = try tx.contacts.verifiedContact(phone, keys: keys)
                try sendPhoneMessage(code: code, to: phone, owner: registration.decoy ? owner : nil,
                                     locale: MessageLanguage(rawValue: details.locale) ?? .default, now: now, in: tx)
                return RegistrationTicket(id: id, expiresAt: registration.expiresAt,
                                          resendAfter: challenge.lastSentAt.adding(seconds: cooldown))
            }
        }
    }

    /// The start's one unit: owner lookups, challenge, messages, the sealed row, audit.
    private func begin(profile: AccountProfile, phone: PhoneNumber, email: Email?, login: Login?,
                       locale: MessageLanguage, hash: String, consent: (version: Int, channel: ConsentRecord.Channel),
                       context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws -> RegistrationTicket
    {
        let policies = environment.policies
        let keys = environment.dataKeys
        let destination = OTPDestination.phone(phone)
        let phoneIndex = destination.contactIndex(key: keys.indexKey).bytes
        let owner = try tx.contacts.verifiedContact(destination, keys: keys)
        let (challenge, code) = try challenges.issue(purpose: .registration, destination: destination, accountID: nil,
                                                     context: context, now: now, in: tx)
        try sendPhoneMessage(code: code, to: destination, owner: owner, locale: locale, now: now, in: tx)
        let usedEmail = try email.flatMap { try noticeIfOwned($0, locale: locale, now: now, in: tx) }
        let id = PendingRegistration.ID.random(using: environment.random)
        let version = keys.currentDataKeyVersion
        guard let dataKey = keys.dataKey(version: version) else { throw SealingError.unknownDataKeyVersion(version) }
        let details = RegistrationDetails(profile: profile, phone: phone, email: usedEmail, login: login, locale: locale)
        let registration = PendingRegistration(
            id: id, challengeID: challenge.id,
            details: try details.sealed(for: id, under: SealingKey(key: dataKey, version: version)),
            passwordHash: hash, phoneIndex: phoneIndex, decoy: owner != nil, createdAt: now,
            expiresAt: now.adding(seconds: policies.registration.pendingSeconds),
            consentVersion: consent.version, consentChannel: consent.channel)
        try tx.registrations.insert(registration)
        _ = try tx.audit.append(AuditEvent(at: now, action: .registrationStarted, targetID: owner?.accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "registration \(id), challenge \(challenge.id)"
                                               + (owner == nil ? "" : ", phone already registered: owner notified")))
        return RegistrationTicket(id: id, expiresAt: registration.expiresAt,
                                  resendAfter: now.adding(seconds: policies.otp.resendCooldownSeconds))
    }

    /// Queues the code for a fresh phone, or the notice (in the owner's language) for a
    /// phone that already belongs to `owner`. Either way exactly one real SMS.
    private func sendPhoneMessage(code: Secret<String>, to destination: OTPDestination, owner: AccountContact?,
                                  locale: MessageLanguage, now: UnixTime, in tx: any WriteTransaction) throws
    {
        let keys = environment.dataKeys, random = environment.random
        if let owner {
            let language = try tx.accounts.account(owner.accountID)?.locale ?? .default
            try Courier.send(.contactAlreadyRegistered, to: destination, language: language, now: now, keys: keys,
                             random: random, in: tx)
        } else {
            try Courier.send(.registrationCode(code: code.unredacted), to: destination, language: locale, now: now,
                             keys: keys, random: random, in: tx)
        }
    }

    /// For an email that is a verified contact of someone: notifies the owner and
    /// returns `nil` (not used); otherwise queues a decoy row (the same work) and
    /// returns the address.
    private func noticeIfOwned(_ email: Email, locale: MessageLanguage, now: UnixTime, in tx: any WriteTransaction)
        throws -> Email?
    {
        let keys = environment.dataKeys, random = environment.random
        let destination = OTPDestination.email(email)
        let owner = try tx.contacts.verifiedContact(destination, keys: keys)
        let language = try owner.flatMap { try tx.accounts.account($0.accountID)?.locale } ?? locale
        try Courier.send(.contactAlreadyRegistered, to: destination, language: language, decoy: owner == nil, now: now,
                         keys: keys, random: random, in: tx)
        return owner == nil ? email : nil
    }
}

extension Optional where Wrapped == String {
    /// `nil` for `nil`, an empty or a blank string (optional form fields).
    var nonEmpty: String? {
        guard let self, !self.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return self
    }
}
