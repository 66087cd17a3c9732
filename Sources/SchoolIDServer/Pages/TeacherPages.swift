import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The teacher console: `GET /teacher`, `GET /teacher/classes/:class_id`,
/// `POST /teacher/classes/:class_id/roster` (multipart upload) and
/// `POST /teacher/students/:account_id/temporary-password`; each student row also
/// carries the family actions (link code, guardian proposal: `FamilyPages+Teacher.swift`).
///
/// Every read and action goes through the Core services with `.person(actor)`, so the
/// ``Authorizer`` decides: a teacher sees and acts on their own classes only, a school
/// admin on their school's.
struct TeacherPages: Sendable {
    let context: APIContext

    /// The multipart field that carries the roster file.
    static let rosterField = "roster"

    /// `GET /teacher`: the classes the actor may read, by school.
    func classes(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        let text = { (key: PageText) in key.text(in: language) }
        let schools = try await visibleClasses(actor)
        var sections: [HTML] = []
        for (school, classes) in schools {
            let items: [HTML] = classes.map { schoolClass in
                let link = Routes.path(Routes.teacherClassPage, "class_id", schoolClass.id.rawValue)
                return "<li><a href=\"\(link)\">\(schoolClass.name)</a> (\(schoolClass.schoolYearStart)/\(schoolClass.schoolYearStart + 1))</li>\n"
            }
            sections.append("<h2>\(school.name)</h2>\n<ul>\n\(items)</ul>\n")
        }
        let content: HTML = sections.isEmpty ? "<p>\(text(.noClasses))</p>\n" : "\(sections)"
        let body: HTML = """
            <h1>\(text(.teacherTitle))</h1>
            \(content)<p><a href="\(Routes.accountPage)">\(text(.accountTitle))</a></p>
            \(LoginPages.logoutForm(token, language))
            """
        return Page.render(title: text(.teacherTitle), language: language, body: body)
    }

    /// Classes taught, plus every class of the schools the actor administers (all
    /// schools for a platform admin), kept only where the authorizer allows reading.
    private func visibleClasses(_ actor: Actor) async throws -> [(School, [SchoolClass])] {
        let authorizer = Authorizer(roles: context.environment.policies.roles)
        return try await context.environment.storage.read { tx in
            var candidates: [SchoolClass] = try actor.taughtClasses.compactMap { try tx.classes.schoolClass($0) }
            let everywhere = actor.memberships.contains { $0.role == .platformAdmin }
            let schoolIDs = everywhere ? try tx.schools.schools().map(\.id)
                : actor.memberships.filter { $0.role == .schoolAdmin }.compactMap(\.schoolID)
            for schoolID in schoolIDs { candidates += try tx.classes.classes(in: schoolID, schoolYearStart: nil) }
            var seen = Set<SchoolClass.ID>()
            let allowed = candidates.filter { schoolClass in
                seen.insert(schoolClass.id).inserted
                    && authorizer.decide(actor, .classRosterRead, in: .schoolClass(schoolClass)).isAllowed
            }
            var result: [(School, [SchoolClass])] = []
            for schoolID in Set(allowed.map(\.schoolID)) {
                guard let school = try tx.schools.school(schoolID) else { continue }
                let classes = allowed.filter { $0.schoolID == schoolID }.sorted {
                    ($0.schoolYearStart, $0.grade, $0.letterIndex) < ($1.schoolYearStart, $1.grade, $1.letterIndex)
                }
                result.append((school, classes))
            }
            return result.sorted { $0.0.name < $1.0.name }
        }
    }

    /// `GET /teacher/classes/:class_id`: the roster, reissue buttons and the upload form.
    func classPage(_ request: Request) async throws -> Response {
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        return try await renderClass(request, actor: actor, token: token)
    }

    /// `POST /teacher/classes/:class_id/roster`: a multipart roster upload; `303` to the
    /// batch page, or the class page again with the roster error.
    func upload(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        guard let type = try? request.mediaType(), type.matches("multipart/form-data"),
              let boundary = type.parameters["boundary"]
        else { throw APIError(.unsupportedMediaType) }
        guard let form = try? MultipartFormData(body: request.body, boundary: boundary) else { throw APIError(.badRequest) }
        guard let presented = form.text(Form.csrfFieldName), token.isValidCSRFToken(presented) else {
            throw APIError(.csrfTokenInvalid, status: .forbidden)
        }
        let classID: SchoolClass.ID = try request.identifier("class_id")
        do {
            let roster = try Roster.parseCSV(form[Self.rosterField]?.body ?? [])
            let batch = try await context.batchRunner.submit(by: .person(actor), classID: classID, roster: roster,
                                                             context: APIContext.requestContext(request))
            return PageResponse.redirect(to: Routes.path(Routes.batchPage, "batch_id", batch.id.rawValue))
        } catch let error as DomainError where Self.isRosterError(error.code) {
            let box = PageResponse.errorBox(error.message(in: language), detail: error.detail)
            return try await renderClass(request, actor: actor, token: token, error: box, status: error.code.httpStatus)
        }
    }

