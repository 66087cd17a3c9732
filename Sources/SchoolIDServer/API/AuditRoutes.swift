import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /v1/audit`: the security events of the actor's school (school admins) or of any
/// school (platform admins), newest first. Query: `account_id`, `action` (repeatable: any
/// of them), `since` (unix seconds, inclusive), `until` (unix seconds, exclusive), `before`
/// (sequence, for paging), `limit` (1–500, default 100), `school_id` (platform admins: any
/// school or none; school admins: one of theirs, the first by default).
struct AuditRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.audit) { try await events($0) }
    }

    struct EventBody: Encodable {
        let sequence: Int64
        let at: Int64
        let action: String
        let actorID: String?
        let targetID: String?
        let schoolID: String?
        let clientAddress: String
        let requestID: String
        let detail: String
        enum CodingKeys: String, CodingKey {
            case sequence, at, action, actorID = "actor_id", targetID = "target_id", schoolID = "school_id"
            case clientAddress = "client_address", requestID = "request_id", detail
        }

        init(_ event: AuditEvent) {
            sequence = event.sequence
            at = event.at.seconds
            action = event.action.rawValue
            actorID = event.actorID?.rawValue
            targetID = event.targetID?.rawValue
            schoolID = event.schoolID?.rawValue
            clientAddress = event.clientAddress
            requestID = event.requestID
            detail = event.detail
        }
    }

    private func events(_ request: Request) async throws -> Response {
        let actor = try await context.authenticator.apiActor(request)
        let items = try request.queryItems()
        let roles = context.environment.policies.roles
        var query = AuditQuery()
        query.accountID = try items["account_id"].map { try Account.ID(parsing: $0) }
        query.since = try items["since"].map { UnixTime(seconds: try Self.number($0, field: "since")) }
        query.until = try items["until"].map { UnixTime(seconds: try Self.number($0, field: "until")) }
        let actions = try items.values(for: "action").map { name in
            guard let action = AuditAction(rawValue: name) else { throw APIError(.badRequest, field: "action") }
            return action
        }
        if !actions.isEmpty { query.actions = Set(actions) }
        query.before = try items["before"].map { try Self.number($0, field: "before") }
        query.limit = Int(try items["limit"].map { try Self.number($0, field: "limit") } ?? 100)
        guard (1...500).contains(query.limit) else { throw APIError(.badRequest, field: "limit") }
        let requested = try items["school_id"].map { try School.ID(parsing: $0) }
        query.schoolID = try Self.schoolScope(for: actor, requested: requested, roles: roles)
        let finalQuery = query
        let events = try await context.environment.storage.read { tx in try tx.audit.events(finalQuery) }
        return .json(["events": events.map(EventBody.init)])
    }

    /// The school `actor` may read the log of: platform admins any school asked for (or
    /// none: the whole log); a school admin one of their own schools, the one asked for or
    /// the first. Shared by `GET /v1/audit` and the admin audit page.
    /// - Throws: ``APIError`` `permission_denied` (no school to read) or
    ///   `school_not_assigned` (a school not theirs).
    static func schoolScope(for actor: Actor, requested: School.ID?, roles: RolePolicy) throws -> School.ID? {
        let authorizer = Authorizer(roles: roles)
        if authorizer.decide(actor, .auditRead, in: .platform).isAllowed { return requested }
        let schools = actor.memberships.compactMap(\.schoolID).filter {
            authorizer.decide(actor, .auditRead, in: .school($0)).isAllowed
        }
        let chosen = requested.map { schools.contains($0) ? $0 : nil } ?? schools.first
        guard let school = chosen else { throw APIError(requested == nil ? .permissionDenied : .schoolNotAssigned) }
        return school
    }

    private static func number(_ text: String, field: String) throws -> Int64 {
        guard let value = Int64(text), value >= 0 else { throw APIError(.badRequest, field: field) }
        return value
    }
}
