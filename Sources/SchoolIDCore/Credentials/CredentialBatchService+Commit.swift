import Foundation
import SchoolIDBase

extension CredentialBatchService {
    /// The all-or-nothing unit: logins, accounts, temporary passwords, enrolments, audit
    /// events and the sealed result, in one transaction.
    func commit(_ batch: CredentialBatch, _ schoolClass: SchoolClass, _ school: School, _ roster: [AccountProfile],
                _ passwords: [String], _ hashes: [String]) async throws
    {
        let policies = environment.policies
        let ownerKeys = environment.ownerKeys
        let random = environment.random
        let now = environment.clock.now()
        let expiresAt = now.adding(seconds: policies.credentials.lifetimeSeconds)
        let pattern = policies.credentials.loginPattern
        let values = Self.values(schoolClass, school)
        try await environment.storage.write { tx in
            let sequences = try tx.classes.reserveSequences(in: schoolClass.id, count: roster.count)
            var issued: [IssuedCredential] = []
            for (offset, profile) in roster.enumerated() {
                let login = try Self.freshLogin(pattern, values, sequence: sequences.lowerBound + offset, random: random,
                                                accounts: tx.accounts)
                let id = Account.ID.random(using: random)
                let key = try ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
                try tx.accounts.insert(Account(id: id, category: .student, login: login,
                                               profile: try profile.sealed(for: id, under: key), createdAt: now))
                try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hashes[offset], kind: .temporary,
                                                                  issuedAt: now, expiresAt: expiresAt))
                try tx.accounts.insert(Enrolment(id: .random(using: random), studentID: id, classID: schoolClass.id,
                                                 schoolID: school.id, startedAt: now))
                try tx.audit.append(AuditEvent(at: now, action: .temporaryPasswordIssued, actorID: batch.requestedBy,
                                               targetID: id, schoolID: school.id, clientAddress: "job",
                                               requestID: batch.id.rawValue, detail: "\(schoolClass.name), login \(login)"))
                issued.append(IssuedCredential(accountID: id, login: login, password: passwords[offset], profile: profile,
                                               expiresAt: expiresAt))
            }
            let key = try ownerKeys.key(for: batch.id.rawValue, in: tx.ownerKeys)
            let result = try SealedField.seal(Array(JSONEncoder().encode(issued)), under: key,
                                              for: Self.context(batch.id, "sealed_result"))
            try tx.batches.update(batch.id) { stored in
                stored.status = .finished
                stored.completed = roster.count
                stored.sealedRoster = nil
                stored.sealedResult = result.serialized
                stored.finishedAt = now
                stored.purgeAt = now.adding(seconds: Self.resultRetentionSeconds)
            }
            try tx.audit.append(AuditEvent(at: now, action: .credentialBatchFinished, actorID: batch.requestedBy,
                                           schoolID: school.id, clientAddress: "job", requestID: batch.id.rawValue,
                                           detail: "\(roster.count) students for \(schoolClass.name)"))
        }
    }

    /// The pattern's login for `sequence`, drawing again while a `random` field collides
    /// with a login ever used.
    static func freshLogin(_ pattern: LoginPattern, _ values: LoginPattern.ClassValues, sequence: Int,
                           random: any RandomSource, accounts: any AccountReader) throws -> Login
    {
        for _ in 0..<20 {
            let login = try pattern.login(values, sequence: sequence, random: random)
            if !(try accounts.isLoginTaken(login)) { return login }
        }
        throw DomainError(.loginTaken, detail: "the login pattern produced only used logins")
    }
}
