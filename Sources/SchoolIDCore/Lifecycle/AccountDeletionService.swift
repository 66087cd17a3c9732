import SchoolIDBase

/// Deletes accounts by crypto-shredding (152-FZ art. 21 destruction; GDPR Art. 17
/// right to erasure).
///
/// One storage unit revokes every session and ticket, ends guardian links, enrolments
/// and staff memberships, deletes everything that names the person (contacts and
/// their changes, SNILS, second factors, recovery codes, the password, challenges,
/// code sends and outbox messages to their phone or email, recovery flows,
/// registrations, link codes, trusted invitations made, received or matching them),
/// destroys the owner key that sealed their names, and leaves the account row as a
/// tombstone (status `deleted`, no login, empty profile) so audit events keep a
/// pseudonymous id. After the unit commits, ``Storage/scrub()`` removes the old page
/// images from the write-ahead log.
///
/// Linked children stay with their other guardians and their school.
public struct AccountDeletionService: Sendable {
    /// What one deletion removed: table-like names and counts, never values (the
    /// `account.deleted` audit detail).
    public struct Report: Hashable, Sendable {
        /// One kind of data and how many rows of it went.
        public struct Removed: Hashable, Sendable {
            public let what: String
            public let count: Int
        }

        /// The deleted account (now a tombstone).
        public let accountID: Account.ID
        /// In a fixed order, zero counts included.
        public let removed: [Removed]

        /// How many rows of `what` were removed (0 when not listed).
        public func count(_ what: String) -> Int { removed.first { $0.what == what }?.count ?? 0 }

        /// `what=count` pairs separated by spaces.
        public var detail: String { removed.map { "\($0.what)=\($0.count)" }.joined(separator: " ") }
    }

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// Deletes the actor's own account (`DELETE /v1/me`, the page `/account/delete`).
    ///
    /// Only adults without an active staff membership delete themselves: staff
    /// accounts are ended by their school or the operator, and a student's account
    /// by the school admin. Needs a step-up (``StepUp``).
    /// - Parameters:
    ///   - actor: the person, with the session of the request.
    ///   - context: the client address and request id for the audit event.
    /// - Throws: `DomainError(.accountDeletionNotAllowed)`, `DomainError(.stepUpRequired)`,
    ///   a sealing or store error.
    /// - Returns: what was removed.
    @discardableResult
    public func deleteSelf(actor: Actor, context: RequestContext) async throws -> Report {
        guard actor.account.category == .adult, actor.account.status != .deleted, !actor.isStaff else {
            throw DomainError(.accountDeletionNotAllowed)
        }
        try StepUp.require(actor, policy: environment.policies.secondFactor, now: environment.clock.now())
        return try await erase(actor.account.id, actorID: actor.account.id, context: context) { account, _ in
            // Re-checked inside the unit: a membership granted meanwhile wins.
            guard account.category == .adult else { throw DomainError(.accountDeletionNotAllowed) }
        }
    }

    /// Deletes a student's account (`DELETE /v1/accounts/:account_id`): a school admin
    /// of the student's current school (of the latest enrolment) or a platform admin,
    /// with a step-up; the command line always may.
    /// - Parameters:
    ///   - actor: who asks.
    ///   - studentID: the student.
    ///   - context: the client address and request id for the audit event.
    /// - Throws: `DomainError(.accountNotFound)` (unknown or already deleted),
    ///   `DomainError(.accountNotStudent)`, `DomainError(.permissionDenied)` or
    ///   `DomainError(.schoolNotAssigned)`, `DomainError(.stepUpRequired)`, a store error.
    /// - Returns: what was removed.
    @discardableResult
    public func deleteStudent(actor: Principal, studentID: Account.ID, context: RequestContext) async throws -> Report {
        let policies = environment.policies
        let now = environment.clock.now()
        return try await erase(studentID, actorID: actor.accountID, context: context) { account, tx in
            guard account.category == .student else { throw DomainError(.accountNotStudent) }
            let school = try tx.accounts.enrolments(of: studentID).last?.schoolID
            try actor.require(.schoolStudentsManage, in: school.map { .school($0) } ?? .platform, roles: policies.roles)
            try StepUp.require(actor, policy: policies.secondFactor, now: now)
        }
    }

    /// Deletes any account, student or adult, staff included (`schoolid account
    /// delete`: the operator, who holds the database and the keys).
    /// - Throws: `DomainError(.accountNotFound)`, a sealing or store error.
    /// - Returns: what was removed.
    @discardableResult
    public func deleteAsOperator(_ accountID: Account.ID, context: RequestContext) async throws -> Report {
        try await erase(accountID, actorID: nil, context: context) { _, _ in }
    }

    /// Runs the deletion unit, then scrubs the log.
    private func erase(_ accountID: Account.ID, actorID: Account.ID?, context: RequestContext,
                       check: @escaping @Sendable (Account, any WriteTransaction) throws -> Void) async throws -> Report
    {
        let keys = environment.dataKeys
        let ownerKeys = environment.ownerKeys
        let now = environment.clock.now()
        let report = try await environment.storage.write { tx in
            guard let account = try tx.accounts.account(accountID), account.status != .deleted else {
                throw DomainError(.accountNotFound)
            }
            try check(account, tx)
            let school = try AuditEvent.school(of: accountID, accounts: tx.accounts, classes: tx.classes)
            let eraser = AccountEraser(account: account, actorID: actorID, now: now, keys: keys, ownerKeys: ownerKeys, tx: tx)
            let report = try eraser.run()
            try tx.audit.append(AuditEvent(at: now, action: .accountDeleted, actorID: actorID, targetID: accountID,
                                           schoolID: school, clientAddress: context.clientAddress,
                                           requestID: context.requestID,
                                           detail: "category=\(account.category.rawValue) \(report.detail)"))
            return report
        }
        try await environment.storage.scrub()
        return report
    }
}
