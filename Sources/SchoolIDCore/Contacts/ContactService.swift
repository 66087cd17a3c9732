import SchoolIDBase

/// What a started or resent contact change answers: the same shape whether the code
/// went to the new value or the value belonged to someone else (anti-enumeration).
public struct ContactChangeReceipt: Hashable, Sendable {
    public let challengeID: Challenge.ID
    /// When the code stops working.
    public let expiresAt: UnixTime
    /// The earliest time a resend is accepted.
    public let resendAfter: UnixTime
}

/// Security settings: a logged-in person changes their phone or email address.
///
/// The flow follows NIST SP 800-63B-4 §4.2 (binding an out-of-band authenticator to an
/// existing subscriber): re-authenticate first (the current password, counted like a
/// login attempt), prove control of the new value with a one-time code, and notify the
/// old value once the change is made (ASVS 5.0 V6.3.7, notify on authentication detail
/// changes). A value that another account has verified is never disclosed: the answer
/// and the work are the same, its owner gets a notice instead of a code, and the change
/// can never be confirmed.
public struct ContactService: Sendable {
    private let environment: ServiceEnvironment
    private let attempts: PasswordAttempts
    private let challenges: ChallengeService

    public init(environment: ServiceEnvironment, attempts: PasswordAttempts) {
        self.environment = environment
        self.attempts = attempts
        self.challenges = ChallengeService(environment: environment)
    }

