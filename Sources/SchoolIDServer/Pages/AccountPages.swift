import SchoolIDCore
import SchoolIDHTTP

/// `GET /account`: the dashboard. Whose session it is; for an adult what waits for them
/// (notes to sign, invitations to accept), the linked children with school and class,
/// and the family pages; for everyone the sign-in and security pages and their own data
/// (consent, export and, for an adult who is not staff, deletion); for staff the
/// teacher console and the admin console.
struct AccountPages: Sendable {
    let context: APIContext

    func overview(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.session(request, context: context)
        let text = { (key: AccountPageText) in key.text(in: language) }
        let isAdult = actor.account.category == .adult
        let staff: HTML = actor.isStaff ? """
            <h2>\(text(.staffHeading))</h2>
            <ul>\(Self.item(Routes.teacherPage, PageText.teacherConsoleLink.text(in: language)))\
            \(AdminPages.accountLink(for: actor, language))</ul>

            """ : .empty
        let family: HTML = isAdult ? try await familySections(actor, language: language) : .empty
        let deletion: HTML = isAdult && !actor.isStaff
            ? Self.item(Routes.accountDeletePage, DeletionPageText.link.text(in: language)) : .empty
        let consent: HTML = isAdult
            ? Self.item(Routes.accountConsentPage, ConsentPageText.accountLink.text(in: language)) : .empty
        let body: HTML = """
            <h1>\(PageText.accountTitle.text(in: language))</h1>
            <p>\(PageText.loggedInAs.text(in: language)) <strong class="secret">\(actor.account.login?.rawValue ?? "")</strong></p>
            \(family)\(staff)<h2>\(text(.securityHeading))</h2>
            <ul>\(Self.item(Routes.passwordChangePage, PageText.changePasswordLink.text(in: language)))\
            \(Self.item(Routes.securityPage, SecurityPageText.link.text(in: language)))\
            \(Self.item(Routes.secondFactorsPage, FactorPageText.link.text(in: language)))</ul>
            <h2>\(text(.dataHeading))</h2>
            <ul>\(consent)\(Self.item(Routes.exportPage, ExportPageText.link.text(in: language)))\(deletion)</ul>
            \(LoginPages.logoutForm(token, language))
            """
        return Page.render(title: PageText.accountTitle.text(in: language), language: language, body: body)
    }

    /// What waits for the adult, their children, and the family pages.
    private func familySections(_ actor: Actor, language: MessageLanguage) async throws -> HTML {
        let text = { (key: AccountPageText) in key.text(in: language) }
        let family = { (key: FamilyPageText) in key.text(in: language) }
        let children = try await context.guardianship.children(of: actor)
        let service = AcknowledgementService(environment: context.environment)
        var waitingSignatures = 0
        for child in children {
            waitingSignatures += try await service.acknowledgements(ofStudent: child.studentID, guardian: actor)
                .filter { $0.acknowledgement.state == .pending }.count
        }
        let waitingInvitations = try await context.trustedAccess.received(actor: actor).filter { $0.phase == .invited }.count
        var toDo: [HTML] = []
        if waitingSignatures > 0 {
            toDo.append(Self.item(Routes.acknowledgementsPage, "\(text(.waitingSignatures)): \(waitingSignatures)"))
        }
        if waitingInvitations > 0 {
            toDo.append(Self.item(Routes.trustedPersonsPage, "\(text(.waitingInvitations)): \(waitingInvitations)"))
        }
        let toDoSection: HTML = toDo.isEmpty ? .empty : """
            <section class="notice" aria-labelledby="to-do"><h2 id="to-do">\(text(.toDoHeading))</h2>
            <ul>\(toDo)</ul></section>

            """
        let rows: [HTML] = children.map { child in
            "<tr><td>\(child.name)</td><td>\(child.school.name)</td><td>\(child.schoolClass.name)</td></tr>\n"
        }
        let childTable: HTML = children.isEmpty ? "<p>\(family(.noChildren))</p>\n" : """
            <div class="table-scroll"><table>
            <thead><tr><th>\(family(.columnName))</th><th>\(family(.columnSchool))</th><th>\(family(.columnClass))</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>

            """
        return """
            \(toDoSection)<h2>\(text(.childrenHeading))</h2>
            \(childTable)<h2>\(text(.familyHeading))</h2>
            <ul>\(Self.item(Routes.childrenPage, text(.childrenAll)))\
            \(Self.item(Routes.trustedPersonsPage, family(.trustedLink)))\
            \(Self.item(Routes.acknowledgementsPage, AcknowledgementPageText.listLink.text(in: language)))</ul>

            """
    }

    /// `<li><a href="path">label</a></li>`.
    private static func item(_ path: String, _ label: String) -> HTML {
        "<li><a href=\"\(path)\">\(label)</a></li>\n"
    }
}
