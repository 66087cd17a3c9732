import SchoolIDCore
import Testing

@Suite struct RolePolicyTests {
    let roles = TestPolicies.set.roles

    @Test("role decisions follow roles.json and deny everything unlisted", arguments: [
        (Role.student, Permission.passwordChange, true), (.student, .credentialsIssue, false),
        (.student, .childrenRead, false), (.guardian, .trustedPersonInvite, true), (.guardian, .acknowledgementSign, true),
        (.trustedPerson, .childrenRead, true), (.trustedPerson, .trustedPersonInvite, false),
        (.trustedPerson, .acknowledgementSign, false), (.teacher, .credentialsIssue, true),
        (.teacher, .schoolStaffManage, false), (.schoolAdmin, .schoolStaffManage, true), (.schoolAdmin, .platformKeysManage, false),
        (.platformAdmin, .platformKeysManage, true), (.platformAdmin, .credentialsIssue, false),
    ])
    func decide(_ role: Role, _ permission: Permission, _ allowed: Bool) {
        let decision = roles.decide(role: role, permission: permission)
        #expect(decision.isAllowed == allowed)
        #expect(decision.reason.contains(role.rawValue) && decision.reason.contains(permission.rawValue))
        #expect(decision.code == (allowed ? nil : .permissionDenied))
    }

    @Test("every permission is granted to some role in the shipped profile") func everyPermissionUsed() {
        let granted = roles.permissions.values.reduce(into: Set<Permission>()) { $0.formUnion($1) }
        #expect(granted == Set(Permission.allCases))
    }
}
