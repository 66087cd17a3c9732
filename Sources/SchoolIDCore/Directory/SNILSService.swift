import SchoolIDBase

/// The SNILS of accounts: a person declares their own, staff who saw the document
/// verify it, and other flows (guardian proposals, trusted-person invitations) find
/// an account by it.
///
/// The number is personal data (152-FZ): it is sealed under the owner's key with a blind
/// index (``AccountSNILS``), shown only to the person and to staff who manage the
/// account, and never written to the audit log or the logs. A declaration proves
/// nothing, so declared numbers may repeat and never answer "taken" (no oracle for
/// whose number is registered); a verified number belongs to one account.
public struct SNILSService: Sendable {
    private let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// The person enters their own SNILS (`declared`), replacing the one the account had.
    ///
    /// Typing again the number staff verified keeps it verified; any other number
    /// replaces it and is only declared. Audited as `snils.declared`.
    /// - Throws: `DomainError(.unauthorized)` without a session; a store or sealing error.
    /// - Returns: the account's record.
    @discardableResult
    public func declare(actor: Actor, snils: SNILS, context: RequestContext) async throws -> AccountSNILS {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        let (keys, ownerKeys, accountID) = (environment.dataKeys, environment.ownerKeys, actor.account.id)
        return try await environment.storage.write { tx in
            let current = try tx.snils.snils(of: accountID)
            let index = snils.blindIndex(key: keys.indexKey).bytes
            if let current, current.isVerified, current.valueIndex == index { return current }
            let ownerKey = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            let record = try AccountSNILS(snils: snils, accountID: accountID, status: .declared, ownerKey: ownerKey,
                                          indexKey: keys.indexKey, createdAt: current?.createdAt ?? now, now: now)
            try tx.snils.save(record)
            let replaced = current.map { "replaced a \($0.status.rawValue) SNILS" } ?? "first SNILS"
            try Self.audit(.snilsDeclared, actorID: accountID, target: accountID, school: nil, detail: replaced,
                           context: context, now: now, in: tx)
            return record
        }
    }

    /// Staff who saw the document set an account's SNILS as `verified`.
    ///
    /// The principal must manage the account (``DirectoryService`` rules: a school admin
    /// for students and staff of their school, a platform admin for anyone) and cannot
    /// verify their own. Audited as `snils.verified` with the school it was decided in.
    /// - Throws: `DomainError` `.accountNotFound`, `.permissionDenied` (oneself, or an
    ///   account the principal does not manage), `.snilsTaken` (another account holds
    ///   this number verified); a store or sealing error.
    /// - Returns: the account's record.
    @discardableResult
    public func verify(by principal: Principal, accountID: Account.ID, snils: SNILS, context: RequestContext)
        async throws -> AccountSNILS
    {
        guard principal.accountID != accountID else { throw DomainError(.permissionDenied) }
        let now = environment.clock.now()
        let (keys, ownerKeys, roles) = (environment.dataKeys, environment.ownerKeys, environment.policies.roles)
        return try await environment.storage.write { tx in
            guard let account = try tx.accounts.account(accountID) else { throw DomainError(.accountNotFound) }
            let school = try DirectoryService.authorizeManagement(of: account, by: principal, roles: roles, in: tx)
            let index = snils.blindIndex(key: keys.indexKey).bytes
            let holders = try keys.indexKeys.flatMap { try tx.snils.accounts(index: snils.blindIndex(key: $0).bytes) }
            if holders.contains(where: { $0.0 != accountID && $0.1 == .verified }) {
                throw DomainError(.snilsTaken)
            }
            let current = try tx.snils.snils(of: accountID)
            let ownerKey = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            let record = try AccountSNILS(snils: snils, accountID: accountID, status: .verified, ownerKey: ownerKey,
                                          indexKey: keys.indexKey, createdAt: current?.createdAt ?? now, now: now)
            do {
                try tx.snils.save(record)
            } catch StoreError.alreadyExists {
                throw DomainError(.snilsTaken)
            }
            let detail = switch current {
            case nil: "first SNILS"
            case let current? where current.valueIndex == index: "confirmed the \(current.status.rawValue) SNILS"
            case let current?: "replaced a \(current.status.rawValue) SNILS"
            }
            try Self.audit(.snilsVerified, actorID: principal.accountID, target: accountID, school: school,
                           detail: detail, context: context, now: now, in: tx)
            return record
        }
    }

    /// The person removes their SNILS, declared or verified. Audited as `snils.cleared`
    /// when there was one.
    /// - Throws: `DomainError(.unauthorized)` without a session; a store error.
    /// - Returns: whether there was one.
    @discardableResult
    public func clear(actor: Actor, context: RequestContext) async throws -> Bool {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        let accountID = actor.account.id
        return try await environment.storage.write { tx in
            guard let current = try tx.snils.snils(of: accountID), try tx.snils.delete(of: accountID) else { return false }
            try Self.audit(.snilsCleared, actorID: accountID, target: accountID, school: nil,
                           detail: "removed a \(current.status.rawValue) SNILS", context: context, now: now, in: tx)
            return true
        }
    }

    /// An account's SNILS, opened, for the person themselves or staff who manage the
    /// account (anyone else: `permission_denied`).
    /// - Throws: `DomainError` `.accountNotFound`, `.permissionDenied`; a store or
    ///   sealing error.
    /// - Returns: the record and the number, or `nil` when the account has none.
    public func read(by principal: Principal, accountID: Account.ID) async throws
        -> (record: AccountSNILS, snils: SNILS)?
    {
        let (ownerKeys, roles) = (environment.ownerKeys, environment.policies.roles)
        return try await environment.storage.read { tx in
            guard let account = try tx.accounts.account(accountID) else { throw DomainError(.accountNotFound) }
            if principal.accountID != accountID {
                _ = try DirectoryService.authorizeManagement(of: account, by: principal, roles: roles, in: tx)
            }
            guard let record = try tx.snils.snils(of: accountID) else { return nil }
            return (record, try record.snils(ownerKey: ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)))
        }
    }

    /// The account that holds `snils`, for guardian proposals and invitations.
    ///
    /// The verified holder wins. Without one, and unless `requireVerified`, the one
    /// account that declared the number; several declarations of one number are
    /// ambiguous (someone typed another person's number) and find nobody. The number
    /// is looked up under every index key still in use (active first), so a lookup
    /// keeps working while `schoolid keys reindex` runs (``BlindIndexRegistry``).
    /// - Parameters:
    ///   - snils: the number to look for.
    ///   - requireVerified: only a verified holder counts.
    ///   - store: `tx.snils` of a read or write unit.
    /// - Throws: a store error.
    /// - Returns: the account and how its number is vouched for, or `nil`.
    public func findAccount(snils: SNILS, requireVerified: Bool, in store: any SNILSReader) throws
        -> (Account.ID, AccountSNILS.Status)?
    {
        let holders = try environment.dataKeys.indexKeys.flatMap {
            try store.accounts(index: snils.blindIndex(key: $0).bytes)
        }
        if let verified = holders.first(where: { $0.1 == .verified }) { return verified }
        guard !requireVerified, holders.count == 1 else { return nil }
        return holders[0]
    }

    private static func audit(_ action: AuditAction, actorID: Account.ID?, target: Account.ID, school: School.ID?,
                              detail: String, context: RequestContext, now: UnixTime, in tx: any WriteTransaction) throws
    {
        _ = try tx.audit.append(AuditEvent(at: now, action: action, actorID: actorID, targetID: target, schoolID: school,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: detail))
    }
}
