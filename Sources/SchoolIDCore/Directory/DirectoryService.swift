import Foundation
import SchoolIDBase

/// Schools, classes and staff: the administrative side of the directory (CLI
/// `schoolid school|class|staff add` and the admin JSON API), each action authorised
/// in one place (``Principal/require(_:in:roles:)``) and audited.
public struct DirectoryService: Sendable {
    /// The lifetime of a staff member's (and the bootstrap admin's) first password.
    public static let initialPasswordSeconds: Int64 = 86_400
    /// Longest school name or region.
    public static let maximumTextLength = 200

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Creates a school.
    /// - Throws: `DomainError` (`.permissionDenied`, `.stepUpRequired`, `.schoolCodeInvalid`, `.textInvalid`,
    ///   `.timeZoneInvalid`, `.schoolCodeTaken`).
    public func createSchool(by principal: Principal, code: String, name: String, region: String, timeZone: String?,
                             context: RequestContext) async throws -> School
    {
        let policies = environment.policies
        try principal.require(.platformSchoolsManage, in: .platform, roles: policies.roles)
        let now = environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        let zone = timeZone ?? School.defaultTimeZone
        guard TimeZone(identifier: zone) != nil else { throw DomainError(.timeZoneInvalid) }
        let school = School(id: .random(using: environment.random), code: try SchoolCode(parsing: code),
                            name: try Self.text(name, field: "name"), region: try Self.text(region, field: "region"),
                            timeZone: zone, createdAt: now)
        try await environment.storage.write { tx in
            do { try tx.schools.insert(school) } catch StoreError.alreadyExists { throw DomainError(.schoolCodeTaken) }
            try tx.audit.append(AuditEvent(at: now, action: .schoolCreated, actorID: principal.accountID,
                                           schoolID: school.id, clientAddress: context.clientAddress,
                                           requestID: context.requestID, detail: "code \(school.code)"))
        }
        return school
    }

    /// Creates a class, optionally assigning teachers.
    /// - Parameter schoolYearStart: the year the school year starts; the current school
    ///   year (calendar policy) when `nil`.
    /// - Throws: `DomainError` (authorisation, `.gradeInvalid`, `.classLetterInvalid`,
    ///   `.schoolYearInvalid`, `.schoolNotFound`, `.classAlreadyExists`, and
    ///   `.accountNotFound` for a teacher who is not a teacher of the school).
    public func createClass(by principal: Principal, schoolID: School.ID, grade: Int, letter: String,
                            schoolYearStart: Int?, teacherIDs: [Account.ID] = [], context: RequestContext) async throws
        -> SchoolClass
    {
        let policies = environment.policies
        try principal.require(.schoolClassesManage, in: .school(schoolID), roles: policies.roles)
        guard SchoolClass.grades.contains(grade) else { throw DomainError(.gradeInvalid) }
        let letters = Array(letter.trimmingCharacters(in: .whitespaces).uppercased())
        guard letters.count == 1, SchoolClass.letters.contains(letters[0]) else { throw DomainError(.classLetterInvalid) }
        let now = environment.clock.now()
        let year = schoolYearStart ?? policies.calendar.schoolYear(containing: now).startYear
        guard (2000...2100).contains(year) else { throw DomainError(.schoolYearInvalid) }
        let schoolClass = SchoolClass(id: .random(using: environment.random), schoolID: schoolID, grade: grade,
                                      letter: letters[0], schoolYearStart: year, createdAt: now)
        try await environment.storage.write { tx in
            guard try tx.schools.school(schoolID) != nil else { throw DomainError(.schoolNotFound) }
            do { try tx.classes.insert(schoolClass) } catch StoreError.alreadyExists {
                throw DomainError(.classAlreadyExists)
            }
            try tx.audit.append(AuditEvent(at: now, action: .classCreated, actorID: principal.accountID, schoolID: schoolID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "\(schoolClass.name) \(year)/\(year + 1)"))
            for teacherID in teacherIDs {
                try Self.assign(teacherID, to: schoolClass, by: principal, at: now, in: tx, context: context)
            }
        }
        return schoolClass
    }

    /// Assigns a teacher of the class's school to the class.
    /// - Throws: `DomainError` (authorisation, `.classNotFound`, `.accountNotFound`).
    public func assignTeacher(by principal: Principal, teacherID: Account.ID, classID: SchoolClass.ID,
                              context: RequestContext) async throws
    {
        let roles = environment.policies.roles
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            guard let schoolClass = try tx.classes.schoolClass(classID) else { throw DomainError(.classNotFound) }
            try principal.require(.schoolClassesManage, in: .school(schoolClass.schoolID), roles: roles)
            try Self.assign(teacherID, to: schoolClass, by: principal, at: now, in: tx, context: context)
        }
    }

    static func assign(_ teacherID: Account.ID, to schoolClass: SchoolClass, by principal: Principal, at now: UnixTime,
                       in tx: any WriteTransaction, context: RequestContext) throws
    {
        let isTeacher = try tx.accounts.memberships(of: teacherID).contains {
            $0.role == .teacher && $0.schoolID == schoolClass.schoolID && $0.endedAt == nil
        }
        guard isTeacher else { throw DomainError(.accountNotFound, detail: "not a teacher of this school") }
        try tx.classes.assign(teacher: teacherID, to: schoolClass.id)
        try tx.audit.append(AuditEvent(at: now, action: .teacherAssigned, actorID: principal.accountID,
                                       targetID: teacherID, schoolID: schoolClass.schoolID,
                                       clientAddress: context.clientAddress, requestID: context.requestID,
                                       detail: schoolClass.name))
    }

    /// Validates a school name or region.
    static func text(_ value: String, field: String) throws(DomainError) -> String {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maximumTextLength).contains(text.count),
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw DomainError(.textInvalid, detail: field) }
        return text
    }
}
