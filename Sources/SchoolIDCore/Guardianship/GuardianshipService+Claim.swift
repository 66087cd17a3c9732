import SchoolIDBase

extension GuardianshipService {
    /// Links the actor to the child whose issued login and CURRENT temporary password
    /// they type (from the credential slip), as an active link.
    ///
    /// The check runs exactly like a login (``LoginService``): the login's syntax, the
    /// client address's attempts, the (login, address) backoff, a dummy hash for an
    /// unknown login, and every failure counted for the pair and the child's account
    /// cap — so a claim is never a password oracle beside login. A correct password
    /// clears the pair's backoff. The temporary password is not consumed: the child
    /// still uses it for the first login.
    /// - Throws: `DomainError` (`.permissionDenied` for a student actor,
    ///   `.invalidCredentials` for a wrong pair or a password that is not a current
    ///   temporary one, login and password syntax codes, `.guardianLinkExists`,
    ///   `.guardianLimitReached`, `.enrolmentNotFound`, `.accountLocked` after the
    ///   password verified, as at login), ``ThrottleError``.
    /// - Returns: the new active link.
    public func claim(actor: Actor, login loginText: String, password passwordText: String,
                      relation: GuardianLink.Relation, context: RequestContext) async throws -> GuardianLink
    {
        try Self.requireAdult(actor)
        let policies = environment.policies
        let login = try Login(parsing: loginText)
        let password = try Password(passwordText, maximumLength: policies.passwords.maximumLength)
        try await attempts.takeAddressAttempt(context)
        let key = attempts.key(login, address: context.clientAddress)
        let (student, credential, counter) = try await environment.storage.read { tx in
            let account = try tx.accounts.account(login: login)
            return (account, try account.flatMap { try tx.credentials.password(of: $0.id) },
                    try tx.credentials.failureCounter(key))
        }
        try await attempts.checkBackoff(counter, now: environment.clock.now(), context: context)
        guard let student, let credential else {
            _ = try await environment.hasher.verify(password, against: try await attempts.dummyHash(policies.passwords.userHashCost),
                                                    priority: .interactive)
            try await attempts.recordFailure(key: key, account: nil, context: context, reason: "guardian claim: unknown login")
            throw DomainError(.invalidCredentials)
        }
        guard try await environment.hasher.verify(password, against: credential.hash, priority: .interactive) else {
            try await attempts.recordFailure(key: key, account: student, context: context,
                                             reason: "guardian claim: wrong password")
            throw DomainError(.invalidCredentials)
        }
        let now = environment.clock.now()
        // As at login, after the password verified: a locked account stays locked.
        guard student.lockedAt == nil else { throw DomainError(.accountLocked) }
        // Only the slip's password links: a child's own password is not for adults to type.
        guard student.category == .student, student.status == .active, credential.kind == .temporary,
              credential.usedAt == nil, credential.expiresAt.map({ now < $0 }) ?? false
        else {
            try await environment.storage.write { tx in try tx.credentials.clearFailures(key) }
            throw DomainError(.invalidCredentials)
        }
        return try await link(actor: actor, studentID: student.id, relation: relation, origin: .credentials,
                              detail: "by the child's temporary credentials", context: context, now: now) { tx in
            try tx.credentials.clearFailures(key)
            return nil
        }
    }

    /// Links the actor to the child a link code was issued for, as an active link.
    ///
    /// The code is single use (consumed in the unit that makes the link, so a refused
    /// link leaves it usable) and counted like a password: the client address's
    /// attempts, the backoff of the pair (actor's login, address), and each wrong,
    /// used or expired code as a failure of the actor's own account.
    /// - Throws: `DomainError` (`.permissionDenied`, `.unauthorized` for an account
    ///   without a login, `.linkCodeInvalid`, `.guardianLinkExists`,
    ///   `.guardianLimitReached`), ``ThrottleError``.
    /// - Returns: the new active link.
    public func claim(actor: Actor, linkCode text: String, relation: GuardianLink.Relation,
                      context: RequestContext) async throws -> GuardianLink
    {
        try Self.requireAdult(actor)
        guard let login = actor.account.login else { throw DomainError(.unauthorized) }
        try await attempts.takeAddressAttempt(context)
        let key = attempts.key(login, address: context.clientAddress)
        let counter = try await environment.storage.read { tx in try tx.credentials.failureCounter(key) }
        let now = environment.clock.now()
        try await attempts.checkBackoff(counter, now: now, context: context)
        let hashes = LinkCode.normalise(text).map { code in candidateHashes(code) } ?? []
        do {
            return try await link(actor: actor, studentID: nil, relation: relation, origin: .linkCode,
                                  detail: "by link code", context: context, now: now) { tx in
                guard let used = try hashes.lazy.compactMap({ try tx.guardianLinks.consumeCode(hmac: $0, at: now) }).first
                else { throw DomainError(.linkCodeInvalid) }
                try tx.credentials.clearFailures(key)
                return used.studentID
            }
        } catch let error as DomainError where error.code == .linkCodeInvalid {
            try await attempts.recordFailure(key: key, account: actor.account, context: context,
                                             reason: "wrong link code")
            _ = try await environment.storage.write { tx in
                try tx.audit.append(AuditEvent(at: now, action: .linkCodeFailed, actorID: actor.account.id,
                                               targetID: actor.account.id, clientAddress: context.clientAddress,
                                               requestID: context.requestID, detail: "wrong, used or expired link code"))
            }
            throw error
        }
    }

