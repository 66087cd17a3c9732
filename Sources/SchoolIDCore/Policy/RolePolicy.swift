import SchoolIDJOSE
/// `roles.json`: which permissions each role holds. Default deny: a permission not
/// listed for a role is refused, and every role must be listed (an empty list is
/// allowed and explicit).
///
/// Validation also enforces two domain rules: trusted persons cannot re-delegate
/// (DESIGN "Trusted persons"), so they may not hold `trusted_person.invite`; and only
/// platform administrators may manage keys and clients.
public struct RolePolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "roles.json"

    /// Permissions per role.
    public let permissions: [Role: Set<Permission>]

    /// Decides whether `role` holds `permission`. Pure and default-deny.
    /// - Returns: allow, or deny with ``ErrorCode/permissionDenied``; the reason names both.
    public func decide(role: Role, permission: Permission) -> Decision {
        guard permissions[role]?.contains(permission) == true else {
            return .deny(.permissionDenied, "role \(role.rawValue) lacks permission \(permission.rawValue)")
        }
        return .allow("role \(role.rawValue) has permission \(permission.rawValue)")
    }

    /// Permissions reserved for platform administrators.
    static let platformOnly: Set<Permission> = [.platformKeysManage, .platformClientsManage, .platformSchoolsManage]
}

extension RolePolicy {
    /// Decodes and validates `roles.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        let roles = try root.object("roles")
        var permissions: [Role: Set<Permission>] = [:]
        for role in Role.allCases {
            var granted: Set<Permission> = []
            for (pointer, name) in try roles.strings(role.rawValue) {
                guard let permission = Permission(rawValue: name) else {
                    throw PolicyError(file: Self.fileName, pointer: pointer, rule: "unknown permission \"\(name)\"")
                }
                guard granted.insert(permission).inserted else {
                    throw PolicyError(file: Self.fileName, pointer: pointer, rule: "repeats \"\(name)\"")
                }
                if role == .trustedPerson, permission == .trustedPersonInvite {
                    throw PolicyError(file: Self.fileName, pointer: pointer, rule: "trusted persons cannot re-delegate")
                }
                if role != .platformAdmin, Self.platformOnly.contains(permission) {
                    throw PolicyError(file: Self.fileName, pointer: pointer, rule: "only platform_admin may hold \"\(name)\"")
                }
            }
            permissions[role] = granted
        }
        try roles.finish()
        try root.finish()
        self.permissions = permissions
    }
}
