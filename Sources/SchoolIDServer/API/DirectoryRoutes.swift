import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP

/// The admin JSON API of schools, classes, staff and students.
struct DirectoryRoutes: Sendable {
    let context: APIContext

    func register(in router: inout Router) {
        router.add(.GET, Routes.schools) { try await listSchools($0) }
        router.add(.POST, Routes.schools) { try await createSchool($0) }
        router.add(.GET, Routes.schoolClasses) { try await listClasses($0) }
        router.add(.POST, Routes.schoolClasses) { try await createClass($0) }
        router.add(.POST, Routes.schoolStaff) { try await addStaff($0) }
        router.add(.POST, Routes.classTeachers) { try await assignTeacher($0) }
        router.add(.GET, Routes.classStudents) { try await students($0) }
        router.add(.POST, Routes.enrolmentEnd) { try await endEnrolment($0) }
        router.add(.POST, Routes.accountDisable) { try await changeAccount($0, disable: true) }
        router.add(.POST, Routes.accountUnlock) { try await changeAccount($0, disable: false) }
        router.add(.POST, Routes.accountAssistedReset) { try await assistedReset($0) }
    }

    private func principal(_ request: Request) async throws -> Principal {
        .person(try await context.authenticator.apiActor(request))
    }

    private struct SchoolBody: Codable {
        var id: String?
        let code: String
        let name: String
        let region: String
        let timeZone: String?
        enum CodingKeys: String, CodingKey { case id, code, name, region, timeZone = "time_zone" }

        init(_ school: School) {
            id = school.id.rawValue
            code = school.code.rawValue
            name = school.name
            region = school.region
            timeZone = school.timeZone
        }
    }

    private func createSchool(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let body = try JSONBody.decode(SchoolBody.self, from: request)
        let school = try await context.directory.createSchool(by: principal, code: body.code, name: body.name,
                                                              region: body.region, timeZone: body.timeZone,
                                                              context: APIContext.requestContext(request))
        return .json(SchoolBody(school), status: .created)
    }

    private func listSchools(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        try principal.require(.platformSchoolsManage, in: .platform, roles: context.environment.policies.roles)
        let schools = try await context.environment.storage.read { tx in try tx.schools.schools() }
        return .json(["schools": schools.map(SchoolBody.init)])
    }

    private struct ClassBody: Codable {
        var id: String?
        var schoolID: String?
        let grade: Int
        let letter: String
        let schoolYearStart: Int?
        var name: String?
        let teacherIDs: [String]?
        enum CodingKeys: String, CodingKey {
            case id, schoolID = "school_id", grade, letter, schoolYearStart = "school_year_start", name
            case teacherIDs = "teacher_ids"
        }

        init(_ schoolClass: SchoolClass, teachers: [Account.ID]) {
            id = schoolClass.id.rawValue
            schoolID = schoolClass.schoolID.rawValue
            grade = schoolClass.grade
            letter = String(schoolClass.letter)
            schoolYearStart = schoolClass.schoolYearStart
            name = schoolClass.name
            teacherIDs = teachers.map(\.rawValue)
        }
    }

    private func createClass(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let schoolID: School.ID = try request.identifier("school_id")
        let body = try JSONBody.decode(ClassBody.self, from: request)
        let teachers = try (body.teacherIDs ?? []).map { try Account.ID(parsing: $0) }
        let created = try await context.directory.createClass(by: principal, schoolID: schoolID, grade: body.grade,
                                                              letter: body.letter, schoolYearStart: body.schoolYearStart,
                                                              teacherIDs: teachers, context: APIContext.requestContext(request))
        return .json(ClassBody(created, teachers: teachers), status: .created)
    }

    private func listClasses(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let schoolID: School.ID = try request.identifier("school_id")
        try principal.require(.classRosterRead, in: .school(schoolID), roles: context.environment.policies.roles)
        let classes = try await context.environment.storage.read { tx in
            try tx.classes.classes(in: schoolID, schoolYearStart: nil).map { ($0, try tx.classes.teachers(of: $0.id)) }
        }
        return .json(["classes": classes.map { ClassBody($0.0, teachers: $0.1) }])
    }

