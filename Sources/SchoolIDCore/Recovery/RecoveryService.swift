import SchoolIDBase

/// "I don't remember my login" and "I don't remember my password" (issue 5), through
/// verified contacts only: no security questions (NIST SP 800-63B-4 §4.2, ASVS 5.0
/// V6.4.2).
///
/// Nothing here reveals whether an account exists (OWASP Forgot Password Cheat Sheet):
/// for an unknown login, phone or email the service does the same work as for a known
/// one — the same reads, one write unit with a send logged against the same quotas, a
/// challenge and an outbox row — except that the row is a decoy the dispatcher drops,
/// and answers with the same shape. Errors that depend only on what the caller typed
/// (a malformed phone) are fine to show; errors that depend on the account come only
/// after the caller proved control of its contacts.
public struct RecoveryService: Sendable {
    public let environment: ServiceEnvironment
    let challenges: ChallengeService

    public init(environment: ServiceEnvironment) {
        self.environment = environment
        challenges = ChallengeService(environment: environment)
    }

    /// "I don't remember my login": sends the login to `contact` if it is a verified
    /// phone or email of an account with a login; otherwise writes a decoy reminder of
    /// the same shape that is never sent.
    ///
    /// The reminder counts against the code quotas of `contact` and of the client address
    /// (``ChallengeService/recordMessage(to:context:now:in:)``), known or not.
    /// - Parameters:
    ///   - contact: a phone number or email address as typed.
    ///   - context: the request.
    /// - Throws: the phone's or the email's format error (`DomainError`, about the input
    ///   only), `DomainError(.phoneNotAllowed)`, ``ThrottleError``, a store error.
    public func remindLogin(contact: String, context: RequestContext) async throws {
        try await environment.evenly {
            let destination = try Self.contactDestination(contact)
            let now = environment.clock.now()
            let keys = environment.dataKeys
            let random = environment.random
            let fakeLogin = Self.fakeLogin(using: random)
            try await environment.storage.write { [challenges] tx in
                try challenges.recordMessage(to: destination, context: context, now: now, in: tx)
                let owner = try tx.contacts.verifiedContact(destination, keys: keys)
                // A known contact costs an account read; an unknown one reads a random id.
                let account = try tx.accounts.account(owner?.accountID ?? Account.ID.random(using: random))
                let login = account.flatMap { $0.status == .active ? $0.login : nil }
                // A guardian's reminder also names their actively linked children's logins;
                // an unknown contact reads the links of a random id alike.
                let guardianID = account.flatMap { login == nil ? nil : $0.id } ?? Account.ID.random(using: random)
                let children = try Self.childLogins(of: guardianID, in: tx)
                let template: MessageTemplate = children.isEmpty
                    ? .loginReminder(login: login?.rawValue ?? fakeLogin)
                    : .familyLoginReminder(login: login?.rawValue ?? fakeLogin, childLogins: children)
                try Courier.send(template, to: destination,
                                 language: account?.locale ?? .default, decoy: login == nil, now: now, keys: keys,
                                 random: random, in: tx)
                _ = try tx.audit.append(AuditEvent(at: now, action: .recoveryLoginRequested, targetID: login.flatMap { _ in account?.id },
                                                   clientAddress: context.clientAddress, requestID: context.requestID,
                                                   detail: "login reminder by \(destination.channel.rawValue)"
                                                       + (login == nil ? ", no such verified contact (decoy)" : "")))
            }
        }
    }

    /// The logins of the active students `guardianID` is actively linked to, sorted
    /// (issue 7: "forgot login" for families). Ended or pending links, and disabled
    /// children, are left out.
    /// - Throws: a store error.
    static func childLogins(of guardianID: Account.ID, in tx: any WriteTransaction) throws -> [String] {
        try tx.guardianLinks.links(ofGuardian: guardianID).filter { $0.state == .active }.compactMap { link in
            guard let child = try tx.accounts.account(link.studentID), child.status == .active else { return nil }
            return child.login?.rawValue
        }.sorted()
    }

    /// A phone number (`+7…`, `8…`) or an email address (anything with `@`).
    /// - Throws: the email's or the phone's format error.
    static func contactDestination(_ text: String) throws -> OTPDestination {
        if text.contains("@") { return .email(try Email(parsing: text)) }
        return .phone(try PhoneNumber(parsing: text))
    }

    /// A login-shaped stand-in for decoy reminders: lower-case letters and digits, of a
    /// typical login length, so a decoy row looks like a real one.
    static func fakeLogin(using random: any RandomSource) -> String {
        let length = 8 + Int(random.uniform(below: 5))
        return random.string(length: length, alphabet: Array("abcdefghijklmnopqrstuvwxyz0123456789"))
    }
}
