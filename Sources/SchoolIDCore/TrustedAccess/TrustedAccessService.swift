import SchoolIDBase

/// Trusted persons (issue 7): a guardian invites someone — named by last name plus
/// phone or SNILS — to see one linked child's chosen services; the invitee accepts
/// within the acceptance window; access starts after the activation delay and ends at
/// the end of the school year (in the school's time zone) or the guardian's earlier
/// date.
///
/// Rules every path keeps:
/// - only an adult who is an active guardian of the child invites (a trusted person
///   has no link, so cannot re-delegate), with a fresh second factor (``StepUp``);
/// - a student account is never a trusted person: it never matches and cannot accept;
/// - an invitation is seen only by an account that matches it (last name, and a
///   verified phone or a SNILS; a *declared* SNILS accepts only with the acceptance
///   code) — anyone else gets `invitation_not_found`, as for an unknown id;
/// - every other guardian of the child hears of the invitation and of its acceptance
///   and may revoke it; with `require_all_guardians_approval` activation also waits
///   for each of them;
/// - each state change is one conditional update (a parallel double-accept makes one),
///   audited as `trusted_invitation.*`; lapse, activation and expiry follow from the
///   stored times.
public final class TrustedAccessService: Sendable {
    let environment: ServiceEnvironment
    let attempts: PasswordAttempts

    /// - Parameters:
    ///   - environment: storage, clock, keys and policies.
    ///   - attempts: the shared password attempt counters (wrong acceptance codes).
    public init(environment: ServiceEnvironment, attempts: PasswordAttempts) {
        self.environment = environment
        self.attempts = attempts
    }

    /// A new invitation and, for a SNILS invitee, the acceptance code (shown once).
    public struct Invited: Sendable {
        public var invitation: TrustedInvitation
        /// `XXXXX-XXXXX`: the guardian passes it on out of band.
        public var acceptanceCode: String?
    }

