import SchoolIDBase
import SchoolIDCore

/// `schoolid serve --demo` seeding (issue 11): on the first demo start of an
/// installation, a demo school with a class, its teacher, two students from a credential
/// batch (so the teacher console has slips), a guardian linked to the first student, a
/// link code for the second, and the confidential `diary-demo` client — everything
/// through the Core services the API uses, so the demo data obeys every rule real data
/// does and its audit trail reads like a real one.
///
/// The demo school has the code ``schoolCode``; its existence means "seeded". Each demo
/// account and the client get one ``AuditAction/demoSeeded`` event (school the demo
/// school, target the account, detail its kind), which marks them in the audit log and
/// is how a later start lists the logins again. Passwords and secrets exist only in the
/// returned ``DemoWelcome``: they are never stored readable, so a later start cannot
/// show them.
public struct DemoSeed: Sendable {
    /// The demo school's login code: every student login starts with it.
    public static let schoolCode = "demo"
    /// The teacher's login.
    public static let teacherLogin = "demo.teacher"
    /// The guardian's login.
    public static let guardianLogin = "demo.parent"
    /// The guardian's phone: `+7 900` is not a live Russian mobile range, and the demo sink
    /// sends nothing anyway.
    public static let guardianPhone = "+79000000001"
    /// The demo client's id.
    public static let clientID = "diary-demo"
    /// `diary-demo`'s default public origin (`DiaryDemoConfiguration`: listen
    /// `127.0.0.1:8081`, redirect base `http://HOST:PORT`); the client's redirect URI is
    /// this plus `/callback`, its post-logout redirect URI this plus `/`.
    public static let diaryDemoOrigin = "http://127.0.0.1:8081"
    /// The variable `diary-demo` reads its client secret from (`DiaryDemoConfiguration.secretVariable`).
    public static let secretVariable = "DIARY_DEMO_CLIENT_SECRET"

    let environment: ServiceEnvironment
    let attempts: PasswordAttempts
    /// Every seeding action runs in this context: client address `demo`, so the audit
    /// log tells the seed's events from an operator's (`cli`) and from requests.
    let context: RequestContext

    /// - Parameter environment: the server's Core collaborators (`ServerApplication.environment`).
    public init(environment: ServiceEnvironment) {
        self.environment = environment
        attempts = PasswordAttempts(environment: environment)
        context = RequestContext(clientAddress: "demo", requestID: "demo-" + environment.random.token(bytes: 9))
    }

    /// Seeds the installation unless it was seeded before, then says what to show.
    /// - Throws: a `DomainError` or storage error from a Core service; ``Failure`` when
    ///   a step did not end as it must (a batch that failed, a code that never came).
    /// - Returns: the fresh seed with its secrets, or the logins found from an earlier seed.
    public func prepare() async throws -> DemoWelcome {
        let code = try SchoolCode(parsing: Self.schoolCode)
        if let school = try await environment.storage.read({ tx in try tx.schools.school(code: code) }) {
            return try await recall(school)
        }
        return try await seed()
    }

