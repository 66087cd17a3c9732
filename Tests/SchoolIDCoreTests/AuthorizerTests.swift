import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Where each staff role applies, decided by `Authorizer` over the test `roles.json`.
@Suite struct AuthorizerTests {
    static let random = SeededRandomSource(seed: 7)
    static let schoolA = School.ID.random(using: random)
    static let schoolB = School.ID.random(using: random)
    static let class7A = SchoolClass(id: .random(using: random), schoolID: schoolA, grade: 7, letter: "А",
                                     schoolYearStart: 2026, createdAt: UnixTime(seconds: 0))
    static let class7B = SchoolClass(id: .random(using: random), schoolID: schoolA, grade: 7, letter: "Б",
                                     schoolYearStart: 2026, createdAt: UnixTime(seconds: 0))
    static let class5B = SchoolClass(id: .random(using: random), schoolID: schoolB, grade: 5, letter: "Б",
                                     schoolYearStart: 2026, createdAt: UnixTime(seconds: 0))

    static func actor(_ role: Role?, school: School.ID?, teaches: [SchoolClass] = [], category: Account.Category = .adult)
        -> Actor
    {
        let account = Account(id: .random(using: random), category: category, login: nil, profile: [],
                              createdAt: UnixTime(seconds: 0))
        let memberships = role.map { [StaffMembership(accountID: account.id, role: $0, schoolID: school, createdAt: UnixTime(seconds: 0))] } ?? []
        return Actor(account: account, memberships: memberships, taughtClasses: Set(teaches.map(\.id)), session: nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let actor: Actor
        let permission: Permission
        let scope: Authorizer.Scope
        let expected: ErrorCode?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a teacher issues credentials for an assigned class", actor: actor(.teacher, school: schoolA, teaches: [class7B]),
             permission: .credentialsIssue, scope: .schoolClass(class7B), expected: nil),
        Case(name: "a teacher is refused another teacher's class", actor: actor(.teacher, school: schoolA, teaches: [class7B]),
             permission: .credentialsIssue, scope: .schoolClass(class7A), expected: .classNotAssigned),
        Case(name: "a teacher is refused a class of another school even if assigned",
             actor: actor(.teacher, school: schoolA, teaches: [class5B]),
             permission: .credentialsIssue, scope: .schoolClass(class5B), expected: .schoolNotAssigned),
        Case(name: "a school admin is refused a class of another school", actor: actor(.schoolAdmin, school: schoolA),
             permission: .credentialsIssue, scope: .schoolClass(class5B), expected: .schoolNotAssigned),
        Case(name: "a teacher cannot manage the school's staff", actor: actor(.teacher, school: schoolA, teaches: [class7B]),
             permission: .schoolStaffManage, scope: .school(schoolA), expected: .permissionDenied),
        Case(name: "a school admin issues credentials for any class of the school", actor: actor(.schoolAdmin, school: schoolA),
             permission: .credentialsIssue, scope: .schoolClass(class7A), expected: nil),
        Case(name: "a school admin is refused another school", actor: actor(.schoolAdmin, school: schoolA),
             permission: .schoolClassesManage, scope: .school(schoolB), expected: .schoolNotAssigned),
        Case(name: "a school admin cannot create schools", actor: actor(.schoolAdmin, school: schoolA),
             permission: .platformSchoolsManage, scope: .platform, expected: .permissionDenied),
        Case(name: "a platform admin manages every school", actor: actor(.platformAdmin, school: nil),
             permission: .schoolStaffManage, scope: .school(schoolB), expected: nil),
        Case(name: "a platform admin creates schools", actor: actor(.platformAdmin, school: nil),
             permission: .platformSchoolsManage, scope: .platform, expected: nil),
        Case(name: "a student holds no staff permission", actor: actor(nil, school: nil, category: .student),
             permission: .classRosterRead, scope: .schoolClass(class7B), expected: .permissionDenied),
    ]

    @Test("decides by role and scope", arguments: cases)
    func decides(_ testCase: Case) {
        let decision = Authorizer(roles: TestPolicies.set.roles).decide(testCase.actor, testCase.permission, in: testCase.scope)
        #expect(decision.isAllowed == (testCase.expected == nil), "\(decision)")
        #expect(decision.code == testCase.expected)
    }

    @Test("an ended membership grants nothing")
    func endedMembership() {
        let account = Account(id: .random(using: Self.random), category: .adult, login: nil, profile: [],
                              createdAt: UnixTime(seconds: 0))
        let ended = StaffMembership(accountID: account.id, role: .schoolAdmin, schoolID: Self.schoolA,
                                    createdAt: UnixTime(seconds: 0), endedAt: UnixTime(seconds: 10))
        let actor = Actor(account: account, memberships: [ended], taughtClasses: [], session: nil)
        #expect(throws: DomainError(.permissionDenied, detail: "no role of \(account.id) grants credentials.issue")) {
            try Authorizer(roles: TestPolicies.set.roles).require(actor, .credentialsIssue, in: .schoolClass(Self.class7A))
        }
    }
}