    /// The actor's contacts with their opened values, phone first.
    /// - Throws: `DomainError(.unauthorized)` without a session; a store or sealing error.
    public func contacts(of actor: Actor) async throws -> [(contact: AccountContact, value: OTPDestination)] {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let accountID = actor.account.id
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            let contacts = try tx.contacts.contacts(of: accountID)
            guard !contacts.isEmpty else { return [] }
            let key = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            return try contacts.map { ($0, try $0.destination(ownerKey: key)) }
        }
    }

    /// Starts a change: checks the current password, then issues a code to `newValue`.
    /// - Parameters:
    ///   - kind: which contact to change.
    ///   - newValue: the new phone number or email address as typed.
    ///   - currentPassword: re-authentication.
    /// - Throws: `DomainError` `.stepUpRequired` (no second factor within
    ///   `step_up_seconds`, see ``StepUp``), `.invalidCredentials` (a failed attempt, throttled like a
    ///   login), a phone or email format code, `.phoneNotAllowed`, `.contactUnchanged`
    ///   (the value is already this account's verified contact); ``ThrottleError``; a
    ///   store error.
    public func startChange(actor: Actor, kind: AccountContact.Kind, newValue: String, currentPassword: String,
                            context: RequestContext) async throws -> ContactChangeReceipt
    {
        try await environment.evenly {
            // Before the password: without a fresh factor no attempt is spent, and a
            // stolen cookie alone cannot test passwords here.
            try StepUp.require(actor, policy: environment.policies.secondFactor, now: environment.clock.now())
            _ = try await attempts.verifyCurrentPassword(of: actor, currentPassword, context: context)
            let destination: OTPDestination = switch kind {
            case .phone: .phone(try PhoneNumber(parsing: newValue))
            case .email: .email(try Email(parsing: newValue))
            }
            let now = environment.clock.now()
            let (environment, challenges, account) = (environment, challenges, actor.account)
            return try await environment.storage.write { tx in
                let keys = environment.dataKeys
                let candidates = destination.contactIndexCandidates(keys: keys)
                if let current = try tx.contacts.contacts(of: account.id).first(where: { $0.kind == kind }),
                   current.isVerified, candidates.contains(current.valueIndex)
                {
                    throw DomainError(.contactUnchanged)
                }
                let owner = try tx.contacts.verifiedContact(destination, keys: keys)
                let (challenge, code) = try challenges.issue(purpose: Self.purpose(kind), destination: destination,
                                                             accountID: account.id, context: context, now: now, in: tx)
                let ownerKey = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
                try tx.contactChanges.insert(ContactChange(
                    challengeID: challenge.id, destination: destination, accountID: account.id, ownerKey: ownerKey,
                    indexKey: keys.indexKey, decoy: owner != nil, now: now, expiresAt: challenge.expiresAt))
                if let owner {
                    let language = try tx.accounts.account(owner.accountID)?.locale ?? .default
                    try Courier.send(.contactAlreadyRegistered, to: destination, language: language, now: now, keys: keys,
                                     random: environment.random, in: tx)
                } else {
                    try Courier.send(Self.template(kind, code: code.unredacted), to: destination, language: account.locale,
                                     now: now, keys: keys, random: environment.random, in: tx)
                }
                try Self.audit(.contactChangeStarted, account.id, context: context, now: now,
                               detail: "\(kind.rawValue) change started, challenge \(challenge.id)", in: tx)
                return receipt(challenge)
            }
        }
    }

    /// Sends a new code for a pending change (the attempts left are kept).
    /// - Throws: `DomainError(.codeInvalid)` for a change that is not the actor's or not
    ///   pending, `.codeExhausted`; ``ThrottleError`` before the cooldown or over a quota.
    public func resendChange(actor: Actor, challengeID: Challenge.ID, context: RequestContext) async throws
        -> ContactChangeReceipt
    {
        try await environment.evenly {
            let now = environment.clock.now()
            let (environment, challenges, account) = (environment, challenges, actor.account)
            return try await environment.storage.write { tx in
                guard let change = try tx.contactChanges.change(challengeID), change.accountID == account.id else {
                    throw DomainError(.codeInvalid)
                }
                let (challenge, code) = try challenges.resend(challengeID, context: context, now: now, in: tx)
                try tx.contactChanges.extend(challengeID, to: challenge.expiresAt)
                let ownerKey = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
                // A decoy change writes a decoy row: the same work, nothing sent, no second
                // notice to the value's owner.
                try Courier.send(Self.template(change.kind, code: code.unredacted),
                                 to: try change.destination(ownerKey: ownerKey), language: account.locale,
                                 decoy: change.decoy, now: now, keys: environment.dataKeys, random: environment.random,
                                 in: tx)
                return receipt(challenge)
            }
        }
    }

    /// Confirms a change with the code sent to the new value: the new value becomes the
    /// account's verified contact of its kind and the old one, if verified, is told.
    /// - Throws: `DomainError` `.codeInvalid` (wrong code, a change that is not the
    ///   actor's, a decoy, or a value verified by another account meanwhile),
    ///   `.codeExpired`, `.codeExhausted`; a store or sealing error.
    /// - Returns: the kind of contact that changed.
    public func confirmChange(actor: Actor, challengeID: Challenge.ID, code: String, context: RequestContext)
        async throws -> AccountContact.Kind
    {
        let now = environment.clock.now()
        let (environment, challenges, account) = (environment, challenges, actor.account)
        return try await environment.storage.write { tx -> Result<AccountContact.Kind, DomainError> in
            // Another account's change is refused without spending its attempts.
            guard let change = try tx.contactChanges.change(challengeID), change.accountID == account.id else {
                return .failure(DomainError(.codeInvalid))
            }
            if case .failure(let error) = try challenges.check(challengeID, purpose: Self.purpose(change.kind), code: code,
                                                               context: context, now: now, in: tx) {
                return .failure(error)
            }
            try tx.contactChanges.delete(challengeID)
            guard !change.decoy else { return .failure(DomainError(.codeInvalid)) }
            let keys = environment.dataKeys
            let ownerKey = try environment.ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
            let old = try tx.contacts.contacts(of: account.id).first { $0.kind == change.kind && $0.isVerified }
            let oldDestination = try old?.destination(ownerKey: ownerKey)
            let contact = try AccountContact(destination: try change.destination(ownerKey: ownerKey), accountID: account.id,
                                             ownerKey: ownerKey, indexKey: keys.indexKey, verifiedAt: now, now: now)
            do {
                try tx.contacts.save(contact)
            } catch StoreError.alreadyExists {
                return .failure(DomainError(.codeInvalid, detail: "verified by another account meanwhile"))
            }
            if let oldDestination {
                try Courier.send(.contactChangedNotice(kind: change.kind), to: oldDestination, language: account.locale,
                                 now: now, keys: keys, random: environment.random, in: tx)
            }
            try Self.audit(.contactChanged, account.id, context: context, now: now,
                           detail: "\(change.kind.rawValue) changed, challenge \(challengeID)", in: tx)
            return .success(change.kind)
        }.get()
    }

    private func receipt(_ challenge: Challenge) -> ContactChangeReceipt {
        ContactChangeReceipt(challengeID: challenge.id, expiresAt: challenge.expiresAt,
                             resendAfter: challenge.lastSentAt.adding(seconds: environment.policies.otp.resendCooldownSeconds))
    }

    static func purpose(_ kind: AccountContact.Kind) -> Challenge.Purpose {
        kind == .phone ? .phoneChange : .emailChange
    }

    static func template(_ kind: AccountContact.Kind, code: String) -> MessageTemplate {
        kind == .phone ? .phoneChangeCode(code: code) : .emailChangeCode(code: code)
    }

    static func audit(_ action: AuditAction, _ accountID: Account.ID, context: RequestContext, now: UnixTime,
                      detail: String, in tx: any WriteTransaction) throws {
        _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: accountID, targetID: accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: detail))
    }
}
