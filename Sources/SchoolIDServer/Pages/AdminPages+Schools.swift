import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// `/admin/schools` (list, create) and `/admin/schools/:school_id` (staff and classes),
/// over `DirectoryService` as `POST /v1/schools`, `/v1/schools/{id}/staff`,
/// `/v1/schools/{id}/classes` and `/v1/classes/{id}/teachers` use it.
extension AdminPages {
    /// Where each directory error is shown.
    private static let schoolFields: [ErrorCode: String] = [
        .schoolCodeInvalid: "code", .schoolCodeTaken: "code", .timeZoneInvalid: "code",
    ]
    private static let staffFields: [ErrorCode: String] = [
        .loginInvalidLength: "login", .loginInvalidCharacter: "login", .loginCyrillicLookalike: "login",
        .loginInvalidFormat: "login", .loginTaken: "login", .membershipExists: "login", .roleInvalid: "role",
    ]
    private static let classFields: [ErrorCode: String] = [
        .gradeInvalid: "grade", .classLetterInvalid: "letter", .classAlreadyExists: "letter",
    ]

    /// Errors of the data typed into a form: shown on the form, not as an error page.
    static func isFormError(_ code: ErrorCode) -> Bool {
        switch code {
        case .schoolCodeInvalid, .schoolCodeTaken, .timeZoneInvalid, .textInvalid, .nameInvalid, .loginInvalidLength,
             .loginInvalidCharacter, .loginCyrillicLookalike, .loginInvalidFormat, .loginPatternOverflow, .loginTaken,
             .membershipExists, .roleInvalid, .gradeInvalid, .classLetterInvalid, .classAlreadyExists,
             .schoolYearInvalid, .clientInvalid, .clientExists, .identifierInvalid, .accountNotFound, .classNotAssigned:
            true
        default: false
        }
    }

    /// `GET /admin/schools`: the schools the actor administers (all for a platform
    /// admin), and the create form for platform admins.
    func schools(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        return try await renderSchools(request.pageLanguage, actor: actor, token: token)
    }

