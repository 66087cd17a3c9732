import SchoolIDBase

/// The authenticated person behind a request: their account, their active staff
/// memberships and the classes they teach, loaded once per request.
public struct Actor: Sendable {
    public let account: Account
    /// Active (not ended) staff memberships.
    public let memberships: [StaffMembership]
    /// Classes the person is assigned to as a teacher.
    public let taughtClasses: Set<SchoolClass.ID>
    /// The session the request came with (`nil` for the command line).
    public let session: Session?
    /// Students the person is an active guardian of (issue 7).
    public let linkedChildren: Set<Account.ID>
    /// Students the person sees through an active trusted-person grant (issue 7):
    /// accepted, past its activation delay and approvals, not revoked or expired.
    public let trustedChildren: Set<Account.ID>

    public init(account: Account, memberships: [StaffMembership], taughtClasses: Set<SchoolClass.ID>, session: Session?,
                linkedChildren: Set<Account.ID> = [], trustedChildren: Set<Account.ID> = [])
    {
        self.account = account
        self.memberships = memberships.filter { $0.endedAt == nil }
        self.taughtClasses = taughtClasses
        self.session = session
        self.linkedChildren = account.category == .student ? [] : linkedChildren
        self.trustedChildren = account.category == .student ? [] : trustedChildren
    }

    /// Loads the actor for an account inside a read or write transaction.
    /// - Parameter guardianLinks: where to find the person's active guardian links
    ///   (`nil`: none are loaded, for callers that never act on children).
    /// - Throws: ``StoreError/notFound`` for an unknown account, or a backend error.
    public static func load(_ accountID: Account.ID, session: Session?, accounts: any AccountReader,
                            classes: any ClassReader, guardianLinks: (any GuardianLinkReader)? = nil) throws -> Actor
    {
        guard let account = try accounts.account(accountID) else { throw StoreError.notFound }
        let children = try guardianLinks?.links(ofGuardian: accountID).filter { $0.state == .active }.map(\.studentID)
        return Actor(account: account, memberships: try accounts.memberships(of: accountID),
                     taughtClasses: Set(try classes.classes(taughtBy: accountID)), session: session,
                     linkedChildren: Set(children ?? []))
    }

    /// Loads the actor with everything that makes a role: staff memberships, taught
    /// classes, active guardian links and the trusted-person grants active at `now`
    /// (``TrustedAccessService/activeGrants(of:at:in:)``, the same rule as the access
    /// decision), so ``roles`` shows `trusted_person` exactly while a grant is active.
    /// - Throws: ``StoreError/notFound`` for an unknown account, or a backend error.
    public static func load(_ accountID: Account.ID, session: Session?, at now: UnixTime,
                            in tx: any ReadTransaction) throws -> Actor
    {
        let actor = try load(accountID, session: session, accounts: tx.accounts, classes: tx.classes,
                             guardianLinks: tx.guardianLinks)
        let trusted = try TrustedAccessService.activeGrants(of: accountID, at: now, in: tx).map(\.studentID)
        return Actor(account: actor.account, memberships: actor.memberships, taughtClasses: actor.taughtClasses,
                     session: session, linkedChildren: actor.linkedChildren, trustedChildren: Set(trusted))
    }

    /// Whether the person holds a staff role (so the staff password minimum applies).
    public var isStaff: Bool { !memberships.isEmpty }

    /// The role whose password rules apply to this account.
    public var passwordRole: Role {
        if account.category == .student { return .student }
        return isStaff ? .teacher : .guardian
    }

    /// The roles the person holds (for the profile and tokens).
    public var roles: Set<Role> {
        var roles = Set(memberships.map(\.role))
        if account.category == .student { roles.insert(.student) }
        if !linkedChildren.isEmpty { roles.insert(.guardian) }
        if !trustedChildren.isEmpty { roles.insert(.trustedPerson) }
        return roles
    }
}
