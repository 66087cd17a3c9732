/// Who asks for an administrative action: a logged-in person (authorised by role and
/// scope) or the local operator at the command line (who already holds the database
/// and the keys, so every action is allowed and audited as `cli`).
public enum Principal: Sendable {
    case commandLine
    case person(Actor)

    /// The acting account, if any, for the audit log.
    public var accountID: Account.ID? {
        switch self {
        case .commandLine: nil
        case .person(let actor): actor.account.id
        }
    }

    /// Checks that the principal may use `permission` in `scope`.
    /// - Throws: `DomainError` when a person is denied.
    public func require(_ permission: Permission, in scope: Authorizer.Scope, roles: RolePolicy) throws(DomainError) {
        guard case .person(let actor) = self else { return }
        try Authorizer(roles: roles).require(actor, permission, in: scope)
    }
}