    /// Errors about the uploaded file, shown on the class page next to the form.
    private static func isRosterError(_ code: ErrorCode) -> Bool {
        switch code {
        case .rosterInvalidEncoding, .rosterMissingColumn, .rosterUnknownColumn, .rosterInvalidRow, .rosterEmpty,
             .rosterTooLarge, .nameInvalid, .dateInvalid: true
        default: false
        }
    }

    /// `POST /teacher/students/:account_id/temporary-password`: a new temporary password,
    /// shown once.
    func reissue(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token) = try await PageRoutes.staff(request, context: context)
        try RequestAuthenticator.requireFormToken(try request.formFields(), token)
        let (student, temporary) = try await context.batches.reissue(
            by: .person(actor), studentID: try request.identifier("account_id"), context: APIContext.requestContext(request))
        let text = { (key: PageText) in key.text(in: language) }
        let body: HTML = """
            <h1>\(text(.reissuedTitle))</h1>
            <p class="notice">\(text(.reissuedExplanation))</p>
            <dl>
            <dt>\(text(.slipLogin))</dt><dd class="secret">\(student.login?.rawValue ?? "")</dd>
            <dt>\(text(.temporaryPassword))</dt><dd class="secret">\(temporary.text)</dd>
            <dt>\(text(.validUntil))</dt><dd>\(ISODate.string(temporary.expiresAt))</dd>
            </dl>
            <p><a href="\(Routes.teacherPage)">\(text(.backToClasses))</a></p>
            """
        return Page.render(title: text(.reissuedTitle), language: language, body: body)
    }

    private func renderClass(_ request: Request, actor: Actor, token: SessionToken, error: HTML = .empty,
                             status: HTTPStatus = .ok) async throws -> Response
    {
        let language = request.pageLanguage
        let text = { (key: PageText) in key.text(in: language) }
        let (schoolClass, students) = try await context.directory.roster(by: .person(actor),
                                                                         classID: try request.identifier("class_id"))
        // The reissue buttons name this page, where a step-up comes back to.
        let classPage: HTML = """
            <input type="hidden" name="return_to" \
            value="\(Routes.path(Routes.teacherClassPage, "class_id", schoolClass.id.rawValue))">

            """
        let rows: [HTML] = students.map { student in
            let name = student.profile.map { [$0.lastName, $0.firstName, $0.patronymic ?? ""].joined(separator: " ") } ?? ""
            let locked = student.account.lockedAt != nil || student.account.status != .active
            let reissue = Form.render(
                action: Routes.path(Routes.teacherReissue, "account_id", student.account.id.rawValue),
                csrfToken: token.csrfToken, fields: classPage, submitLabel: text(.reissueSubmit))
            let family = FamilyPages.teacherActions(studentID: student.account.id, classPage: classPage, token: token,
                                                    language: language)
            return """
                <tr><td class="secret">\(student.account.login?.rawValue ?? "")</td><td>\(name)</td>\
                <td>\(text(locked ? .yes : .no))</td><td>\(reissue)\(family)</td></tr>

                """
        }
        let table: HTML = rows.isEmpty ? "<p>\(text(.noStudents))</p>\n" : """
            <div class="table-scroll"><table>
            <thead><tr><th>\(text(.columnLogin))</th><th>\(text(.columnName))</th><th>\(text(.columnLocked))</th><th></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>

            """
        let upload = Form.render(
            action: Routes.path(Routes.teacherClassUpload, "class_id", schoolClass.id.rawValue),
            csrfToken: token.csrfToken,
            fields: Form.field(name: Self.rosterField, label: text(.uploadField), type: "file"),
            submitLabel: text(.uploadSubmit), encoding: .multipart)
        let title = "\(text(.classTitle)) \(schoolClass.name)"
        let body: HTML = """
            <h1>\(title)</h1>
            <p><a href="\(Routes.teacherPage)">\(text(.backToClasses))</a></p>
            <h2>\(text(.studentsHeading))</h2>
            \(table)<h2>\(text(.uploadHeading))</h2>
            <p>\(text(.uploadExplanation))</p>
            <ul><li>\(text(.uploadFormatColumns))</li><li>\(text(.uploadFormatEncoding))</li></ul>
            \(error)\(upload)
            """
        return Page.render(title: title, language: language, body: body, status: status)
    }
}