    /// `POST /admin/schools`: creates a school (platform admins, step-up), 303 to its page.
    func createSchool(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token, fields) = try await adminForm(request)
        do {
            let school = try await context.directory.createSchool(
                by: .person(actor), code: fields["code"] ?? "", name: fields["name"] ?? "", region: fields["region"] ?? "",
                timeZone: nil, context: APIContext.requestContext(request))
            return PageResponse.redirect(to: Routes.path(Routes.adminSchoolPage, "school_id", school.id.rawValue))
        } catch let error as DomainError where Self.isFormError(error.code) {
            let shown = AdminFormError(form: "school", code: error.code, detail: error.detail, fields: Self.schoolFields,
                                       language: language)
            return try await renderSchools(language, actor: actor, token: token, values: fields, error: shown,
                                           status: error.code.httpStatus)
        }
    }

    private func renderSchools(_ language: MessageLanguage, actor: Actor, token: SessionToken,
                               values: [String: String] = [:], error: AdminFormError? = nil,
                               status: HTTPStatus = .ok) async throws -> Response
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let platform = Self.isPlatformAdmin(actor)
        let own = Set(actor.memberships.compactMap(\.schoolID))
        let schools = try await context.environment.storage.read { tx in try tx.schools.schools() }
            .filter { platform || own.contains($0.id) }
        let rows: [HTML] = schools.map { school in
            let link = Routes.path(Routes.adminSchoolPage, "school_id", school.id.rawValue)
            return """
                <tr><td class="secret">\(school.code.rawValue)</td><td><a href="\(link)">\(school.name)</a></td>\
                <td>\(school.region)</td></tr>

                """
        }
        let list: HTML = rows.isEmpty ? "<p>\(text(.noSchools))</p>\n"
            : Self.table(headers: [text(.columnCode), text(.columnName), text(.columnRegion)], rows: rows)
        var create: HTML = .empty
        if platform {
            let form = "school"
            let inputs: HTML = """
                \(Self.field(form: form, name: "code", label: text(.schoolCode), .input(type: "text", value: values["code"] ?? ""), error: error))\
                \(Self.field(form: form, name: "name", label: text(.schoolName), .input(type: "text", value: values["name"] ?? ""), error: error))\
                \(Self.field(form: form, name: "region", label: text(.schoolRegion), .input(type: "text", value: values["region"] ?? ""), error: error))
                """
            create = """
                <h2>\(text(.schoolCreateHeading))</h2>
                \(AdminFormError.general(error, form: form))\
                \(Form.render(action: Routes.adminSchoolsPage, csrfToken: token.csrfToken, fields: inputs,
                              submitLabel: text(.schoolCreate)))

                """
        }
        return Self.render(text(.schoolsTitle), "\(list)\(create)", language: language, status: status)
    }

    /// `GET /admin/schools/:school_id`: the school's staff and classes with their forms.
    func school(_ request: Request) async throws -> Response {
        let (actor, token) = try await admin(request)
        return try await renderSchool(request, schoolID: try request.identifier("school_id"), actor: actor, token: token)
    }

    /// `POST /admin/schools/:school_id/staff`: adds a teacher or school admin (the rules of
    /// `POST /v1/schools/{id}/staff`); shows the first temporary password once.
    func addStaff(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token, fields) = try await adminForm(request)
        let schoolID: School.ID = try request.identifier("school_id")
        let text = { (key: AdminPageText) in key.text(in: language) }
        do {
            guard let role = Role(rawValue: fields["role"] ?? ""), role == .teacher || role == .schoolAdmin else {
                throw DomainError(.roleInvalid)
            }
            let profile = try AccountProfile(lastName: fields["last_name"] ?? "", firstName: fields["first_name"] ?? "",
                                             patronymic: (fields["patronymic"] ?? "").isEmpty ? nil : fields["patronymic"],
                                             birthDate: nil)
            let (account, first) = try await context.directory.addStaff(
                by: .person(actor), role: role, schoolID: schoolID, login: fields["login"] ?? "", profile: profile,
                context: APIContext.requestContext(request))
            let password: HTML = first.map { first in """
                <dt>\(text(.temporaryPassword))</dt><dd class="secret">\(first.text)</dd>
                <dt>\(text(.validUntil))</dt><dd>\(ISODate.string(first.expiresAt))</dd>

                """ } ?? .empty
            let schoolPage = Routes.path(Routes.adminSchoolPage, "school_id", schoolID.rawValue)
            let body: HTML = """
                <p class="notice">\(text(.staffAddedExplanation))</p>
                <dl>
                <dt>\(text(.columnLogin))</dt><dd class="secret">\(account.login?.rawValue ?? "")</dd>
                \(password)</dl>
                <p><a href="\(schoolPage)">\(text(.schoolsTitle))</a></p>
                """
            var response = Self.render(text(.staffAddedTitle), body, language: language)
            response.headers.set("Cache-Control", "no-store")
            return response
        } catch let error as DomainError where Self.isFormError(error.code) {
            let shown = AdminFormError(form: "staff", code: error.code, detail: error.detail, fields: Self.staffFields,
                                       language: language)
            return try await renderSchool(request, schoolID: schoolID, actor: actor, token: token, values: fields,
                                          error: shown, status: error.code.httpStatus)
        }
    }

    /// `POST /admin/schools/:school_id/classes`: creates a class (this school year), 303
    /// back to the school page.
    func createClass(_ request: Request) async throws -> Response {
        let language = request.pageLanguage
        let (actor, token, fields) = try await adminForm(request)
        let schoolID: School.ID = try request.identifier("school_id")
        do {
            guard let grade = Int(fields["grade"] ?? "") else { throw DomainError(.gradeInvalid) }
            let teachers = try (fields["teacher_id"] ?? "").isEmpty ? [] : [Account.ID(parsing: fields["teacher_id"] ?? "")]
            _ = try await context.directory.createClass(by: .person(actor), schoolID: schoolID, grade: grade,
                                                        letter: fields["letter"] ?? "", schoolYearStart: nil,
                                                        teacherIDs: teachers, context: APIContext.requestContext(request))
            return PageResponse.redirect(to: Routes.path(Routes.adminSchoolPage, "school_id", schoolID.rawValue))
        } catch let error as DomainError where Self.isFormError(error.code) {
            let shown = AdminFormError(form: "class", code: error.code, detail: error.detail, fields: Self.classFields,
                                       language: language)
            return try await renderSchool(request, schoolID: schoolID, actor: actor, token: token, values: fields,
                                          error: shown, status: error.code.httpStatus)
        }
    }

    /// `POST /admin/classes/:class_id/teachers`: assigns a staff member of the school as
    /// a teacher of the class, 303 back to the school page.
    func assignTeacher(_ request: Request) async throws -> Response {
        let (actor, _, fields) = try await adminForm(request)
        let classID: SchoolClass.ID = try request.identifier("class_id")
        let teacherID = try Account.ID(parsing: fields["account_id"] ?? "")
        try await context.directory.assignTeacher(by: .person(actor), teacherID: teacherID, classID: classID,
                                                  context: APIContext.requestContext(request))
        let schoolClass = try await context.environment.storage.read { tx in try tx.classes.schoolClass(classID) }
        guard let schoolClass else { throw DomainError(.classNotFound) }
        return PageResponse.redirect(to: Routes.path(Routes.adminSchoolPage, "school_id", schoolClass.schoolID.rawValue))
    }
}
