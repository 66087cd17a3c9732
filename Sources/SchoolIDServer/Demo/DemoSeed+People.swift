import Foundation
import SchoolIDBase
import SchoolIDCore

extension DemoSeed {
    /// The teacher: added as staff (a single-use first password), then that first
    /// password is used once and replaced, as the teacher would at first login, so the
    /// demo teacher has a permanent password and meets the mandatory second factor at
    /// their own first login (the TOTP step of the tour).
    func addTeacher(_ school: School) async throws -> (Account, Secret<String>) {
        let profile = try AccountProfile(lastName: "Иванова", firstName: "Мария", patronymic: "Петровна", birthDate: nil)
        let (account, first) = try await DirectoryService(environment: environment)
            .addStaff(by: .commandLine, role: .teacher, schoolID: school.id, login: Self.teacherLogin, profile: profile,
                      context: context)
        guard let first else { throw Failure(description: "the login \(Self.teacherLogin) is already in use") }
        let outcome = try await LoginService(environment: environment, attempts: attempts)
            .login(Self.teacherLogin, password: first.text, context: context)
        guard case .passwordChangeRequired(let ticket, _) = outcome else {
            throw Failure(description: "the teacher's first password did not lead to a password change")
        }
        let password = newPassword()
        _ = try await PasswordChangeService(environment: environment, attempts: attempts)
            .change(ticket: ticket.token, newPassword: password, context: context)
        return (account, Secret(password))
    }

    /// Two students issued by the teacher as one credential batch, run to the end here;
    /// the CSV download gives their temporary passwords, the slip page stays for the
    /// teacher's console (until the batch's retention ends).
    func issueStudents(_ schoolClass: SchoolClass, by teacher: Actor) async throws -> [IssuedCredential] {
        let roster = [
            try AccountProfile(lastName: "Смирнов", firstName: "Артём", patronymic: "Ильич", birthDate: nil),
            try AccountProfile(lastName: "Смирнова", firstName: "Алиса", patronymic: "Ильинична", birthDate: nil),
        ]
        let service = CredentialBatchService(environment: environment)
        let queued = try await service.create(by: .person(teacher), classID: schoolClass.id, roster: roster,
                                              context: context)
        await service.run(queued.id, concurrency: 1)
        let batch = try await service.batch(by: .person(teacher), id: queued.id)
        guard batch.status == .finished else {
            throw Failure(description: "the demo credential batch \(batch.id) ended \(batch.status.rawValue)"
                          + (batch.failureCode.map { " (\($0))" } ?? ""))
        }
        let (_, _, issued) = try await service.download(.csv, by: .person(teacher), id: batch.id, context: context)
        guard issued.count == roster.count else { throw Failure(description: "the demo batch issued \(issued.count) logins") }
        return issued
    }

    /// The guardian registers as anyone does (`POST /v1/registrations`, consent to the
    /// current text): the seed then reads the registration SMS from the outbox, as the
    /// phone's owner would read it, confirms with its code, and discards the message
    /// (marked `dropped`: nobody is to receive it) so the console shows no stray code.
    func registerGuardian() async throws -> (Account, Secret<String>) {
        let password = newPassword()
        let registrations = RegistrationService(environment: environment, loginChecks: AddressRateLimiter())
        let ticket = try await registrations.start(
            lastName: "Петрова", firstName: "Анна", patronymic: "Сергеевна", phone: Self.guardianPhone, email: nil,
            password: password, login: Self.guardianLogin, locale: .russian,
            consentVersion: environment.policies.consent.currentTextVersion, channel: .api, context: context)
        let (messageID, code) = try await registrationCode()
        let completed = try await registrations.confirm(ticket.id, code: code, login: nil, context: context)
        try await environment.storage.write { tx in
            try tx.outbox.update(messageID) { DeliveryRetry.markDropped(&$0) }
        }
        return (completed.account, Secret(password))
    }

    /// The newest pending SMS to the guardian's phone and the code in it.
    private func registrationCode() async throws -> (OutboxMessage.ID, String) {
        let keys = environment.dataKeys
        let length = environment.policies.otp.length
        let messages = try await environment.storage.read { tx in try tx.outbox.messages(after: nil, limit: 10_000) }
        for message in messages.reversed() where message.status == .pending && message.channel == .sms {
            let opened = try Courier.open(message, keys: keys)
            guard opened.destination == Self.guardianPhone else { continue }
            let runs = opened.body.split { !$0.isASCII || !$0.isNumber }
            if let code = runs.first(where: { $0.count == length }) { return (message.id, String(code)) }
        }
        throw Failure(description: "no registration code reached the outbox for \(Self.guardianPhone)")
    }

    /// The logins of an earlier seed, from its `demo.seeded` audit events (paged back
    /// through every event of the demo school).
    func recall(_ school: School) async throws -> DemoWelcome {
        var marks: [AuditEvent] = []
        var before: Int64?
        while true {
            let query = AuditQuery(schoolID: school.id, before: before, limit: 1000)
            let page = try await environment.storage.read { tx in try tx.audit.events(query) }
            marks += page.filter { $0.action == .demoSeeded }
            guard page.count == 1000, let last = page.last else { break }
            before = last.sequence
        }
        var welcome = DemoWelcome(seeded: false, people: [])
        for mark in marks.reversed() {
            if mark.detail.hasPrefix("client ") {
                welcome.clientID = String(mark.detail.dropFirst("client ".count))
            } else if let kind = DemoWelcome.Person.Kind(rawValue: mark.detail), let id = mark.targetID,
                      let login = try await environment.storage.read({ tx in try tx.accounts.account(id)?.login })
            {
                welcome.people.append(DemoWelcome.Person(kind: kind, login: login.rawValue))
            }
        }
        guard !welcome.people.isEmpty else {
            throw Failure(description: "a school with the code \(Self.schoolCode) exists but was not seeded by --demo"
                          + " (no demo.seeded events); use another --data directory for the demo")
        }
        return welcome
    }
}
