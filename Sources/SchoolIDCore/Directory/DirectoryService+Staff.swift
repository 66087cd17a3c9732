import SchoolIDBase

/// A new adult account and its first password, shown once.
public struct CreatedAccount: Sendable {
    public let account: Account
    public let temporaryPassword: TemporaryPassword
}

extension DirectoryService {
    /// Adds a staff member (teacher or school admin of a school, or platform admin) with
    /// a new account and a single-use first password valid for 24 hours, or gives an
    /// existing account (found by login) the role.
    /// - Throws: `DomainError` (authorisation, `.stepUpRequired`, `.roleInvalid`, `.schoolNotFound`,
    ///   `.membershipExists`, login and name codes).
    /// - Returns: the account, with a first password when the account is new.
    public func addStaff(by principal: Principal, role: Role, schoolID: School.ID?, login loginText: String,
                         profile: AccountProfile, context: RequestContext) async throws -> (Account, TemporaryPassword?)
    {
        let policies = environment.policies
        switch (role, schoolID) {
        case (.teacher, let school?), (.schoolAdmin, let school?):
            try principal.require(.schoolStaffManage, in: .school(school), roles: policies.roles)
        case (.platformAdmin, nil):
            try principal.require(.platformKeysManage, in: .platform, roles: policies.roles)
        default:
            throw DomainError(.roleInvalid)
        }
        let now = environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        let login = try Login(parsing: loginText)
        let first = TemporaryPassword(policy: policies.credentials, random: environment.random,
                                      expiresAt: now.adding(seconds: Self.initialPasswordSeconds))
        let hash = try await environment.hasher.hash(first.password, cost: policies.passwords.temporaryHashCost,
                                                     priority: .interactive)
        let ownerKeys = environment.ownerKeys
        let random = environment.random
        return try await environment.storage.write { tx in
            if let schoolID, try tx.schools.school(schoolID) == nil { throw DomainError(.schoolNotFound) }
            var created: TemporaryPassword?
            let account: Account
            if let existing = try tx.accounts.account(login: login) {
                guard existing.category == .adult else { throw DomainError(.loginTaken) }
                account = existing
            } else {
                account = try Self.insertAdult(login: login, profile: profile, hash: hash, expiresAt: first.expiresAt,
                                               now: now, random: random, ownerKeys: ownerKeys, in: tx)
                created = first
            }
            do {
                try tx.accounts.insert(StaffMembership(accountID: account.id, role: role, schoolID: schoolID, createdAt: now))
            } catch StoreError.alreadyExists {
                throw DomainError(.membershipExists)
            }
            try tx.audit.append(AuditEvent(at: now, action: role == .platformAdmin && principal.accountID == nil
                                           ? .initialAdminCreated : .staffAdded,
                                           actorID: principal.accountID, targetID: account.id, schoolID: schoolID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "role \(role.rawValue)\(created == nil ? "" : ", new account")"))
            return (account, created)
        }
    }

    /// Inserts an adult account with a single-use temporary password.
    static func insertAdult(login: Login, profile: AccountProfile, hash: String, expiresAt: UnixTime, now: UnixTime,
                            random: any RandomSource, ownerKeys: OwnerKeys, in tx: any WriteTransaction) throws -> Account
    {
        let id = Account.ID.random(using: random)
        let key = try ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
        let account = Account(id: id, category: .adult, login: login, profile: try profile.sealed(for: id, under: key),
                              createdAt: now)
        do { try tx.accounts.insert(account) } catch StoreError.alreadyExists { throw DomainError(.loginTaken) }
        try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .temporary, issuedAt: now,
                                                          expiresAt: expiresAt, singleUse: true))
        return account
    }
}
