import SchoolIDBase

/// Consents to the processing of personal data (issue 8; 152-FZ art. 9, GDPR Art. 7
/// and 8): the guardian's own and, as legal representative, each linked child's.
///
/// - Registration records the new account's `own` consent at confirmation
///   (``RegistrationService``), linking a child records a `legal_representative`
///   consent for that child (``GuardianshipService``).
/// - When `consent.json`'s `current_text_version` is raised, an adult without an active
///   staff membership whose latest `own` consent is older gets a consent ticket instead
///   of a session at their next login (``gate(_:proof:now:context:in:)``), and
///   ``accept(actor:version:channel:context:)`` records the consents and opens the
///   session. Staff consent through their employment, not here, and are never asked.
public struct ConsentService: Sendable {
    let environment: ServiceEnvironment
    let sessions: SessionService

    public init(environment: ServiceEnvironment) {
        self.environment = environment
        self.sessions = SessionService(environment: environment)
    }

    /// Whether `account` must consent to text `version` before a session opens: an
    /// active adult without an active staff membership whose latest `own` consent is
    /// older than `version`, or who never gave one.
    /// - Throws: a store error.
    public static func isRenewalNeeded(_ account: Account, version: Int, accounts: any AccountReader,
                                       consents: any ConsentReader) throws -> Bool
    {
        guard account.category == .adult else { return false }
        if try accounts.memberships(of: account.id).contains(where: { $0.endedAt == nil }) { return false }
        guard let latest = try consents.latestOwn(of: account.id) else { return true }
        return latest.textVersion < version
    }

    /// Inside a login's unit, where a session would open: the session itself, or a
    /// consent ticket when ``isRenewalNeeded(_:version:accounts:consents:)``.
    /// - Parameters:
    ///   - proof: how the person authenticated (`amr`, second-factor time), copied to
    ///     the session or ticket; `nil` for a password alone.
    /// - Throws: a store error.
    /// - Returns: `.loggedIn` or `.consentRequired`.
    func gate(_ account: Account, proof: Session?, now: UnixTime, in tx: any WriteTransaction) throws -> LoginOutcome {
        let policies = environment.policies
        let version = policies.consent.currentTextVersion
        let needed = try Self.isRenewalNeeded(account, version: version, accounts: tx.accounts, consents: tx.consents)
        let issued = try sessions.open(for: account.id, purpose: needed ? .consent : .session, at: now,
                                       policy: policies.sessions, succeeding: proof, in: tx)
        return needed ? .consentRequired(issued, account, version: version) : .loggedIn(issued, account)
    }

    /// Records `adult`'s own consent to `version`.
    /// - Throws: a store error.
    func recordOwn(_ adult: Account.ID, version: Int, channel: ConsentRecord.Channel, context: RequestContext,
                   now: UnixTime, in tx: any WriteTransaction) throws
    {
        try record(subject: adult, givenBy: adult, basis: .own, version: version, channel: channel, context: context,
                   now: now, in: tx)
    }

    /// Records `guardian`'s consent, as legal representative, for `child` at the current version.
    /// - Throws: a store error.
    func recordForChild(_ child: Account.ID, guardian: Account.ID, channel: ConsentRecord.Channel,
                        context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
    {
        try record(subject: child, givenBy: guardian, basis: .legalRepresentative,
                   version: environment.policies.consent.currentTextVersion, channel: channel, context: context,
                   now: now, in: tx)
    }

    private func record(subject: Account.ID, givenBy: Account.ID, basis: ConsentRecord.Basis, version: Int,
                        channel: ConsentRecord.Channel, context: RequestContext, now: UnixTime,
                        in tx: any WriteTransaction) throws
    {
        let record = ConsentRecord(id: .random(using: environment.random), subjectID: subject, givenBy: givenBy,
                                   basis: basis, textVersion: version, channel: channel, givenAt: now)
        try tx.consents.insert(record)
        try tx.audit.append(AuditEvent(at: now, action: .consentGiven, actorID: givenBy, targetID: subject,
                                       clientAddress: context.clientAddress, requestID: context.requestID,
                                       detail: "\(record.id) \(basis.rawValue), text version \(version), \(channel.rawValue)"))
    }

    /// Gives consent to the current text: `own` and one `legal_representative` per
    /// actively linked child.
    ///
    /// With a consent ticket (purpose ``Session/Purpose/consent``) the ticket is
    /// consumed and the session of the login opens, keeping the ticket's `amr` and
    /// second factor; with a logged-in session (renewal from the account page) the
    /// consents are only recorded.
    /// - Parameters:
    ///   - version: the text version the person read; must be the current one.
    ///   - channel: `web` for pages, `api` for `/v1/…`.
    /// - Throws: `DomainError(.permissionDenied)` for a student (their legal
    ///   representatives consent for them), `DomainError(.consentOutdated)` for another
    ///   version, `DomainError(.unauthorized)` when the ticket was used concurrently, a
    ///   store error.
    /// - Returns: the new session when a ticket was consumed, else `nil`.
    public func accept(actor: Actor, version: Int, channel: ConsentRecord.Channel, context: RequestContext)
        async throws -> IssuedSession?
    {
        guard actor.account.category == .adult else {
            throw DomainError(.permissionDenied, detail: "a student's consent is given by their legal representatives")
        }
        guard version == environment.policies.consent.currentTextVersion else { throw DomainError(.consentOutdated) }
        let now = environment.clock.now()
        let account = actor.account
        let ticket = actor.session.flatMap { $0.purpose == .consent ? $0 : nil }
        return try await environment.storage.write { [self] tx -> IssuedSession? in
            if let ticket {
                guard try tx.sessions.revoke(tokenHash: ticket.tokenHash, at: now) != nil else {
                    throw DomainError(.unauthorized)
                }
            }
            try recordOwn(account.id, version: version, channel: channel, context: context, now: now, in: tx)
            let children = try tx.guardianLinks.links(ofGuardian: account.id).filter { $0.state == .active }
            for child in Set(children.map(\.studentID)).sorted() {
                try recordForChild(child, guardian: account.id, channel: channel, context: context, now: now, in: tx)
            }
            guard let ticket else { return nil }
            let issued = try sessions.open(for: account.id, purpose: .session, at: now,
                                           policy: environment.policies.sessions, succeeding: ticket, in: tx)
            try tx.audit.append(AuditEvent(at: now, action: .loginSucceeded, actorID: account.id, targetID: account.id,
                                           schoolID: try AuditEvent.school(of: account.id, accounts: tx.accounts,
                                                                           classes: tx.classes),
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "consent to text version \(version) given at login"))
            return issued
        }
    }

    /// The consents `actor` gave and those about them, oldest first.
    /// - Throws: a store error.
    public func records(of actor: Actor) async throws -> [ConsentRecord] {
        let id = actor.account.id
        return try await environment.storage.read { tx in try tx.consents.records(involving: id) }
    }
}
