import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The school page's content: staff with the add form, classes with their teachers,
/// the create form and one assign form per class.
extension AdminPages {
    /// One staff member as the school page lists them.
    private struct StaffRow {
        let membership: StaffMembership
        let login: String
        let name: String
    }

    /// Renders `/admin/schools/:school_id`, with `error` on the form it belongs to and the
    /// typed `values` kept (never a password: these forms have none).
    /// - Throws: `DomainError` `.schoolNotFound`, or `.permissionDenied` for an admin of
    ///   another school (the roster-read rule of `GET /v1/schools/{id}/classes`).
    func renderSchool(_ request: Request, schoolID: School.ID, actor: Actor, token: SessionToken,
                      values: [String: String] = [:], error: AdminFormError? = nil,
                      status: HTTPStatus = .ok) async throws -> Response
    {
        let language = request.pageLanguage
        let roles = context.environment.policies.roles
        try Principal.person(actor).require(.classRosterRead, in: .school(schoolID), roles: roles)
        let ownerKeys = context.environment.ownerKeys
        let (school, staff, classes) = try await context.environment.storage.read { tx in
            guard let school = try tx.schools.school(schoolID) else { throw DomainError(.schoolNotFound) }
            let staff = try tx.accounts.staff(of: schoolID).compactMap { membership -> StaffRow? in
                guard let account = try tx.accounts.account(membership.accountID) else { return nil }
                let profile = try? AccountProfile(sealed: account.profile, for: account.id,
                                                  under: ownerKeys.key(for: account.id.rawValue, in: tx.ownerKeys))
                let name = profile.map { [$0.lastName, $0.firstName, $0.patronymic ?? ""].joined(separator: " ") } ?? ""
                return StaffRow(membership: membership, login: account.login?.rawValue ?? "", name: name)
            }
            let classes = try tx.classes.classes(in: schoolID, schoolYearStart: nil).map { ($0, try tx.classes.teachers(of: $0.id)) }
            return (school, staff.sorted { $0.login < $1.login }, classes)
        }
        let schoolPage = Routes.path(Routes.adminSchoolPage, "school_id", schoolID.rawValue)
        let returnField: HTML = "<input type=\"hidden\" name=\"return_to\" value=\"\(schoolPage)\">\n"
        let logins = Dictionary(staff.map { ($0.membership.accountID, $0.login) }, uniquingKeysWith: { first, _ in first })
        let body: HTML = """
            \(staffSection(staff, schoolID: schoolID, token: token, returnField: returnField, values: values, error: error,
                           language: language))\
            \(classSection(classes, staff: staff, logins: logins, schoolID: schoolID, token: token, returnField: returnField,
                           values: values, error: error, language: language))
            """
        return Self.render("\(school.name) (\(school.code.rawValue))", body, language: language, status: status)
    }

    private func staffSection(_ staff: [StaffRow], schoolID: School.ID, token: SessionToken, returnField: HTML,
                              values: [String: String], error: AdminFormError?, language: MessageLanguage) -> HTML
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let rows: [HTML] = staff.map { row in
            """
            <tr><td class="secret">\(row.login)</td><td>\(row.name)</td><td>\(Self.roleName(row.membership.role, language))</td>\
            <td>\(ISODate.string(row.membership.createdAt))</td></tr>

            """
        }
        let list: HTML = rows.isEmpty ? "<p>\(text(.noStaff))</p>\n" : Self.table(
            headers: [text(.columnLogin), text(.columnName), text(.columnRole), text(.columnSince)], rows: rows)
        let form = "staff"
        let roleOptions = [(Role.teacher.rawValue, text(.roleTeacher)), (Role.schoolAdmin.rawValue, text(.roleSchoolAdmin))]
        let inputs: HTML = """
            \(returnField)\
            \(Self.field(form: form, name: "role", label: text(.staffRole), .select(options: roleOptions, selected: values["role"]), error: error))\
            \(Self.field(form: form, name: "login", label: text(.staffLogin), .input(type: "text", value: values["login"] ?? ""), error: error))\
            \(Self.field(form: form, name: "last_name", label: text(.lastName), .input(type: "text", value: values["last_name"] ?? ""), error: error))\
            \(Self.field(form: form, name: "first_name", label: text(.firstName), .input(type: "text", value: values["first_name"] ?? ""), error: error))\
            \(Self.field(form: form, name: "patronymic", label: text(.patronymic), .input(type: "text", value: values["patronymic"] ?? ""), required: false, error: error))
            """
        return """
            <h2>\(text(.staffHeading))</h2>
            \(list)<h3>\(text(.staffAddHeading))</h3>
            \(AdminFormError.general(error, form: form))\
            \(Form.render(action: Routes.path(Routes.adminSchoolStaffPage, "school_id", schoolID.rawValue),
                          csrfToken: token.csrfToken, fields: inputs, submitLabel: text(.staffAdd)))

            """
    }

    private func classSection(_ classes: [(SchoolClass, [Account.ID])], staff: [StaffRow], logins: [Account.ID: String],
                              schoolID: School.ID, token: SessionToken, returnField: HTML, values: [String: String],
                              error: AdminFormError?, language: MessageLanguage) -> HTML
    {
        let text = { (key: AdminPageText) in key.text(in: language) }
        let teacherOptions = staff.filter { $0.membership.role == .teacher }.map { ($0.membership.accountID.rawValue, $0.login) }
        let rows: [HTML] = classes.map { schoolClass, teachers in
            let names = teachers.map { logins[$0] ?? $0.rawValue }.joined(separator: ", ")
            let form = "assign-\(schoolClass.id.rawValue)"
            let assign: HTML = teacherOptions.isEmpty ? .empty : Form.render(
                action: Routes.path(Routes.adminClassTeacherPage, "class_id", schoolClass.id.rawValue),
                csrfToken: token.csrfToken,
                fields: "\(returnField)\(Self.field(form: form, name: "account_id", label: text(.assignTeacherLabel), .select(options: teacherOptions, selected: nil), error: error))",
                submitLabel: text(.assignTeacher))
            return """
                <tr><td>\(schoolClass.name) (\(schoolClass.schoolYearStart)/\(schoolClass.schoolYearStart + 1))</td>\
                <td class="secret">\(names.isEmpty ? text(.noTeachers) : names)</td><td>\(assign)</td></tr>

                """
        }
        let list: HTML = rows.isEmpty ? "<p>\(text(.noClasses))</p>\n" : Self.table(
            headers: [text(.columnClass), text(.columnTeachers), text(.assignTeacherLabel)], rows: rows)
        let form = "class"
        let inputs: HTML = """
            \(returnField)\
            \(Self.field(form: form, name: "grade", label: text(.classGrade), .input(type: "number", value: values["grade"] ?? ""), error: error))\
            \(Self.field(form: form, name: "letter", label: text(.classLetter), .input(type: "text", value: values["letter"] ?? ""), error: error))
            """
        return """
            <h2>\(text(.classesHeading))</h2>
            \(list)<h3>\(text(.classCreateHeading))</h3>
            \(AdminFormError.general(error, form: form))\
            \(Form.render(action: Routes.path(Routes.adminSchoolClassesPage, "school_id", schoolID.rawValue),
                          csrfToken: token.csrfToken, fields: inputs, submitLabel: text(.classCreate)))

            """
    }

    /// The role's name on the page.
    static func roleName(_ role: Role, _ language: MessageLanguage) -> String {
        switch role {
        case .teacher: AdminPageText.roleTeacher.text(in: language)
        case .schoolAdmin: AdminPageText.roleSchoolAdmin.text(in: language)
        default: role.rawValue
        }
    }
}
