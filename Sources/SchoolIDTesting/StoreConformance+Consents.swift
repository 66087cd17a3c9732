import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// ``ConsentStore``: append-only records by subject and by giver, and the latest own one.
    static var consentCases: [Case] {
        [
            Case("consents are listed by subject and by giver, oldest first, and the latest own one is the highest version") { storage in
                let samples = StoreSamples()
                let random = SeededRandomSource(seed: 15)
                let guardian = samples.account(login: "guardian1", category: .adult)
                let child = samples.account(login: "child1", category: .student)
                let stranger = samples.account(login: "stranger1", category: .adult)
                let t = UnixTime(seconds: 1_800_000_000)
                let records = [
                    ConsentRecord(id: ConsentRecord.ID.random(using: random), subjectID: guardian.id, givenBy: guardian.id, basis: .own,
                                  textVersion: 1, channel: .web, givenAt: t),
                    ConsentRecord(id: ConsentRecord.ID.random(using: random), subjectID: child.id, givenBy: guardian.id, basis: .legalRepresentative,
                                  textVersion: 1, channel: .api, givenAt: t.adding(seconds: 5)),
                    ConsentRecord(id: ConsentRecord.ID.random(using: random), subjectID: guardian.id, givenBy: guardian.id, basis: .own,
                                  textVersion: 2, channel: .api, givenAt: t.adding(seconds: 10)),
                ]
                try await storage.write { tx in
                    for account in [guardian, child, stranger] { try tx.accounts.insert(account) }
                    for record in records { try tx.consents.insert(record) }
                }
                let (byGuardian, aboutChild, latest, none) = try await storage.read { tx in
                    (try tx.consents.records(givenBy: guardian.id), try tx.consents.records(subject: child.id),
                     try tx.consents.latestOwn(of: guardian.id), try tx.consents.latestOwn(of: stranger.id))
                }
                #expect(byGuardian == records)
                #expect(aboutChild == [records[1]])
                #expect(latest == records[2])
                #expect(none == nil)
            },
            Case("a consent's id is unique and its subject and giver must be accounts") { storage in
                let samples = StoreSamples()
                let random = SeededRandomSource(seed: 15)
                let guardian = samples.account(login: "guardian1", category: .adult)
                let record = ConsentRecord(id: ConsentRecord.ID.random(using: random), subjectID: guardian.id, givenBy: guardian.id, basis: .own,
                                           textVersion: 1, channel: .web, givenAt: UnixTime(seconds: 1_800_000_000))
                let (duplicate, unknown) = try await storage.write { tx in
                    try tx.accounts.insert(guardian)
                    try tx.consents.insert(record)
                    let duplicate = storeError { try tx.consents.insert(record) }
                    var orphan = record
                    orphan.id = ConsentRecord.ID.random(using: random)
                    orphan.subjectID = samples.account(login: "ghost1", category: .adult).id
                    orphan.givenBy = orphan.subjectID
                    return (duplicate, storeError { try tx.consents.insert(orphan) })
                }
                #expect(duplicate == .alreadyExists)
                #expect(unknown == .notFound)
            },
        ]
    }
}
