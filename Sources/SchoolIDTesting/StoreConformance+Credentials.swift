import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let credentialCases: [Case] = [
        Case("a password round-trips every field and setting it again replaces it; unknown account is notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let temporary = PasswordCredential(
                accountID: directory.student.id, hash: "$scrypt$ln=14,r=8,p=1$c2FsdA$aGFzaA", kind: .temporary,
                issuedAt: StoreSamples.t0, expiresAt: StoreSamples.t0.adding(seconds: 30 * 86_400), singleUse: true,
                usedAt: StoreSamples.t0.adding(seconds: 3))
            let permanent = PasswordCredential(accountID: directory.student.id, hash: "$scrypt$ln=17,r=8,p=1$c2FsdA$bmV3",
                                               kind: .permanent, issuedAt: StoreSamples.t0.adding(seconds: 9))
            try await storage.write { tx in try tx.credentials.setPassword(temporary) }
            #expect(try await storage.read { tx in try tx.credentials.password(of: directory.student.id) } == temporary)
            try await storage.write { tx in try tx.credentials.setPassword(permanent) }
            #expect(try await storage.read { tx in try tx.credentials.password(of: directory.student.id) } == permanent)
            #expect(try await storage.read { tx in try tx.credentials.password(of: directory.teacher.id) } == nil)
            let stranger = with(permanent) {
                $0.accountID = samples.account().id
            }
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.credentials.setPassword(stranger) } }
        },
        Case("a single-use password is consumed once, only with its hash, only while unexpired") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let student = directory.student.id
            let expiry = StoreSamples.t0.adding(seconds: 86_400)
            let credential = PasswordCredential(accountID: student, hash: "$scrypt$one", kind: .temporary,
                                                issuedAt: StoreSamples.t0, expiresAt: expiry, singleUse: true)
            let plain = PasswordCredential(accountID: directory.teacher.id, hash: "$scrypt$two", kind: .permanent,
                                           issuedAt: StoreSamples.t0)
            try await storage.write { tx in
                try tx.credentials.setPassword(credential)
                try tx.credentials.setPassword(plain)
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let outcomes = try await storage.write { tx in
                [try tx.credentials.consumeSingleUse(of: student, hash: "$scrypt$other", at: at),
                 try tx.credentials.consumeSingleUse(of: student, hash: "$scrypt$one", at: expiry),
                 try tx.credentials.consumeSingleUse(of: directory.teacher.id, hash: "$scrypt$two", at: at),
                 try tx.credentials.consumeSingleUse(of: samples.account().id, hash: "$scrypt$one", at: at),
                 try tx.credentials.consumeSingleUse(of: student, hash: "$scrypt$one", at: expiry.adding(seconds: -1)),
                 try tx.credentials.consumeSingleUse(of: student, hash: "$scrypt$one", at: at)]
            }
            #expect(outcomes == [false, false, false, false, true, false])
            #expect(try await storage.read { tx in try tx.credentials.password(of: student)?.usedAt } == expiry.adding(seconds: -1))
        },
        Case("a single-use password consumed from 20 concurrent units succeeds exactly once") { storage in
            let directory = try await StoreSamples().directory(in: storage)
            let student = directory.student.id
            try await storage.write { tx in
                try tx.credentials.setPassword(PasswordCredential(accountID: student, hash: "$scrypt$x", kind: .temporary,
                                                                  issuedAt: StoreSamples.t0, singleUse: true))
            }
            let results = try await race(storage) { tx in
                try tx.credentials.consumeSingleUse(of: student, hash: "$scrypt$x", at: StoreSamples.t0.adding(seconds: 1))
            }
            #expect(results.filter { $0 }.count == 1)
        },
        Case("failure counters count up per key, clear, and are collected by last failure time") { storage in
            let samples = StoreSamples()
            let (key, other) = (samples.bytes(), samples.bytes())
            let t0 = StoreSamples.t0
            let counters = try await storage.write { tx in
                [try tx.credentials.recordFailure(key, at: t0), try tx.credentials.recordFailure(key, at: t0.adding(seconds: 5)),
                 try tx.credentials.recordFailure(other, at: t0.adding(seconds: 7))]
            }
            #expect(counters == [FailureCounter(key: key, failures: 1, lastFailureAt: t0),
                                 FailureCounter(key: key, failures: 2, lastFailureAt: t0.adding(seconds: 5)),
                                 FailureCounter(key: other, failures: 1, lastFailureAt: t0.adding(seconds: 7))])
            #expect(try await storage.read { tx in try tx.credentials.failureCounter(key) } == counters[1])
            try await storage.write { tx in try tx.credentials.clearFailures(key) }
            #expect(try await storage.read { tx in try tx.credentials.failureCounter(key) } == nil)
            let restarted = try await storage.write { tx in try tx.credentials.recordFailure(key, at: t0.adding(seconds: 9)) }
            #expect(restarted.failures == 1)
            // `other` failed at t0+7: kept by a cutoff at t0+7, collected by t0+8.
            #expect(try await storage.write { tx in try tx.credentials.deleteFailureCounters(before: t0.adding(seconds: 7)) } == 0)
            #expect(try await storage.write { tx in try tx.credentials.deleteFailureCounters(before: t0.adding(seconds: 8)) } == 1)
            let (gone, kept) = try await storage.read { tx in
                (try tx.credentials.failureCounter(other), try tx.credentials.failureCounter(key))
            }
            #expect(gone == nil)
            #expect(kept?.failures == 1)
        },
    ]

    static let batchCases: [Case] = [
        Case("a batch round-trips every field and updates in place; duplicate is alreadyExists, unknown notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let queued = samples.batch(of: directory.schoolClass, by: directory.teacher)
            let finished = with(samples.finishedBatch(of: directory.schoolClass, by: directory.teacher)) {
                $0.downloadedAt = [.csv: StoreSamples.t0.adding(seconds: 3)]
            }
            let failed = with(samples.batch(of: directory.schoolClass, by: directory.teacher)) {
                $0.status = .failed
                $0.failureCode = "roster_invalid"
                $0.sealedRoster = nil
            }
            try await storage.write { tx in
                for batch in [queued, finished, failed] { try tx.batches.insert(batch) }
            }
            let stored = try await storage.read { tx in try [queued, finished, failed].map { try tx.batches.batch($0.id) } }
            #expect(stored == [queued, finished, failed])
            let updated = try await storage.write { tx in
                try tx.batches.update(queued.id) { batch in
                    batch.status = .running
                    batch.completed = 12
                    batch.downloadedAt[.slips] = StoreSamples.t0.adding(seconds: 4)
                }
            }
            #expect(try await storage.read { tx in try tx.batches.batch(queued.id) } == updated)
            #expect(updated.completed == 12 && updated.downloadedAt == [.slips: StoreSamples.t0.adding(seconds: 4)])
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.batches.insert(queued) } }
            let unknown = samples.batch(of: directory.schoolClass, by: directory.teacher).id
            await #expect(throws: StoreError.notFound) { try await storage.write { tx in try tx.batches.update(unknown) { _ in } } }
        },
        Case("unfinished batches are listed oldest first and purgeable ones by purge time") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let running = with(samples.batch(of: directory.schoolClass, by: directory.teacher)) {
                $0.status = .running
            }
            let queued = with(samples.batch(of: directory.schoolClass, by: directory.teacher)) {
                $0.createdAt = StoreSamples.t0.adding(seconds: 5)
            }
            let finished = samples.finishedBatch(of: directory.schoolClass, by: directory.teacher,
                                                 purgeAt: StoreSamples.t0.adding(seconds: 900))
            let purged = with(samples.finishedBatch(of: directory.schoolClass, by: directory.teacher,
                                                    purgeAt: StoreSamples.t0.adding(seconds: 100))) {
                $0.sealedRoster = nil
                $0.sealedResult = nil
            }
            try await storage.write { tx in
                for batch in [queued, running, finished, purged] { try tx.batches.insert(batch) }
            }
            let (unfinished, before, at) = try await storage.read { tx in
                (try tx.batches.unfinishedBatches().map(\.id), try tx.batches.batchesToPurge(at: StoreSamples.t0.adding(seconds: 899)),
                 try tx.batches.batchesToPurge(at: StoreSamples.t0.adding(seconds: 900)))
            }
            #expect(unfinished == [running.id, queued.id])
            #expect(before.isEmpty)
            #expect(at == [finished.id])
        },
        Case("each download of a finished batch is claimed once, only while its result is held") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let purgeAt = StoreSamples.t0.adding(seconds: 900)
            let finished = samples.finishedBatch(of: directory.schoolClass, by: directory.teacher, purgeAt: purgeAt)
            let late = samples.finishedBatch(of: directory.schoolClass, by: directory.teacher, purgeAt: purgeAt)
            let running = with(samples.batch(of: directory.schoolClass, by: directory.teacher)) {
                $0.status = .running
                $0.purgeAt = purgeAt
                $0.sealedResult = samples.bytes()
            }
            let emptied = with(samples.finishedBatch(of: directory.schoolClass, by: directory.teacher, purgeAt: purgeAt)) {
                $0.sealedResult = nil
            }
            try await storage.write { tx in
                for batch in [finished, late, running, emptied] { try tx.batches.insert(batch) }
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let claims = try await storage.write { tx in
                [try tx.batches.claimDownload(.slips, of: finished.id, at: at),
                 try tx.batches.claimDownload(.slips, of: finished.id, at: at),
                 try tx.batches.claimDownload(.csv, of: finished.id, at: at),
                 try tx.batches.claimDownload(.csv, of: late.id, at: purgeAt),
                 try tx.batches.claimDownload(.slips, of: late.id, at: purgeAt.adding(seconds: -1)),
                 try tx.batches.claimDownload(.csv, of: running.id, at: at),
                 try tx.batches.claimDownload(.csv, of: emptied.id, at: at),
                 try tx.batches.claimDownload(.csv, of: samples.batch(of: directory.schoolClass, by: directory.teacher).id, at: at)]
            }
            #expect(claims.map { $0 != nil } == [true, false, true, false, true, false, false, false])
            #expect(claims[0]?.sealedResult == finished.sealedResult)
            #expect(claims[2]?.downloadedAt == [.slips: at, .csv: at])
        },
        Case("a download claimed from 20 concurrent units is handed out exactly once") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let batch = samples.finishedBatch(of: directory.schoolClass, by: directory.teacher)
            try await storage.write { tx in try tx.batches.insert(batch) }
            let results = try await race(storage) { tx in
                try tx.batches.claimDownload(.slips, of: batch.id, at: StoreSamples.t0.adding(seconds: 1)) != nil
            }
            #expect(results.filter { $0 }.count == 1)
        },
    ]
}
