import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /admin/audit`: the security event log with filters (action, account by login or
/// id, from/to date, outcome) and paging, over the audit query of `GET /v1/audit` and its
/// school scope (``AuditRoutes/schoolScope(for:requested:roles:)``): a school admin
/// sees their school's events, a platform admin all.
extension AdminPages {
    /// Events per page.
    static let auditPageSize = 50

    /// The actions that record a refusal or a failure (the "failure" outcome); every
    /// other action records something that happened.
    static let failureActions: Set<AuditAction> = [
        .loginFailed, .loginThrottled, .accountLocked, .expiredTemporaryPasswordUsed, .permissionDenied, .codeFailed,
        .codeExhausted, .messageFailed, .secondFactorFailed, .linkCodeFailed, .trustedInvitationCodeFailed,
        .oauthCodeReplayed, .oauthRefreshReplayed, .oauthClientAuthThrottled,
    ]

    /// The filters as typed (kept in the form and the "older" link).
    private struct AuditFilter {
        var action = ""
        var account = ""
        var from = ""
        var to = ""
        var outcome = ""

        init(_ items: QueryItems) {
            action = items["action"] ?? ""
            account = (items["account"] ?? "").trimmingCharacters(in: .whitespaces)
            from = items["from"] ?? ""
            to = items["to"] ?? ""
            outcome = items["outcome"] ?? ""
        }

        /// The query string of these filters plus `before`.
        func query(before: Int64) -> String {
            let pairs = [("action", action), ("account", account), ("from", from), ("to", to), ("outcome", outcome)]
                .filter { !$0.1.isEmpty } + [("before", String(before))]
            return pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        }

        private static func encode(_ value: String) -> String {
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.intersection(
                CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127))).union(CharacterSet(charactersIn: "-._"))) ?? ""
        }
    }

    /// `GET /admin/audit?action=&account=&from=&to=&outcome=&before=`.
    func audit(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, _) = try await admin(request)
        guard let items = try? request.queryItems() else { throw APIError(.badRequest) }
        let filter = AuditFilter(items)
        var query = AuditQuery(limit: Self.auditPageSize)
        query.schoolID = try AuditRoutes.schoolScope(for: actor, requested: nil, roles: context.environment.policies.roles)
        var error: AdminFormError?
        let dateError = { (field: String) in
            AdminFormError(form: "audit", field: field, message: AdminPageText.auditDateInvalid.text(in: language))
        }
        if !filter.from.isEmpty {
            if let day = Self.day(filter.from) { query.since = day } else { error = dateError("from") }
        }
        if !filter.to.isEmpty {
            if let day = Self.day(filter.to) { query.until = day.adding(seconds: 86_400) } else { error = dateError("to") }
        }
        query.before = items["before"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        var actions: Set<AuditAction>?
        if let action = AuditAction(rawValue: filter.action) { actions = [action] }
        switch filter.outcome {
        case "failure": actions = (actions ?? Set(AuditAction.allCases)).intersection(Self.failureActions)
        case "success": actions = (actions ?? Set(AuditAction.allCases)).subtracting(Self.failureActions)
        default: break
        }
        query.actions = actions
        if !filter.account.isEmpty {
            if let account = try await account(filter.account) { query.accountID = account } else {
                error = AdminFormError(form: "audit", field: "account",
                                       message: AdminPageText.auditAccountUnknown.text(in: language))
            }
        }
        let final = query
        let events = error != nil ? [] : try await context.environment.storage.read { tx in try tx.audit.events(final) }
        return renderAudit(language, filter: filter, events: events, error: error)
    }

    /// The account a login or an account id names, if any.
    private func account(_ text: String) async throws -> Account.ID? {
        if let id = try? Account.ID(parsing: text) { return id }
        guard let login = try? Login(parsing: text) else { return nil }
        return try await context.environment.storage.read { tx in try tx.accounts.account(login: login)?.id }
    }

    /// Midnight UTC of a `YYYY-MM-DD` date (what `<input type="date">` sends).
    static func day(_ text: String) -> UnixTime? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard text.utf8.count == 10, parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2]
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        guard components.isValidDate, let date = components.date else { return nil }
        return UnixTime(seconds: Int64(date.timeIntervalSince1970))
    }

    private func renderAudit(_ language: MessageLanguage, filter: AuditFilter, events: [AuditEvent],
                             error: AdminFormError?) -> Response
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let form = "audit"
        let actions = [("", text(.auditAnyAction))] + AuditAction.allCases.map { ($0.rawValue, $0.rawValue) }
        let outcomes = [("", text(.auditAnyOutcome)), ("success", text(.auditSuccess)), ("failure", text(.auditFailure))]
        let inputs: HTML = """
            \(Self.field(form: form, name: "action", label: text(.auditAction), .select(options: actions, selected: filter.action), required: false, error: error))\
            \(Self.field(form: form, name: "account", label: text(.auditAccount), .input(type: "text", value: filter.account), hint: text(.auditAccountHint), required: false, error: error))\
            \(Self.field(form: form, name: "from", label: text(.auditFrom), .input(type: "date", value: filter.from), required: false, error: error))\
            \(Self.field(form: form, name: "to", label: text(.auditTo), .input(type: "date", value: filter.to), required: false, error: error))\
            \(Self.field(form: form, name: "outcome", label: text(.auditOutcome), .select(options: outcomes, selected: filter.outcome), required: false, error: error))
            """
        let rows: [HTML] = events.map { event in
            """
            <tr><td>\(ISODate.dateTime(event.at, timeZone: "UTC"))</td><td class="secret">\(event.action.rawValue)</td>\
            <td class="id">\(event.actorID?.rawValue ?? "—")</td><td class="id">\(event.targetID?.rawValue ?? "—")</td>\
            <td>\(event.clientAddress)</td><td class="id">\(event.detail)</td></tr>

            """
        }
        let results: HTML = rows.isEmpty ? "<p>\(text(.auditNoEvents))</p>\n" : Self.table(
            headers: [text(.columnTime), text(.columnAction), text(.columnActor), text(.columnTarget),
                      text(.columnAddress), text(.columnDetail)], rows: rows)
        let older: HTML = events.count == Self.auditPageSize && events.last != nil
            ? "<p><a href=\"\(Routes.adminAuditPage)?\(filter.query(before: events.last?.sequence ?? 0))\">\(text(.auditOlder))</a></p>\n"
            : .empty
        let body: HTML = """
            <form method="get" action="\(Routes.adminAuditPage)">
            \(inputs)<button type="submit">\(text(.auditSearch))</button>
            </form>
            \(results)\(older)
            """
        return Self.render(text(.auditTitle), body, language: language, status: error == nil ? .ok : .badRequest)
    }
}
