/// A permission a role may hold, named by a stable `area.action` string used in
/// `policies/roles.json` and in the audit log. A role holds only what the policy lists
/// (default deny, ASVS 5.0 V8.2.1); per-object checks (own classes, own children,
/// granted services) are the services' job on top of this.
public enum Permission: String, Hashable, Sendable, CaseIterable, Codable {
    /// Read one's own profile.
    case profileRead = "profile.read"
    /// Change one's own contact details.
    case profileUpdate = "profile.update"
    /// Change one's own password.
    case passwordChange = "password.change"
    /// Enrol and remove one's own second factors.
    case secondFactorManage = "second_factor.manage"
    /// Claim a child and confirm proposed links (guardians).
    case childrenLink = "children.link"
    /// See linked children (guardians) or granted children (trusted persons).
    case childrenRead = "children.read"
    /// Invite a trusted person for a child.
    case trustedPersonInvite = "trusted_person.invite"
    /// Revoke a trusted person's grant.
    case trustedPersonRevoke = "trusted_person.revoke"
    /// Accept or decline an invitation addressed to oneself.
    case invitationRespond = "invitation.respond"
    /// Sign acknowledgements requested by diary services.
    case acknowledgementSign = "acknowledgement.sign"
    /// Read the roster of one's classes.
    case classRosterRead = "class.roster.read"
    /// Issue, reissue and print temporary student credentials.
    case credentialsIssue = "credentials.issue"
    /// Propose a guardian–student link.
    case guardianLinkPropose = "guardian_link.propose"
    /// Manage a school's staff.
    case schoolStaffManage = "school.staff.manage"
    /// Manage a school's classes.
    case schoolClassesManage = "school.classes.manage"
    /// Manage a school's students.
    case schoolStudentsManage = "school.students.manage"
    /// Create and edit schools.
    case platformSchoolsManage = "platform.schools.manage"
    /// Register and edit OAuth clients (diary services).
    case platformClientsManage = "platform.clients.manage"
    /// Rotate and inspect signing keys.
    case platformKeysManage = "platform.keys.manage"
    /// Read the audit log.
    case auditRead = "audit.read"
}