    /// Issues a link code for a student: the teacher of the student's class or a
    /// school admin of the school. The code is returned once and never stored.
    /// - Throws: `DomainError` (authorisation, `.accountNotFound`, `.accountNotStudent`,
    ///   `.enrolmentNotFound`, `.notReady` without an `otp` key).
    /// - Returns: the stored record and the code, `XXXXX-XXXXX`.
    public func issueLinkCode(by principal: Principal, studentID: Account.ID, context: RequestContext) async throws
        -> (LinkCode, code: String)
    {
        let policies = environment.policies
        let pupil = try await environment.storage.read { tx in try Self.pupil(studentID, in: tx) }
        try principal.require(.credentialsIssue, in: .schoolClass(pupil.schoolClass), roles: policies.roles)
        let keys = environment.dataKeys
        let version = keys.currentOTPKeyVersion
        guard let key = keys.otpKey(version: version) else {
            throw DomainError(.notReady, detail: "the keyring has no otp key version \(version)")
        }
        let now = environment.clock.now()
        let code = LinkCode.generate(using: environment.random)
        let record = LinkCode(id: .random(using: environment.random), studentID: studentID,
                              codeHMAC: LinkCode.hash(code.unredacted, key: key), codeKeyVersion: version,
                              issuedBy: principal.accountID, createdAt: now,
                              expiresAt: now.adding(seconds: policies.guardianship.linkCodeSeconds))
        try await environment.storage.write { tx in
            try tx.guardianLinks.insertCode(record)
            try tx.audit.append(AuditEvent(at: now, action: .linkCodeIssued, actorID: principal.accountID,
                                           targetID: studentID, schoolID: pupil.schoolClass.schoolID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "\(record.id) for \(pupil.schoolClass.name); expires \(record.expiresAt.seconds)"))
        }
        return (record, code.unredacted)
    }

    /// The HMACs a typed code may be stored under: the current `otp` key version and the
    /// two before it that the keyring still holds (a rotation must not void printed slips).
    private func candidateHashes(_ code: String) -> [[UInt8]] {
        let keys = environment.dataKeys
        let current = keys.currentOTPKeyVersion
        return (max(1, current - 2)...max(1, current)).reversed().compactMap { version in
            keys.otpKey(version: version).map { LinkCode.hash(code, key: $0) }
        }
    }

    /// Makes an active link of `origin` in one unit: `prepare` runs first in the unit
    /// (it may consume a code and name the student when `studentID` is `nil`).
    func link(actor: Actor, studentID: Account.ID?, relation: GuardianLink.Relation, origin: GuardianLink.Origin,
              detail: String, context: RequestContext, now: UnixTime,
              prepare: @escaping @Sendable (any WriteTransaction) throws -> Account.ID?) async throws -> GuardianLink
    {
        let id = GuardianLink.ID.random(using: environment.random)
        let guardianID = actor.account.id
        return try await environment.storage.write { [self] tx in
            guard let studentID = try prepare(tx) ?? studentID else { throw DomainError(.accountNotFound) }
            let pupil = try Self.pupil(studentID, accounts: tx.accounts, classes: tx.classes)
            let link = GuardianLink(id: id, guardianID: guardianID, studentID: studentID, relation: relation,
                                    origin: origin, state: .active, createdAt: now, confirmedAt: now)
            try add(link, pupil: pupil, action: .guardianLinkClaimed, actorID: guardianID, detail: detail,
                    context: context, now: now, in: tx)
            return link
        }
    }
}
