/// A role a person holds in SchoolID (DESIGN "Who uses it"). Role permissions come
/// from `policies/roles.json` (``RolePolicy``); raw values are the stable names used
/// there, in tokens and in the audit log.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// A pupil; logs in with a login issued by the teacher.
    case student
    /// A parent or legal representative.
    case guardian
    /// A person a guardian invited (nanny, grandparent) for one child.
    case trustedPerson = "trusted_person"
    /// A teacher of one or more classes.
    case teacher
    /// Manages one school's staff, classes and students.
    case schoolAdmin = "school_admin"
    /// Manages schools, OAuth clients and signing keys.
    case platformAdmin = "platform_admin"

    /// Whether the role is staff (teacher or administrator): staff follow the staff
    /// password minimums and must enrol a second factor.
    public var isStaff: Bool {
        switch self {
        case .teacher, .schoolAdmin, .platformAdmin: true
        case .student, .guardian, .trustedPerson: false
        }
    }
}
