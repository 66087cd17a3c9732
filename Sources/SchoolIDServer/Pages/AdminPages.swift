import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The admin console (issue 11): `GET /admin` and the schools, clients, keys and audit
/// pages in `AdminPages+*.swift`.
///
/// Only platform admins and school admins reach it (anyone else gets the 403 page).
/// Every read and change goes through the Core services the JSON API uses
/// (`DirectoryService`, `ClientService`, the audit query, `KeyringDirectory`), with
/// `.person(actor)`, so the ``Authorizer`` and the step-up rules are the API's: a
/// school admin sees their own schools, a platform admin everything.
struct AdminPages: Sendable {
    let context: APIContext
    /// The live keyring: listed on the keys page and reloaded after a rotation.
    let keyring: Keyring

    /// The logged-in admin of a page request and their session token.
    /// - Throws: `DomainError(.unauthorized)` (→ `/login`) without a session,
    ///   `.permissionDenied` (→ 403 page) for someone who is neither a platform nor a school admin.
    func admin(_ request: Request) async throws -> (Actor, SessionToken) {
        let (actor, token) = try await PageRoutes.session(request, context: context)
        guard Self.isAdmin(actor) else { throw DomainError(.permissionDenied) }
        return (actor, token)
    }

    /// An admin's form post: the actor, after the session's CSRF token was checked, and
    /// the fields.
    func adminForm(_ request: Request) async throws -> (Actor, SessionToken, [String: String]) {
        let (actor, token) = try await admin(request)
        let fields = try request.formFields()
        try RequestAuthenticator.requireFormToken(fields, token)
        return (actor, token, fields)
    }

    /// Whether `actor` is a platform admin or a school admin (who may open `/admin`).
    static func isAdmin(_ actor: Actor) -> Bool {
        actor.memberships.contains { $0.endedAt == nil && ($0.role == .platformAdmin || $0.role == .schoolAdmin) }
    }

    /// Whether `actor` holds the platform-admin role.
    static func isPlatformAdmin(_ actor: Actor) -> Bool {
        actor.memberships.contains { $0.endedAt == nil && $0.role == .platformAdmin }
    }

    /// Where `GET /` sends a logged-in person: a platform admin with no school role to
    /// `/admin`, other staff to the teacher console, everyone else to `/account`.
    static func landing(for actor: Actor) -> String {
        let schoolRole = actor.memberships.contains { $0.endedAt == nil && $0.schoolID != nil }
        if isPlatformAdmin(actor) && !schoolRole { return Routes.adminPage }
        return actor.isStaff ? Routes.teacherPage : Routes.accountPage
    }

    /// The link to `/admin` on the account page, for admins only.
    static func accountLink(for actor: Actor, _ language: MessageLanguage) -> HTML {
        isAdmin(actor) ? "<li><a href=\"\(Routes.adminPage)\">\(AdminPageText.link.text(in: language))</a></li>\n" : .empty
    }

    /// `GET /admin`: links to the sections the actor may use.
    func home(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await admin(request)
        let text = { (key: AdminPageText) in key.text(in: language) }
        var links: [HTML] = ["<li><a href=\"\(Routes.adminSchoolsPage)\">\(text(.schoolsLink))</a></li>\n"]
        if Self.isPlatformAdmin(actor) {
            links.append("<li><a href=\"\(Routes.adminClientsPage)\">\(text(.clientsLink))</a></li>\n")
            links.append("<li><a href=\"\(Routes.adminKeysPage)\">\(text(.keysLink))</a></li>\n")
        }
        links.append("<li><a href=\"\(Routes.adminAuditPage)\">\(text(.auditLink))</a></li>\n")
        let body: HTML = """
            <h1>\(text(.title))</h1>
            <p>\(text(.intro))</p>
            <ul>
            \(links)</ul>
            <p><a href="\(Routes.accountPage)">\(PageText.accountTitle.text(in: language))</a></p>
            \(LoginPages.logoutForm(token, language))
            """
        return Page.render(title: text(.title), language: language, body: body)
    }

    /// A page of the console: `<h1>`, the body and a link back to `/admin`.
    static func render(_ title: String, _ body: HTML, language: MessageLanguage, status: HTTPStatus = .ok) -> Response {
        let back: HTML = "<p><a href=\"\(Routes.adminPage)\">\(AdminPageText.backToAdmin.text(in: language))</a></p>\n"
        return Page.render(title: title, language: language, body: "<h1>\(title)</h1>\n\(back)\(body)", status: status)
    }

    /// A table inside the horizontal scroll wrapper (narrow screens scroll the table,
    /// not the page).
    static func table(headers: [String], rows: [HTML]) -> HTML {
        let head: [HTML] = headers.map { "<th scope=\"col\">\($0)</th>" }
        return """
            <div class="table-scroll">
            <table>
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </div>

            """
    }
}
