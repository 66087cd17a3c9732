import SchoolIDBase

extension CredentialBatchService {
    /// Issues a new temporary password to one student: the old password stops working,
    /// the student's sessions are revoked, a lock after too many failures is lifted.
    /// - Throws: `DomainError` (`.accountNotFound`, `.accountNotStudent`,
    ///   `.enrolmentNotFound`, authorisation, `.stepUpRequired`), or the pool's saturation error.
    /// - Returns: the student and the new password, to show once.
    public func reissue(by principal: Principal, studentID: Account.ID, context: RequestContext) async throws
        -> (Account, TemporaryPassword)
    {
        let policies = environment.policies
        let (student, schoolClass) = try await environment.storage.read { tx -> (Account, SchoolClass) in
            guard let student = try tx.accounts.account(studentID) else { throw DomainError(.accountNotFound) }
            guard student.category == .student else { throw DomainError(.accountNotStudent) }
            guard let enrolment = try tx.accounts.enrolments(of: studentID).last(where: { $0.endedAt == nil }),
                  let schoolClass = try tx.classes.schoolClass(enrolment.classID)
            else { throw DomainError(.enrolmentNotFound) }
            return (student, schoolClass)
        }
        try principal.require(.credentialsIssue, in: .schoolClass(schoolClass), roles: policies.roles)
        let now = environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        let temporary = try await replaceTemporaryPassword(of: studentID, in: schoolClass, by: principal.accountID,
                                                           action: .temporaryPasswordReissued, context: context)
        return (student, temporary)
    }

    /// The one way a student gets a new temporary password once authorised (by staff
    /// through ``reissue(by:studentID:context:)``, or by a linked guardian): the old
    /// password stops working, the student's sessions are revoked, a lock is lifted,
    /// and `action` is audited.
    /// - Throws: the pool's saturation error, a store error.
    /// - Returns: the new password, to show once.
    func replaceTemporaryPassword(of studentID: Account.ID, in schoolClass: SchoolClass, by actorID: Account.ID?,
                                  action: AuditAction, context: RequestContext) async throws -> TemporaryPassword
    {
        let policies = environment.policies
        let now = environment.clock.now()
        let temporary = TemporaryPassword(policy: policies.credentials, random: environment.random,
                                          expiresAt: now.adding(seconds: policies.credentials.lifetimeSeconds))
        let hash = try await environment.hasher.hash(temporary.password, cost: policies.passwords.temporaryHashCost,
                                                     priority: .interactive)
        try await environment.storage.write { tx in
            try tx.credentials.setPassword(PasswordCredential(accountID: studentID, hash: hash, kind: .temporary,
                                                              issuedAt: now, expiresAt: temporary.expiresAt))
            try tx.accounts.update(studentID) { account in
                account.lockedAt = nil
                account.consecutiveFailures = 0
                account.updatedAt = now
            }
            let revoked = try tx.signOutEverywhere(studentID, at: now)
            try tx.audit.append(AuditEvent(at: now, action: action, actorID: actorID,
                                           targetID: studentID, schoolID: schoolClass.schoolID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "\(schoolClass.name); \(revoked) sessions revoked"))
        }
        return temporary
    }
}
