import Foundation
import SchoolIDBase

extension CredentialBatchService {
    /// Takes one of the two one-time downloads of a finished batch. When both have been
    /// taken the batch's key is destroyed at once.
    /// - Throws: `DomainError` (`.credentialBatchNotFound`, authorisation,
    ///   `.credentialBatchNotFinished`, `.credentialBatchGone`).
    /// - Returns: the batch, its class and school, and the credentials.
    public func download(_ download: CredentialBatch.Download, by principal: Principal, id: CredentialBatch.ID,
                         context: RequestContext) async throws -> (SchoolClass, School, [IssuedCredential])
    {
        let batch = try await batch(by: principal, id: id)
        guard batch.status == .finished else {
            throw DomainError(batch.status == .failed ? .credentialBatchGone : .credentialBatchNotFinished)
        }
        let now = environment.clock.now()
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.write { tx in
            guard let claimed = try tx.batches.claimDownload(download, of: id, at: now), let sealed = claimed.sealedResult,
                  let schoolClass = try tx.classes.schoolClass(claimed.classID),
                  let school = try tx.schools.school(claimed.schoolID)
            else { throw DomainError(.credentialBatchGone) }
            let key = try ownerKeys.key(for: id.rawValue, in: tx.ownerKeys)
            let json = try SealedField(serialized: sealed).open(with: key, for: Self.context(id, "sealed_result"))
            let issued = try JSONDecoder().decode([IssuedCredential].self, from: Data(json))
            try tx.audit.append(AuditEvent(at: now, action: .credentialBatchDownloaded, actorID: principal.accountID,
                                           schoolID: school.id, clientAddress: context.clientAddress,
                                           requestID: context.requestID, detail: "\(id) \(download.rawValue)"))
            if CredentialBatch.Download.allCases.allSatisfy({ $0 == download || claimed.downloadedAt[$0] != nil }) {
                try Self.purge(id, at: now, ownerKeys: ownerKeys, in: tx, reason: "both downloads taken")
            }
            return (schoolClass, school, issued)
        }
    }

    /// Purges every batch whose retention has run out.
    /// - Throws: a store error.
    /// - Returns: how many were purged.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let now = environment.clock.now()
        let ownerKeys = environment.ownerKeys
        // Look first: this runs every 30 seconds and there is usually nothing to purge,
        // so the writer is taken only when there is.
        let due = try await environment.storage.read { tx in try tx.batches.batchesToPurge(at: now) }
        guard !due.isEmpty else { return 0 }
        return try await environment.storage.write { tx in
            let ids = try tx.batches.batchesToPurge(at: now)
            for id in ids { try Self.purge(id, at: now, ownerKeys: ownerKeys, in: tx, reason: "retention ended") }
            return ids.count
        }
    }

    /// Destroys a batch's key and sealed data (crypto-shredding).
    static func purge(_ id: CredentialBatch.ID, at now: UnixTime, ownerKeys: OwnerKeys, in tx: any WriteTransaction,
                      reason: String) throws
    {
        try ownerKeys.destroy(ownerID: id.rawValue, in: tx.ownerKeys)
        let batch = try tx.batches.update(id) { batch in
            batch.sealedRoster = nil
            batch.sealedResult = nil
            batch.purgeAt = nil
        }
        try tx.audit.append(AuditEvent(at: now, action: .credentialBatchPurged, schoolID: batch.schoolID,
                                       clientAddress: "job", requestID: id.rawValue, detail: reason))
    }
}