    /// A seeding step that did not end as it must.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The whole seed, in the order a school would do it.
    private func seed() async throws -> DemoWelcome {
        let directory = DirectoryService(environment: environment)
        let school = try await directory.createSchool(by: .commandLine, code: Self.schoolCode, name: "Демо-школа № 1",
                                                      region: "77", timeZone: nil, context: context)
        let (teacher, teacherPassword) = try await addTeacher(school)
        let schoolClass = try await directory.createClass(by: .commandLine, schoolID: school.id, grade: 5, letter: "А",
                                                          schoolYearStart: nil, teacherIDs: [teacher.id],
                                                          context: context)
        let teacherActor = try await actor(teacher.id)
        let students = try await issueStudents(schoolClass, by: teacherActor)
        let (guardian, guardianPassword) = try await registerGuardian()
        _ = try await GuardianshipService(environment: environment, attempts: attempts,
                                          credentials: CredentialBatchService(environment: environment))
            .claim(actor: try await actor(guardian.id), login: students[0].login.rawValue,
                   password: students[0].password, relation: .mother, context: context)
        let (record, linkCode) = try await GuardianshipService(
            environment: environment, attempts: attempts, credentials: CredentialBatchService(environment: environment))
            .issueLinkCode(by: .person(teacherActor), studentID: students[1].accountID, context: context)
        let client = try await ClientService(environment: environment).register(by: .commandLine, Self.clientRegistration(school.id),
                                                                                context: context)
        try await mark(school.id, [(teacher.id, "teacher")] + students.map { ($0.accountID, "student") }
                       + [(guardian.id, "guardian")] + [(nil, "client \(client.client.id.rawValue)")])
        var people = [DemoWelcome.Person(kind: .teacher, login: Self.teacherLogin, name: "Иванова Мария Петровна",
                                         password: teacherPassword)]
        people += students.map { issued in
            DemoWelcome.Person(kind: .student, login: issued.login.rawValue, name: Self.name(issued.profile),
                               password: Secret(issued.password), expiresAt: issued.expiresAt)
        }
        people.append(DemoWelcome.Person(kind: .guardian, login: Self.guardianLogin, name: "Петрова Анна Сергеевна",
                                         password: guardianPassword))
        return DemoWelcome(seeded: true, people: people, clientID: client.client.id.rawValue, clientSecret: client.secret,
                           linkCode: .init(code: Secret(linkCode), studentLogin: students[1].login.rawValue,
                                           expiresAt: record.expiresAt),
                           guardianPhone: Self.guardianPhone,
                           school: "\(school.name) (code \(school.code)), class \(schoolClass.name)")
    }

    /// The demo client: confidential, the `diary-demo` redirect URIs, every grant the demo
    /// uses (code flow, refresh, acting for a child, and `client_credentials` for
    /// acknowledgement requests) and every scope, serving the demo school.
    static func clientRegistration(_ schoolID: School.ID) -> ClientRegistration {
        ClientRegistration(id: clientID, name: "Дневник (демо)", type: "confidential",
                           redirectURIs: [diaryDemoOrigin + "/callback"], postLogoutRedirectURIs: [diaryDemoOrigin + "/"],
                           grants: ["authorization_code", "refresh_token", "client_credentials",
                                    "urn:ietf:params:oauth:grant-type:token-exchange"],
                           scopes: ["openid", "offline_access", "diary", "attendance", "nutrition", "ack:request"],
                           schoolIDs: [schoolID])
    }

    /// Appends one `demo.seeded` event per account (and one for the client) in one unit.
    private func mark(_ schoolID: School.ID, _ items: [(Account.ID?, String)]) async throws {
        let now = environment.clock.now()
        let context = context
        try await environment.storage.write { tx in
            for (accountID, what) in items {
                try tx.audit.append(AuditEvent(at: now, action: .demoSeeded, targetID: accountID, schoolID: schoolID,
                                               clientAddress: context.clientAddress, requestID: context.requestID,
                                               detail: what))
            }
        }
    }

    /// The account as an actor (its classes and links loaded), for services that act as a person.
    func actor(_ id: Account.ID) async throws -> Actor {
        try await environment.storage.read { tx in
            try Actor.load(id, session: nil, accounts: tx.accounts, classes: tx.classes, guardianLinks: tx.guardianLinks)
        }
    }

    /// `Last First Patronymic`.
    static func name(_ profile: AccountProfile) -> String {
        [profile.lastName, profile.firstName, profile.patronymic].compactMap { $0 }.joined(separator: " ")
    }

    /// A password nobody has used: five groups of four from an alphabet without
    /// look-alikes (24 characters, about 125 bits), over every policy minimum.
    func newPassword() -> String {
        let alphabet = Array("23456789abcdefghijkmnpqrstuvwxyz")
        return (0..<5).map { _ in environment.random.string(length: 4, alphabet: alphabet) }.joined(separator: "-")
    }
}
