import SchoolIDBase

/// A staff role an adult holds: teacher or school admin of one school, or platform admin
/// (no school). Teachers are assigned to classes separately (``ClassStore``).
public struct StaffMembership: Hashable, Sendable {
    public var accountID: Account.ID
    /// `.teacher`, `.schoolAdmin` or `.platformAdmin`.
    public var role: Role
    /// The school; `nil` only for platform admins.
    public var schoolID: School.ID?
    public var createdAt: UnixTime
    /// When the membership ended; ended memberships grant nothing.
    public var endedAt: UnixTime?

    public init(accountID: Account.ID, role: Role, schoolID: School.ID?, createdAt: UnixTime, endedAt: UnixTime? = nil) {
        precondition(role.isStaff, "staff memberships hold staff roles")
        precondition((role == .platformAdmin) == (schoolID == nil), "only platform admins have no school")
        self.accountID = accountID
        self.role = role
        self.schoolID = schoolID
        self.createdAt = createdAt
        self.endedAt = endedAt
    }
}
