import SchoolIDBase

/// What ``RecoveryService/start(identifier:context:)`` answers, the same for known and
/// unknown accounts.
public struct StartedRecovery: Hashable, Sendable {
    /// The flow to confirm (`flow_id`).
    public let flowID: RecoveryFlow.ID
    /// When the flow stops accepting codes.
    public let expiresAt: UnixTime
    /// When ``RecoveryService/resend(flowID:context:)`` may be asked (the OTP cooldown).
    public let resendAfter: UnixTime
}

extension RecoveryService {
    /// What an identifier typed on "I don't remember my password" names.
    enum Identifier {
        case login(Login, fallback: OTPDestination)
        case contact(OTPDestination)
    }

    /// "I don't remember my password": sends a code to the account's verified phone
    /// (and, when `recovery_requires_every_verified_contact` and its email is verified
    /// too, a second code to the email) and opens a flow.
    ///
    /// For an unknown login, phone or email, or an account without a verified contact,
    /// the flow is a decoy: one challenge against the typed destination (a destination
    /// derived from the login for a login) and a decoy outbox row, answered alike.
    /// - Parameters:
    ///   - identifier: a login, phone number or email address as typed.
    ///   - context: the request.
    /// - Throws: a format error of the input (`DomainError`), `.phoneNotAllowed`,
    ///   ``ThrottleError``, a store error.
    /// - Returns: the flow id, its expiry and the earliest resend.
    public func start(identifier: String, context: RequestContext) async throws -> StartedRecovery {
        try await environment.evenly {
            let named = try parse(identifier)
            let now = environment.clock.now()
            let keys = environment.dataKeys
            let random = environment.random
            let ownerKeys = environment.ownerKeys
            let policies = environment.policies
            let flowID = RecoveryFlow.ID.random(using: random)
            let expiresAt = now.adding(seconds: policies.registration.recoveryFlowSeconds)
            let every = policies.registration.recoveryRequiresEveryVerifiedContact
            try await environment.storage.write { [challenges] tx in
                let found = try Self.account(named, keys: keys, random: random, in: tx)
                var targets = try Self.recoveryDestinations(of: found, every: every, ownerKeys: ownerKeys, shadow: named,
                                                            keys: keys, random: random, in: tx)
                let decoy = targets.isEmpty
                if decoy { targets = [named.decoyDestination] }
                var sms: Challenge.ID?, email: Challenge.ID?
                for destination in targets {
                    let (challenge, code) = try challenges.issue(purpose: .passwordRecovery, destination: destination,
                                                                 accountID: decoy ? nil : found?.id, context: context,
                                                                 now: now, in: tx)
                    if destination.channel == .sms { sms = challenge.id } else { email = challenge.id }
                    try Courier.send(.passwordRecoveryCode(code: code.unredacted), to: destination,
                                     language: found?.locale ?? .default, decoy: decoy, now: now, keys: keys,
                                     random: random, in: tx)
                }
                try tx.recoveryFlows.insert(RecoveryFlow(id: flowID, accountID: decoy ? nil : found?.id, smsChallengeID: sms,
                                                         emailChallengeID: email, createdAt: now, expiresAt: expiresAt))
                _ = try tx.audit.append(AuditEvent(at: now, action: .recoveryRequested, targetID: decoy ? nil : found?.id,
                                                   clientAddress: context.clientAddress, requestID: context.requestID,
                                                   detail: decoy ? "flow \(flowID), no account with a verified contact (decoy)"
                                                       : "flow \(flowID), \(targets.count) codes sent"))
            }
            return StartedRecovery(flowID: flowID, expiresAt: expiresAt,
                                   resendAfter: now.adding(seconds: policies.otp.resendCooldownSeconds))
        }
    }

    /// Sends new codes for every unconsumed challenge of the flow (the attempts left
    /// are kept). A decoy flow resends its decoy alike.
    /// - Throws: `DomainError(.recoveryFlowNotFound)` for an unknown, expired or completed
    ///   flow; `.codeExhausted`; ``ThrottleError`` (`.codeResendTooSoon` within the
    ///   cooldown); a store error.
    /// - Returns: the earliest next resend.
    @discardableResult
    public func resend(flowID: RecoveryFlow.ID, context: RequestContext) async throws -> UnixTime {
        try await environment.evenly {
            let now = environment.clock.now()
            let keys = environment.dataKeys
            let random = environment.random
            let ownerKeys = environment.ownerKeys
            try await environment.storage.write { [challenges] tx in
                guard let flow = try tx.recoveryFlows.flow(flowID), flow.isOpen(at: now) else {
                    throw DomainError(.recoveryFlowNotFound)
                }
                let account = try flow.accountID.flatMap { try tx.accounts.account($0) }
                let destinations = try Self.recoveryDestinations(of: account, every: true, ownerKeys: ownerKeys,
                                                                 shadow: nil, keys: keys, random: random, in: tx)
                for id in flow.challengeIDs where try tx.challenges.challenge(id)?.consumedAt == nil {
                    let (challenge, code) = try challenges.resend(id, context: context, now: now, in: tx)
                    // A decoy flow has no destination to open: a decoy row to a placeholder.
                    let destination = destinations.first { $0.channel == challenge.channel }
                    try Courier.send(.passwordRecoveryCode(code: code.unredacted),
                                     to: destination ?? Self.placeholder(for: challenge.channel),
                                     language: account?.locale ?? .default, decoy: destination == nil, now: now,
                                     keys: keys, random: random, in: tx)
                }
            }
            return now.adding(seconds: environment.policies.otp.resendCooldownSeconds)
        }
    }

