import Foundation
import SchoolIDBase

extension CredentialBatchService {
    /// Runs a queued (or interrupted) batch to the end: hashes every password on the
    /// batch lane, `concurrency` at a time, recording progress, then creates every
    /// account in one unit. On failure the batch is marked `failed` with the error code
    /// and nothing else is written.
    /// - Parameter concurrency: hashes in flight (the batch lane's thread count).
    public func run(_ id: CredentialBatch.ID, concurrency: Int) async {
        do {
            try await execute(id, concurrency: max(1, concurrency))
        } catch {
            let code = (error as? DomainError)?.code.rawValue ?? ErrorCode.serverError.rawValue
            let now = environment.clock.now()
            _ = try? await environment.storage.write { tx in
                try tx.batches.update(id) { batch in
                    batch.status = .failed
                    batch.failureCode = code
                    batch.finishedAt = now
                }
            }
        }
    }

    /// Batches left `queued` or `running` (by a restart), to run again.
    /// - Throws: a store error.
    public func unfinished() async throws -> [CredentialBatch.ID] {
        try await environment.storage.read { tx in try tx.batches.unfinishedBatches().map(\.id) }
    }

    private func execute(_ id: CredentialBatch.ID, concurrency: Int) async throws {
        let ownerKeys = environment.ownerKeys
        let loaded = try await environment.storage.read { tx -> (CredentialBatch, SchoolClass, School, [AccountProfile])? in
            guard let batch = try tx.batches.batch(id), batch.status == .queued || batch.status == .running,
                  let sealed = batch.sealedRoster, let schoolClass = try tx.classes.schoolClass(batch.classID),
                  let school = try tx.schools.school(batch.schoolID)
            else { return nil }
            let key = try ownerKeys.key(for: id.rawValue, in: tx.ownerKeys)
            let json = try SealedField(serialized: sealed).open(with: key, for: Self.context(id, "sealed_roster"))
            return (batch, schoolClass, school, try JSONDecoder().decode([AccountProfile].self, from: Data(json)))
        }
        guard let (batch, schoolClass, school, roster) = loaded else { return }
        let policies = environment.policies
        let passwords = roster.map { _ in
            TemporaryPassword(policy: policies.credentials, random: environment.random, expiresAt: UnixTime(seconds: 0))
        }
        try await setProgress(id, status: .running, completed: 0)
        let hashes = try await hashAll(passwords.map(\.password), cost: policies.passwords.temporaryHashCost,
                                       concurrency: concurrency, batch: batch.id)
        try await commit(batch, schoolClass, school, roster, passwords.map(\.text), hashes)
    }

    /// Hashes with at most `concurrency` in flight, writing progress about 20 times.
    private func hashAll(_ passwords: [Password], cost: ScryptCost, concurrency: Int, batch id: CredentialBatch.ID)
        async throws -> [String]
    {
        let hasher = environment.hasher
        var hashes = [String](repeating: "", count: passwords.count)
        let step = max(1, passwords.count / 20)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            var done = 0
            while next < min(concurrency, passwords.count) {
                let index = next
                group.addTask { (index, try await hasher.hash(passwords[index], cost: cost, priority: .batch)) }
                next += 1
            }
            while let (index, hash) = try await group.next() {
                hashes[index] = hash
                done += 1
                if next < passwords.count {
                    let index = next
                    group.addTask { (index, try await hasher.hash(passwords[index], cost: cost, priority: .batch)) }
                    next += 1
                }
                if done % step == 0, done < passwords.count { try await setProgress(id, status: .running, completed: done) }
            }
        }
        return hashes
    }

    private func setProgress(_ id: CredentialBatch.ID, status: CredentialBatch.Status, completed: Int) async throws {
        _ = try await environment.storage.write { tx in
            try tx.batches.update(id) { batch in
                batch.status = status
                batch.completed = completed
            }
        }
    }
}