    private struct StaffBody: Decodable {
        let role: String
        let login: String
        let lastName: String
        let firstName: String
        let patronymic: String?
        enum CodingKeys: String, CodingKey {
            case role, login, lastName = "last_name", firstName = "first_name", patronymic
        }
    }

    private struct StaffCreated: Encodable {
        let accountID: String
        let login: String?
        let role: String
        let temporaryPassword: String?
        let temporaryPasswordExpiresAt: Int64?
        enum CodingKeys: String, CodingKey {
            case accountID = "account_id", login, role, temporaryPassword = "temporary_password"
            case temporaryPasswordExpiresAt = "temporary_password_expires_at"
        }
    }

    private func addStaff(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let schoolID: School.ID = try request.identifier("school_id")
        let body = try JSONBody.decode(StaffBody.self, from: request)
        guard let role = Role(rawValue: body.role), role == .teacher || role == .schoolAdmin else {
            throw APIError(.roleInvalid, field: "role")
        }
        let profile = try AccountProfile(lastName: body.lastName, firstName: body.firstName, patronymic: body.patronymic,
                                         birthDate: nil)
        let (account, first) = try await context.directory.addStaff(by: principal, role: role, schoolID: schoolID,
                                                                   login: body.login, profile: profile,
                                                                   context: APIContext.requestContext(request))
        return .json(StaffCreated(accountID: account.id.rawValue, login: account.login?.rawValue, role: role.rawValue,
                                  temporaryPassword: first?.text, temporaryPasswordExpiresAt: first?.expiresAt.seconds),
                     status: .created)
    }

    private struct TeacherBody: Decodable {
        let accountID: String
        enum CodingKeys: String, CodingKey { case accountID = "account_id" }
    }

    private func assignTeacher(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let classID: SchoolClass.ID = try request.identifier("class_id")
        let body = try JSONBody.decode(TeacherBody.self, from: request)
        try await context.directory.assignTeacher(by: principal, teacherID: try Account.ID(parsing: body.accountID),
                                                  classID: classID, context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }

    private struct StudentBody: Encodable {
        let accountID: String
        let login: String?
        let enrolmentID: String
        let lastName: String?
        let firstName: String?
        let patronymic: String?
        let locked: Bool
        enum CodingKeys: String, CodingKey {
            case accountID = "account_id", login, enrolmentID = "enrolment_id", lastName = "last_name"
            case firstName = "first_name", patronymic, locked
        }
    }

    private func students(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let (_, students) = try await context.directory.roster(by: principal, classID: try request.identifier("class_id"))
        return .json(["students": students.map {
            StudentBody(accountID: $0.account.id.rawValue, login: $0.account.login?.rawValue,
                        enrolmentID: $0.enrolment.id.rawValue, lastName: $0.profile?.lastName,
                        firstName: $0.profile?.firstName, patronymic: $0.profile?.patronymic,
                        locked: $0.account.lockedAt != nil)
        }])
    }

    private func endEnrolment(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        try await context.directory.endEnrolment(by: principal, enrolmentID: try request.identifier("enrolment_id"),
                                                 context: APIContext.requestContext(request))
        return Response(status: .noContent)
    }

    private func changeAccount(_ request: Request, disable: Bool) async throws -> Response {
        let principal = try await principal(request)
        let accountID: Account.ID = try request.identifier("account_id")
        let requestContext = APIContext.requestContext(request)
        if disable {
            try await context.directory.disableAccount(by: principal, accountID: accountID, context: requestContext)
        } else {
            try await context.directory.unlockAccount(by: principal, accountID: accountID, context: requestContext)
        }
        return Response(status: .noContent)
    }

    private func assistedReset(_ request: Request) async throws -> Response {
        let (account, temporary) = try await context.directory.assistedReset(
            by: try await principal(request), accountID: try request.identifier("account_id"),
            context: APIContext.requestContext(request))
        return .json(CredentialRoutes.ReissueBody(accountID: account.id.rawValue, login: account.login?.rawValue,
                                                  temporaryPassword: temporary.text,
                                                  expiresAt: temporary.expiresAt.seconds))
    }
}
