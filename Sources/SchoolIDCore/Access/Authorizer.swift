/// The one place that decides whether an actor may do something somewhere.
///
/// Role permissions come from `policies/roles.json` (``RolePolicy``, default deny); this
/// type adds where each staff role applies: a teacher only in the classes assigned to
/// them, a school admin only in their school, a platform admin everywhere (holding
/// `platform.schools.manage` makes them school admin of every school).
public struct Authorizer: Sendable {
    /// Where an action takes place.
    public enum Scope: Sendable, Hashable {
        /// Platform-wide (schools, clients, keys).
        case platform
        /// One school.
        case school(School.ID)
        /// One class (of its school).
        case schoolClass(SchoolClass)
    }

    /// School-level permissions a platform admin holds everywhere through
    /// `platform.schools.manage`.
    static let delegatedToPlatformAdmins: Set<Permission> = [
        .schoolStaffManage, .schoolClassesManage, .schoolStudentsManage, .auditRead, .classRosterRead, .credentialsIssue,
    ]

    private let roles: RolePolicy

    public init(roles: RolePolicy) { self.roles = roles }

    /// Decides whether `actor` may use `permission` in `scope`. Pure and default-deny.
    /// - Returns: allow, or deny with `.permissionDenied` (no role grants it),
    ///   `.classNotAssigned` (a role grants it in the class's school, for other classes) or
    ///   `.schoolNotAssigned` (a role grants it, only in other schools).
    public func decide(_ actor: Actor, _ permission: Permission, in scope: Scope) -> Decision {
        var grantedElsewhere = false
        var grantedInClassSchool = false
        for membership in actor.memberships {
            if membership.role == .platformAdmin, Self.delegatedToPlatformAdmins.contains(permission),
               roles.decide(role: .platformAdmin, permission: .platformSchoolsManage).isAllowed
            {
                return .allow("platform admin manages every school (\(permission.rawValue))")
            }
            guard roles.decide(role: membership.role, permission: permission).isAllowed else { continue }
            if Self.applies(membership, in: scope, taught: actor.taughtClasses) {
                return .allow("\(membership.role.rawValue) holds \(permission.rawValue) here")
            }
            grantedElsewhere = true
            if case .schoolClass(let schoolClass) = scope, membership.schoolID == schoolClass.schoolID {
                grantedInClassSchool = true
            }
        }
        guard grantedElsewhere else {
            return .deny(.permissionDenied, "no role of \(actor.account.id) grants \(permission.rawValue)")
        }
        switch scope {
        case .schoolClass where grantedInClassSchool:
            return .deny(.classNotAssigned, "\(permission.rawValue) is granted only for other classes")
        // Staff of another school: the class is not theirs because the school is not.
        case .schoolClass, .school, .platform:
            return .deny(.schoolNotAssigned, "\(permission.rawValue) is granted only in other schools")
        }
    }

    /// Like ``decide(_:_:in:)`` but throws the denial.
    /// - Throws: `DomainError` when denied.
    public func require(_ actor: Actor, _ permission: Permission, in scope: Scope) throws(DomainError) {
        try decide(actor, permission, in: scope).enforce()
    }

    private static func applies(_ membership: StaffMembership, in scope: Scope, taught: Set<SchoolClass.ID>) -> Bool {
        switch (membership.role, scope) {
        case (.platformAdmin, _): true
        case (.schoolAdmin, .school(let school)): membership.schoolID == school
        case (.schoolAdmin, .schoolClass(let schoolClass)): membership.schoolID == schoolClass.schoolID
        case (.teacher, .schoolClass(let schoolClass)):
            membership.schoolID == schoolClass.schoolID && taught.contains(schoolClass.id)
        default: false
        }
    }
}
