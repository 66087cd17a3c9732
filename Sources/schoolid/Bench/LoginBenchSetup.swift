import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer

/// The directory the login benchmark needs, made through the Core services: accounts
/// with a permanent password at the user cost, and a teacher with a class for the batch.
struct LoginBenchSetup {
    let environment: ServiceEnvironment
    let logins: [String]
    let teacher: Actor
    let classID: SchoolClass.ID

    static func prepare(_ application: ServerApplication, accounts: Int, password: String) async throws -> LoginBenchSetup {
        let environment = application.environment
        let policies = environment.policies
        let context = RequestContext.commandLine(requestID: "bench")
        let hash = try await environment.hasher.hash(try Password(password, maximumLength: 128),
                                                     cost: policies.passwords.userHashCost, priority: .interactive)
        let logins = (1...accounts).map { String(format: "bench%03d", $0) }
        let now = environment.clock.now()
        let ownerKeys = environment.ownerKeys, random = environment.random
        try await environment.storage.write { tx in
            for login in logins {
                let id = Account.ID.random(using: random)
                let key = try ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
                let profile = try AccountProfile(lastName: "Тестов", firstName: login, patronymic: nil, birthDate: nil)
                try tx.accounts.insert(Account(id: id, category: .adult, login: Login(parsing: login),
                                               profile: profile.sealed(for: id, under: key), createdAt: now))
                try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .permanent, issuedAt: now))
            }
        }
        let directory = DirectoryService(environment: environment)
        let school = try await directory.createSchool(by: .commandLine, code: "bench", name: "Bench", region: "Bench",
                                                      timeZone: nil, context: context)
        let (account, _) = try await directory.addStaff(
            by: .commandLine, role: .teacher, schoolID: school.id, login: "bench-teacher",
            profile: try AccountProfile(lastName: "Учитель", firstName: "Тест", patronymic: nil, birthDate: nil),
            context: context)
        let schoolClass = try await directory.createClass(by: .commandLine, schoolID: school.id, grade: 7, letter: "Б",
                                                          schoolYearStart: nil, teacherIDs: [account.id], context: context)
        let teacher = try await environment.storage.read { tx in
            try Actor.load(account.id, session: nil, accounts: tx.accounts, classes: tx.classes)
        }
        return LoginBenchSetup(environment: environment, logins: logins, teacher: teacher, classID: schoolClass.id)
    }

    /// Submits a roster of `size` students (numbered from `first`), runs it as the server would.
    func submitBatch(size: Int, first: Int = 1) async throws -> CredentialBatch.ID {
        let roster = try (first..<first + size).map {
            try AccountProfile(lastName: "Ученик", firstName: "Номер \($0)", patronymic: nil, birthDate: nil)
        }
        let service = CredentialBatchService(environment: environment)
        let batch = try await service.create(by: .person(teacher), classID: classID, roster: roster,
                                             context: .commandLine(requestID: "bench"))
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        Task.detached { await service.run(batch.id, concurrency: threads) }
        return batch.id
    }

    func waitUntilFinished(_ id: CredentialBatch.ID) async throws {
        let service = CredentialBatchService(environment: environment)
        while true {
            let batch = try await service.batch(by: .person(teacher), id: id)
            if batch.status == .finished { return }
            if batch.status == .failed { throw CommandFailure("the batch failed: \(batch.failureCode ?? "?")") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
