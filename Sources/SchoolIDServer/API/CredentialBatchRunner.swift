import Foundation
import SchoolIDBase
import SchoolIDCore

/// Runs credential batches in the background: one task per batch, hashing on the batch
/// lane; batches interrupted by a restart run again at start, and finished batches are
/// purged when their retention ends.
final class CredentialBatchRunner: Sendable {
    private let service: CredentialBatchService
    /// Hashes in flight per batch: the batch lane's threads.
    private let concurrency: Int

    init(service: CredentialBatchService, concurrency: Int) {
        self.service = service
        self.concurrency = concurrency
    }

    /// Queues a batch and starts it.
    func submit(by principal: Principal, classID: SchoolClass.ID, roster: [AccountProfile], context: RequestContext)
        async throws -> CredentialBatch
    {
        let batch = try await service.create(by: principal, classID: classID, roster: roster, context: context)
        start(batch.id)
        return batch
    }

    private func start(_ id: CredentialBatch.ID) {
        let service = service, concurrency = concurrency
        Task.detached { await service.run(id, concurrency: concurrency) }
    }

    /// Resumes unfinished batches, then purges expired results every 30 seconds until
    /// cancelled.
    func maintain() async {
        for id in (try? await service.unfinished()) ?? [] { start(id) }
        repeat {
            _ = try? await service.purgeExpired()
        } while (try? await Task.sleep(for: .seconds(30))) != nil
    }
}
