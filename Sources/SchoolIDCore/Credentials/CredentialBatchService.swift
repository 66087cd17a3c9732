import Foundation
import SchoolIDBase

/// Issuing class credentials in bulk: a roster becomes a batch job (`202` and progress),
/// then, all or nothing, one student account per entry with a login from the policy
/// pattern (one class shares its leading characters) and a temporary password.
///
/// The plaintext passwords exist only in the batch's sealed result, under the batch's
/// own key, for at most ``resultRetentionSeconds``; the slip page and the CSV can each be
/// taken once, then the key is destroyed.
public struct CredentialBatchService: Sendable {
    /// How long a finished batch keeps its passwords.
    public static let resultRetentionSeconds: Int64 = 15 * 60

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Queues a batch for a class; run it with ``run(_:concurrency:)``.
    /// - Throws: `DomainError` (`.classNotFound`, authorisation, `.rosterEmpty`).
    /// - Returns: the queued batch.
    public func create(by principal: Principal, classID: SchoolClass.ID, roster: [AccountProfile],
                       context: RequestContext) async throws -> CredentialBatch
    {
        guard !roster.isEmpty else { throw DomainError(.rosterEmpty) }
        guard let requester = principal.accountID else { throw DomainError(.unauthorized) }
        let policies = environment.policies
        let roles = policies.roles
        let now = environment.clock.now()
        let id = CredentialBatch.ID.random(using: environment.random)
        let random = environment.random
        let ownerKeys = environment.ownerKeys
        let rosterJSON = Array(try JSONEncoder().encode(roster))
        return try await environment.storage.write { tx in
            guard let schoolClass = try tx.classes.schoolClass(classID) else { throw DomainError(.classNotFound) }
            try principal.require(.credentialsIssue, in: .schoolClass(schoolClass), roles: roles)
            // Refuse now rather than after every password is hashed: a roster longer than
            // the pattern's student field can number never fits.
            if let school = try tx.schools.school(schoolClass.schoolID) {
                _ = try policies.credentials.loginPattern.login(Self.values(schoolClass, school), sequence: roster.count,
                                                                random: random)
            }
            let key = try ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            let sealed = try SealedField.seal(rosterJSON, under: key, for: Self.context(id, "sealed_roster"))
            let batch = CredentialBatch(id: id, schoolID: schoolClass.schoolID, classID: classID, requestedBy: requester,
                                        total: roster.count, sealedRoster: sealed.serialized, createdAt: now)
            try tx.batches.insert(batch)
            try tx.audit.append(AuditEvent(at: now, action: .credentialBatchCreated, actorID: requester,
                                           schoolID: schoolClass.schoolID, clientAddress: context.clientAddress,
                                           requestID: context.requestID,
                                           detail: "\(id): \(roster.count) students for \(schoolClass.name)"))
            return batch
        }
    }

    /// A batch and its progress, for the requester or anyone who may issue credentials
    /// in its class.
    /// - Throws: `DomainError` (`.credentialBatchNotFound`, authorisation).
    public func batch(by principal: Principal, id: CredentialBatch.ID) async throws -> CredentialBatch {
        let roles = environment.policies.roles
        return try await environment.storage.read { tx in
            guard let batch = try tx.batches.batch(id), let schoolClass = try tx.classes.schoolClass(batch.classID) else {
                throw DomainError(.credentialBatchNotFound)
            }
            if principal.accountID != batch.requestedBy {
                try principal.require(.credentialsIssue, in: .schoolClass(schoolClass), roles: roles)
            }
            return batch
        }
    }

    /// What a class contributes to its students' logins.
    static func values(_ schoolClass: SchoolClass, _ school: School) -> LoginPattern.ClassValues {
        LoginPattern.ClassValues(schoolCode: school.code, schoolYearStart: schoolClass.schoolYearStart,
                                 grade: schoolClass.grade, letterIndex: schoolClass.letterIndex)
    }

    static func context(_ id: CredentialBatch.ID, _ column: String) -> SealedField.Context {
        SealedField.Context(table: "credential_batches", column: column, rowID: id.rawValue)
    }
}
