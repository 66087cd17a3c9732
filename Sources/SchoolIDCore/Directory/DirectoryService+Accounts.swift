import SchoolIDBase

/// One student of a class roster, with their opened profile.
public struct RosterStudent: Sendable {
    public let account: Account
    public let profile: AccountProfile?
    public let enrolment: Enrolment
}

extension DirectoryService {
    /// The students of a class with their names (opened from their sealed profiles).
    /// - Throws: `DomainError` (`.classNotFound`, authorisation).
    public func roster(by principal: Principal, classID: SchoolClass.ID) async throws -> (SchoolClass, [RosterStudent]) {
        let roles = environment.policies.roles
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            guard let schoolClass = try tx.classes.schoolClass(classID) else { throw DomainError(.classNotFound) }
            try principal.require(.classRosterRead, in: .schoolClass(schoolClass), roles: roles)
            let students = try tx.accounts.enrolments(in: classID).compactMap { enrolment -> RosterStudent? in
                guard let account = try tx.accounts.account(enrolment.studentID) else { return nil }
                let profile = try? AccountProfile(sealed: account.profile, for: account.id,
                                                  under: ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys))
                return RosterStudent(account: account, profile: profile, enrolment: enrolment)
            }
            return (schoolClass, students.sorted { ($0.account.login?.rawValue ?? "") < ($1.account.login?.rawValue ?? "") })
        }
    }

    /// Ends a student's enrolment and revokes the student's sessions.
    /// - Throws: `DomainError` (`.enrolmentNotFound`, authorisation).
    public func endEnrolment(by principal: Principal, enrolmentID: Enrolment.ID, context: RequestContext) async throws {
        let roles = environment.policies.roles
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            guard let enrolment = try tx.accounts.enrolment(enrolmentID), enrolment.endedAt == nil,
                  let schoolClass = try tx.classes.schoolClass(enrolment.classID)
            else { throw DomainError(.enrolmentNotFound) }
            try principal.require(.schoolStudentsManage, in: .schoolClass(schoolClass), roles: roles)
            try tx.accounts.endEnrolment(enrolmentID, at: now)
            let revoked = try tx.signOutEverywhere(enrolment.studentID, at: now)
            try Self.audit(.enrolmentEnded, by: principal, target: enrolment.studentID, school: schoolClass.schoolID,
                           detail: "\(schoolClass.name); \(revoked) sessions revoked", at: now, in: tx, context: context)
        }
    }

    /// Disables an account (it can no longer log in) and revokes its sessions.
    /// - Throws: `DomainError` (`.accountNotFound`, authorisation).
    public func disableAccount(by principal: Principal, accountID: Account.ID, context: RequestContext) async throws {
        try await changeAccount(by: principal, accountID: accountID, action: .accountDisabled, context: context) { account, now in
            account.status = .disabled
            account.updatedAt = now
        }
    }

    /// Lifts the lock set after too many consecutive failures.
    /// - Throws: `DomainError` (`.accountNotFound`, authorisation).
    public func unlockAccount(by principal: Principal, accountID: Account.ID, context: RequestContext) async throws {
        try await changeAccount(by: principal, accountID: accountID, action: .accountUnlocked, context: context) { account, now in
            account.lockedAt = nil
            account.consecutiveFailures = 0
            account.updatedAt = now
        }
    }

    /// Applies an administrative change to an account the principal manages: a student
    /// of a school they manage students of, or a staff member of a school whose staff
    /// they manage. Disabling revokes the account's sessions.
    private func changeAccount(by principal: Principal, accountID: Account.ID, action: AuditAction,
                               context: RequestContext, _ change: @escaping @Sendable (inout Account, UnixTime) -> Void)
        async throws
    {
        let roles = environment.policies.roles
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            guard let account = try tx.accounts.account(accountID) else { throw DomainError(.accountNotFound) }
            let school = try Self.authorizeManagement(of: account, by: principal, roles: roles, in: tx)
            try tx.accounts.update(accountID) { change(&$0, now) }
            var detail = ""
            if action == .accountDisabled {
                detail = "\(try tx.signOutEverywhere(accountID, at: now)) sessions revoked"
            }
            try Self.audit(action, by: principal, target: accountID, school: school, detail: detail, at: now, in: tx,
                           context: context)
        }
    }

    /// Checks that `principal` manages `account`; returns the school it was decided in.
    static func authorizeManagement(of account: Account, by principal: Principal, roles: RolePolicy,
                                    in tx: any WriteTransaction) throws -> School.ID?
    {
        try authorizeManagement(of: account, by: principal, roles: roles, accounts: tx.accounts, classes: tx.classes)
    }

    /// The same check inside a read unit.
    static func authorizeManagement(of account: Account, by principal: Principal, roles: RolePolicy,
                                    in tx: any ReadTransaction) throws -> School.ID?
    {
        try authorizeManagement(of: account, by: principal, roles: roles, accounts: tx.accounts, classes: tx.classes)
    }

    private static func authorizeManagement(of account: Account, by principal: Principal, roles: RolePolicy,
                                            accounts: any AccountReader, classes: any ClassReader) throws -> School.ID?
    {
        if account.category == .student {
            guard let enrolment = try accounts.enrolments(of: account.id).last,
                  let schoolClass = try classes.schoolClass(enrolment.classID)
            else { try principal.require(.platformSchoolsManage, in: .platform, roles: roles); return nil }
            try principal.require(.schoolStudentsManage, in: .schoolClass(schoolClass), roles: roles)
            return schoolClass.schoolID
        }
        let schools = try accounts.memberships(of: account.id).compactMap(\.schoolID)
        for school in schools where (try? principal.require(.schoolStaffManage, in: .school(school), roles: roles)) != nil {
            return school
        }
        try principal.require(.platformSchoolsManage, in: .platform, roles: roles)
        return nil
    }

    static func audit(_ action: AuditAction, by principal: Principal, target: Account.ID?, school: School.ID?,
                      detail: String, at now: UnixTime, in tx: any WriteTransaction, context: RequestContext) throws
    {
        try tx.audit.append(AuditEvent(at: now, action: action, actorID: principal.accountID, targetID: target,
                                       schoolID: school, clientAddress: context.clientAddress,
                                       requestID: context.requestID, detail: detail))
    }
}