    /// The guardian invites `invitee` to see `services` of the linked child `studentID`.
    /// - Parameters:
    ///   - lastDay: an optional last day of access (in the school's calendar), earlier
    ///     than the school year's end.
    /// - Throws: `DomainError` `.permissionDenied` (a student, or not an active guardian
    ///   of the child), `.stepUpRequired`, `.badRequest` (no services), `.dateInvalid`
    ///   (a last day in the past), `.enrolmentNotFound`, `.notReady` (no `otp` key);
    ///   a store or sealing error.
    public func invite(actor: Actor, studentID: Account.ID, invitee: TrustedInvitee, services: Set<Service>,
                       lastDay: CalendarDate?, context: RequestContext) async throws -> Invited
    {
        try Self.requireAdult(actor)
        let policies = environment.policies
        let now = environment.clock.now()
        try StepUp.require(actor, policy: policies.secondFactor, now: now)
        guard !services.isEmpty else { throw DomainError(.badRequest, detail: "services: choose at least one") }
        let keys = environment.dataKeys
        let id = TrustedInvitation.ID.random(using: environment.random)
        let code: String?
        let codeHMAC: [UInt8]?
        let codeVersion: Int?
        if case .snils = invitee.identifier {
            let version = keys.currentOTPKeyVersion
            guard let key = keys.otpKey(version: version) else {
                throw DomainError(.notReady, detail: "the keyring has no otp key version \(version)")
            }
            let secret = AcceptanceCode.generate(using: environment.random).unredacted
            (code, codeHMAC, codeVersion) = (secret, AcceptanceCode.hash(secret, invitation: id, key: key), version)
        } else {
            (code, codeHMAC, codeVersion) = (nil, nil, nil)
        }
        let (ownerKeys, guardianID, requireApproval) = (environment.ownerKeys, actor.account.id,
                                                        policies.invitations.requireAllGuardiansApproval)
        let lapsesAt = now.adding(seconds: policies.invitations.acceptanceWindowSeconds)
        let invitation = try await environment.storage.write { [self] tx in
            let links = try tx.guardianLinks.links(ofStudent: studentID).filter { $0.state == .active }
            guard links.contains(where: { $0.guardianID == guardianID }) else {
                throw DomainError(.permissionDenied, detail: "only a guardian of the child invites for it")
            }
            let pupil = try GuardianshipService.pupil(studentID, accounts: tx.accounts, classes: tx.classes)
            guard let school = try tx.schools.school(pupil.schoolClass.schoolID) else { throw DomainError(.schoolNotFound) }
            let endsBy = lastDay.map { TrustedGrantCalendar.endOfDay($0, timeZone: school.timeZone) }
            if let endsBy, endsBy <= now { throw DomainError(.dateInvalid, detail: "last_day: already over") }
            let ownerKey = try ownerKeys.key(for: guardianID.rawValue, in: tx.ownerKeys)
            let invitation = TrustedInvitation(
                id: id, studentID: studentID, guardianID: guardianID, schoolID: school.id, services: services,
                identifierKind: invitee.identifier.kind, invitee: try invitee.sealed(for: id, under: ownerKey),
                matchIndex: invitee.matchIndex(key: keys.indexKey).bytes, codeHMAC: codeHMAC,
                codeKeyVersion: codeVersion, requiresApproval: requireApproval, createdAt: now, lapsesAt: lapsesAt,
                endsBy: endsBy)
            let others = links.map(\.guardianID).filter { $0 != guardianID }
            try tx.trustedInvitations.insert(invitation, approvers: requireApproval ? others : [])
            let detail = "for \(services.sorted().map(\.rawValue).joined(separator: ",")) by \(invitee.identifier.kind.rawValue)"
                + (requireApproval ? "; needs \(others.count) approval(s)" : "")
            try audit(.trustedInvitationCreated, invitation, actorID: guardianID, detail: detail, context: context,
                      now: now, in: tx)
            try notifyGuardians(of: invitation, pupil: pupil, accepted: false, except: guardianID, now: now, in: tx)
            return invitation
        }
        return Invited(invitation: invitation, acceptanceCode: code)
    }

    /// Refuses a student (or inactive) account: never a guardian or a trusted person.
    /// - Throws: `DomainError(.permissionDenied)`.
    static func requireAdult(_ actor: Actor) throws(DomainError) {
        guard actor.account.category == .adult, actor.account.status == .active else {
            throw DomainError(.permissionDenied, detail: "a student account is never a guardian or a trusted person")
        }
    }

    /// Appends an audit event about `invitation` (target: the student).
    func audit(_ action: AuditAction, _ invitation: TrustedInvitation, actorID: Account.ID?, detail: String,
               context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
    {
        _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: actorID, targetID: invitation.studentID,
                                           schoolID: invitation.schoolID, clientAddress: context.clientAddress,
                                           requestID: context.requestID,
                                           detail: "\(invitation.id) from guardian \(invitation.guardianID); \(detail)"))
    }

    /// Queues ``MessageTemplate/trustedPersonNotice(studentLogin:accepted:)`` for every
    /// active guardian of the child but `except`, to one verified contact each, in the
    /// recipient's language, inside the unit that made the change.
    func notifyGuardians(of invitation: TrustedInvitation, pupil: GuardianshipService.Pupil, accepted: Bool,
                         except: Account.ID, now: UnixTime, in tx: any WriteTransaction) throws
    {
        let recipients = try tx.guardianLinks.links(ofStudent: invitation.studentID)
            .filter { $0.state == .active && $0.guardianID != except }.map(\.guardianID)
        let template = MessageTemplate.trustedPersonNotice(studentLogin: pupil.account.login?.rawValue ?? "",
                                                           accepted: accepted)
        for recipientID in Set(recipients).sorted() {
            guard let recipient = try tx.accounts.account(recipientID), recipient.status == .active else { continue }
            try Courier.notify(recipient, template, reach: .one, environment: environment, now: now, in: tx)
        }
    }
}
