import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A batch is acknowledged (202) before its passwords are hashed; a restart must not
/// lose it.
@Suite struct BatchResumeTests {
    @Test("a batch queued before a restart runs to the end when the server starts again")
    func resumesAfterRestart() async throws {
        let state = try TemporaryDirectory(prefix: "schoolid-resume")
        defer { state.remove() }
        let sameState: (inout ServeConfiguration) -> Void = {
            $0.data = state.file("data")
            $0.keys = state.file("keys")
        }
        let context = RequestContext.commandLine(requestID: "resume")
        let first = try await TestServer(configure: sameState)
        let directory = DirectoryService(environment: first.application.environment)
        let school = try await directory.createSchool(by: .commandLine, code: "s99", name: "Школа", region: "77",
                                                      timeZone: nil, context: context)
        let (teacher, _) = try await directory.addStaff(
            by: .commandLine, role: .teacher, schoolID: school.id, login: "s99-teacher",
            profile: try AccountProfile(lastName: "Учитель", firstName: "Анна", patronymic: nil, birthDate: nil),
            context: context)
        let schoolClass = try await directory.createClass(by: .commandLine, schoolID: school.id, grade: 3, letter: "В",
                                                          schoolYearStart: 2026, teacherIDs: [teacher.id], context: context)
        let environment = first.application.environment
        let actor = try await environment.storage.read { tx in
            try Actor.load(teacher.id, session: nil, accounts: tx.accounts, classes: tx.classes)
        }
        // Queued as the API queues it, but the server goes down before the job runs.
        let roster = try (1...5).map { try AccountProfile(lastName: "Ученик", firstName: "№\($0)", patronymic: nil, birthDate: nil) }
        let batch = try await CredentialBatchService(environment: environment)
            .create(by: .person(actor), classID: schoolClass.id, roster: roster, context: context)
        try await first.stop()

        let second = try await TestServer(configure: sameState)
        let service = CredentialBatchService(environment: second.application.environment)
        var status = CredentialBatch.Status.queued
        for _ in 0..<500 where status != .finished && status != .failed {
            try await Task.sleep(for: .milliseconds(20))
            status = try await service.batch(by: .person(actor), id: batch.id).status
        }
        let (_, students) = try await DirectoryService(environment: second.application.environment)
            .roster(by: .commandLine, classID: schoolClass.id)
        try await second.stop()
        #expect(status == .finished)
        #expect(students.count == 5)
    }
}
