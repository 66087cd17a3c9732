import SchoolIDBase

/// Guardians and their children (issue 7): linking by the child's credentials or a
/// link code, staff proposals the guardian confirms, unlinking, the children list and
/// a guardian's reset of a child's password.
///
/// Rules every path keeps:
/// - a student account is never a guardian (`permission_denied`);
/// - a child has at most `max_guardians_per_child` open (pending or active) links
///   (`guardian_limit_reached`), counted inside the unit that adds one, so parallel
///   claims cannot pass the limit together;
/// - a claim is never a password or code oracle beside login: it spends the client
///   address's attempts, honours the backoff of the (login, address) pair and counts
///   failures towards the account cap through the one ``PasswordAttempts``;
/// - a new active link is audited and announced through the outbox to the class
///   teacher (policy `notify_class_teacher`) and to the child's other guardians.
///
/// Access follows the links at each request (``AccessDecision``), so an ended link
/// stops access at once; refresh tokens issued through a link (a later issue) must be
/// revoked where ``unlink(by:linkID:context:)`` ends it.
public final class GuardianshipService: Sendable {
    let environment: ServiceEnvironment
    let attempts: PasswordAttempts
    let credentials: CredentialBatchService

    /// - Parameters:
    ///   - environment: storage, clock, keys and policies.
    ///   - attempts: the process's one shared password attempt counter.
    ///   - credentials: issues temporary passwords (a guardian's child reset reuses it).
    public init(environment: ServiceEnvironment, attempts: PasswordAttempts, credentials: CredentialBatchService) {
        self.environment = environment
        self.attempts = attempts
        self.credentials = credentials
    }

    /// A student with the class of their current enrolment.
    struct Pupil: Sendable {
        var account: Account
        var schoolClass: SchoolClass
    }

    /// Reads a student and their current class.
    /// - Throws: `DomainError(.accountNotFound)`, `.accountNotStudent`, `.enrolmentNotFound`.
    static func pupil(_ studentID: Account.ID, in tx: any ReadTransaction) throws -> Pupil {
        try pupil(studentID, accounts: tx.accounts, classes: tx.classes)
    }

    /// ``pupil(_:in:)`` over the two readers a write unit offers as well.
    static func pupil(_ studentID: Account.ID, accounts: any AccountReader, classes: any ClassReader) throws -> Pupil {
        guard let student = try accounts.account(studentID) else { throw DomainError(.accountNotFound) }
        guard student.category == .student else { throw DomainError(.accountNotStudent) }
        guard let enrolment = try accounts.enrolments(of: studentID).last(where: { $0.endedAt == nil }),
              let schoolClass = try classes.schoolClass(enrolment.classID)
        else { throw DomainError(.enrolmentNotFound) }
        return Pupil(account: student, schoolClass: schoolClass)
    }

    /// Refuses a student account as a guardian (DESIGN: a student is never a guardian
    /// or a trusted person).
    /// - Throws: `DomainError(.permissionDenied)`.
    static func requireAdult(_ actor: Actor) throws(DomainError) {
        guard actor.account.category == .adult, actor.account.status == .active else {
            throw DomainError(.permissionDenied, detail: "only an adult account can be a guardian")
        }
    }

    /// Adds `link` inside a unit: refuses a pair that already has an open link and a
    /// child at the guardian limit, then audits `action` and, for an active link, tells
    /// the class teacher and the other guardians. A link the guardian made active
    /// themself (a claim) records their consent for the child as legal representative.
    /// - Throws: `DomainError(.guardianLinkExists)`, `.guardianLimitReached`, a store error.
    func add(_ link: GuardianLink, pupil: Pupil, action: AuditAction, actorID: Account.ID?, detail: String,
             context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
    {
        let open = try tx.guardianLinks.links(ofStudent: link.studentID).filter(\.isOpen)
        if open.contains(where: { $0.guardianID == link.guardianID }) { throw DomainError(.guardianLinkExists) }
        guard open.count < environment.policies.guardianship.maxGuardiansPerChild else {
            throw DomainError(.guardianLimitReached)
        }
        try tx.guardianLinks.insert(link)
        try audit(action, link, actorID: actorID, schoolID: pupil.schoolClass.schoolID,
                  detail: "\(link.relation.rawValue); \(detail)", context: context, now: now, in: tx)
        if link.state == .active { try notifyLinked(link, pupil: pupil, now: now, in: tx) }
        if link.state == .active, actorID == link.guardianID {
            try ConsentService(environment: environment)
                .recordForChild(link.studentID, guardian: link.guardianID, channel: context.channel, context: context,
                                now: now, in: tx)
        }
    }

    /// Appends an audit event about `link` (target: the student; the guardian is in the detail).
    func audit(_ action: AuditAction, _ link: GuardianLink, actorID: Account.ID?, schoolID: School.ID?, detail: String,
               context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
    {
        try tx.audit.append(AuditEvent(at: now, action: action, actorID: actorID, targetID: link.studentID,
                                       schoolID: schoolID, clientAddress: context.clientAddress,
                                       requestID: context.requestID,
                                       detail: "\(link.id) guardian \(link.guardianID); \(detail)"))
    }
}
