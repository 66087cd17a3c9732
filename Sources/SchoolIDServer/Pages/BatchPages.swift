import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `GET /teacher/batches/:batch_id` (progress), `…/slips` (the printable slips, once)
/// and `…/credentials.csv` (the CSV, once).
struct BatchPages: Sendable {
    let context: APIContext
    /// The scheme of this service's own origin, for the sign-in address on slips.
    let scheme: String
    /// `--issuer`, when set: the address people type, whatever Host a proxy forwards.
    let publicBaseURL: String?

    /// How often the progress page reloads itself while the batch runs, seconds.
    static let refreshSeconds = 2

    /// `GET /teacher/batches/:batch_id`: `completed`/`total` and the status; reloads
    /// itself while queued or running; when finished, links to the two one-time downloads.
    func progress(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let text = { (key: PageText) in key.text(in: language) }
        let (actor, _) = try await PageRoutes.staff(request, context: context)
        let batch = try await context.batches.batch(by: .person(actor), id: try request.identifier("batch_id"))
        let status: PageText = switch batch.status {
        case .queued: .statusQueued
        case .running: .statusRunning
        case .finished: .statusFinished
        case .failed: .statusFailed
        }
        let running = batch.status == .queued || batch.status == .running
        var extra: HTML = .empty
        if running {
            extra = """
                <p class="notice">\(text(.batchRefreshing))</p>

                """
        } else if batch.status == .finished {
            let slips = Routes.path(Routes.batchSlipsPage, "batch_id", batch.id.rawValue)
            let csv = Routes.path(Routes.batchCSVPage, "batch_id", batch.id.rawValue)
            extra = """
                <ul>
                <li><a href="\(slips)">\(text(.slipsLink))</a></li>
                <li><a href="\(csv)">\(text(.csvLink))</a></li>
                </ul>
                <p class="notice">\(text(.oneTimeNote))</p>

                """
        }
        let classLink = Routes.path(Routes.teacherClassPage, "class_id", batch.classID.rawValue)
        let body: HTML = """
            <h1>\(text(.batchTitle))</h1>
            <p>\(text(.batchStatus)): <strong>\(text(status))</strong></p>
            <p>\(text(.batchCompleted)): <progress max="\(batch.total)" value="\(batch.completed)"></progress> \
            <span class="progress">\(batch.completed)/\(batch.total)</span></p>
            \(extra)<p><a href="\(classLink)">\(text(.backToClasses))</a></p>
            """
        let head: HTML = running ? "<meta http-equiv=\"refresh\" content=\"\(Self.refreshSeconds)\">\n" : .empty
        return Page.render(title: text(.batchTitle), language: language, body: body, head: head)
    }

    /// `GET /teacher/batches/:batch_id/slips`: one cut-out slip per student; the second
    /// fetch is a `410` page (`credential_batch_gone`).
    func slips(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let text = { (key: PageText) in key.text(in: language) }
        let (actor, _) = try await PageRoutes.staff(request, context: context)
        let (schoolClass, school, issued) = try await context.batches.download(
            .slips, by: .person(actor), id: try request.identifier("batch_id"), context: APIContext.requestContext(request))
        let base = publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? request.origin(scheme: scheme) ?? ""
        let loginURL = base + Routes.loginPage
        let slips: [HTML] = issued.map { credential in
            let name = [credential.profile.lastName, credential.profile.firstName, credential.profile.patronymic ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " ")
            return """
                <section class="slip">
                <p>\(text(.slipSchool)): \(school.name)<br>\(text(.slipClass)): \(schoolClass.name)</p>
                <p><strong>\(text(.slipStudent)): \(name)</strong></p>
                <p>\(text(.slipLogin)): <span class="secret">\(credential.login.rawValue)</span><br>\
                \(text(.slipPassword)): <span class="secret">\(credential.password)</span><br>\
                \(text(.slipValidUntil)): \(ISODate.string(credential.expiresAt, timeZone: school.timeZone))</p>
                <p>\(text(.slipWhere)): \(loginURL)<br>\(text(.slipInstruction))</p>
                </section>

                """
        }
        let title = "\(text(.slipsTitle)) \(schoolClass.name)"
        let body: HTML = """
            <h1 class="no-print">\(title)</h1>
            <p class="notice no-print">\(text(.printHint))</p>
            <div class="slips">
            \(slips)</div>
            """
        return Page.render(title: title, language: language, body: body, printable: true)
    }

    /// `GET /teacher/batches/:batch_id/credentials.csv`: the one-time CSV, cookie-authenticated.
    func csv(_ request: Request) async throws -> Response {
        let (actor, _) = try await PageRoutes.staff(request, context: context)
        let id: CredentialBatch.ID = try request.identifier("batch_id")
        let (schoolClass, school, issued) = try await context.batches.download(
            .csv, by: .person(actor), id: id, context: APIContext.requestContext(request))
        return CredentialCSV.response(schoolClass: schoolClass, school: school, batchID: id, issued: issued)
    }
}