    /// The identifier as a login, phone or email.
    /// - Throws: the format error of the most likely reading.
    func parse(_ text: String) throws -> Identifier {
        if text.contains("@") { return .contact(.email(try Email(parsing: text))) }
        let phone = try? PhoneNumber(parsing: text)
        if let login = try? Login(parsing: text) {
            return .login(login, fallback: phone.map(OTPDestination.phone)
                          ?? decoyDestination(for: login))
        }
        if let phone { return .contact(.phone(phone)) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("+") || trimmed.first?.isNumber == true { _ = try PhoneNumber(parsing: text) }
        _ = try Login(parsing: text)
        throw DomainError(.loginInvalidFormat)
    }

    /// The account a parsed identifier names: by login (then by phone, when the login
    /// is all digits and also a phone), or by verified contact.
    static func account(_ named: Identifier, keys: any DataKeyProvider, random: any RandomSource,
                        in tx: any WriteTransaction) throws -> Account? {
        switch named {
        case .login(let login, let fallback):
            if let account = try tx.accounts.account(login: login) { return account }
            guard case .phone = fallback else { return nil }
            return try account(.contact(fallback), keys: keys, random: random, in: tx)
        case .contact(let destination):
            let owner = try tx.contacts.verifiedContact(destination, keys: keys)
            // An unknown contact reads an account too (a random id), as a known one does.
            let account = try tx.accounts.account(owner?.accountID ?? Account.ID.random(using: random))
            return owner == nil ? nil : account
        }
    }

    /// Where the codes for `account` go: its verified phone, and its verified email
    /// too when `every` (or when it has no verified phone). Empty for no account, a
    /// disabled one or one without a verified contact; then, when `shadow` is given,
    /// the work a known account costs is done anyway (``shadowWork(shadowID:text:keys:random:in:)``).
    static func recoveryDestinations(of found: Account?, every: Bool, ownerKeys: OwnerKeys, shadow: Identifier?,
                                     keys: any DataKeyProvider, random: any RandomSource,
                                     in tx: any WriteTransaction) throws -> [OTPDestination] {
        let account = found?.status == .active ? found : nil
        let shadowID = Account.ID.random(using: random)
        let verified = try tx.contacts.contacts(of: account?.id ?? shadowID).filter(\.isVerified)
        guard let account, !verified.isEmpty else {
            if let shadow {
                try shadowWork(shadowID: shadowID, text: shadow.decoyDestination.normalizedText, keys: keys,
                               random: random, in: tx)
            }
            return []
        }
        let key = try ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys)
        let destinations = try verified.map { try $0.destination(ownerKey: key) }
        let phone = destinations.first { $0.channel == .sms }
        guard let phone else { return Array(destinations.prefix(1)) }
        return every ? destinations : [phone]
    }

    /// A stand-in destination derived from a login that matched no account: a number
    /// under the first allowed SMS prefix (so the decoy counts like a real SMS), stable
    /// per login so quotas apply to it as to a real one.
    func decoyDestination(for login: Login) -> OTPDestination {
        let digest = BlindIndex(login.rawValue, table: "recovery_flows", column: "decoy", key: environment.dataKeys.indexKey)
        let prefix = environment.policies.otp.sms.allowedPrefixes.first ?? "+79"
        let needed = max(0, 12 - prefix.count)
        let digits = digest.bytes.prefix(needed).map { String($0 % 10) }.joined()
        if let phone = try? PhoneNumber(parsing: prefix + digits) { return .phone(phone) }
        return .email(Email(rawValue: "\(Hex.encode(Array(digest.bytes.prefix(8))))@decoy.invalid")
                      ?? Email(rawValue: "decoy@example.com")!)
    }

    /// A placeholder destination for a decoy row on `channel` (never sent).
    static func placeholder(for channel: Challenge.Channel) -> OTPDestination {
        switch channel {
        case .sms: .phone(PhoneNumber(rawValue: "+79000000000")!)
        case .email: .email(Email(rawValue: "decoy@example.com")!)
        }
    }
}

extension RecoveryService.Identifier {
    /// Where a decoy goes when this identifier matches nobody.
    var decoyDestination: OTPDestination {
        switch self {
        case .login(_, let fallback): fallback
        case .contact(let destination): destination
        }
    }
}
