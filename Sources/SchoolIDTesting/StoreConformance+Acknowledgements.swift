import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// ``AcknowledgementStore``: insert, read back by id, by (client, document, digest)
    /// and by student; the idempotency key and the foreign keys hold.
    static var acknowledgementCases: [Case] {
        [
            Case("an acknowledgement reads back field for field by id, by its client document and digest, and by student") { storage in
                let samples = StoreSamples()
                let random = SeededRandomSource(seed: 20)
                let child = samples.account(login: "child1", category: .student)
                let other = samples.account(login: "child2", category: .student)
                let client = sampleClient()
                let digest = String(repeating: "ab", count: 32)
                let first = Acknowledgement(
                    id: .random(using: random), clientID: client.id, studentID: child.id, documentID: "note-1",
                    digest: digest, sealedTitle: samples.bytes(48), deadline: StoreSamples.t0.adding(seconds: 86_400),
                    createdAt: StoreSamples.t0)
                let second = Acknowledgement(
                    id: .random(using: random), clientID: client.id, studentID: child.id, documentID: "note-2",
                    digest: digest, sealedTitle: samples.bytes(48), deadline: nil,
                    createdAt: StoreSamples.t0.adding(seconds: 10))
                try await storage.write { tx in
                    for account in [child, other] { try tx.accounts.insert(account) }
                    try tx.clients.insert(client)
                    try tx.acknowledgements.insert(second)
                    try tx.acknowledgements.insert(first)
                }
                let (byID, byKey, missing, ofChild, ofOther) = try await storage.read { tx in
                    (try tx.acknowledgements.acknowledgement(first.id),
                     try tx.acknowledgements.acknowledgement(client: client.id, documentID: "note-2", digest: digest),
                     try tx.acknowledgements.acknowledgement(client: client.id, documentID: "note-2",
                                                             digest: String(repeating: "cd", count: 32)),
                     try tx.acknowledgements.acknowledgements(ofStudent: child.id),
                     try tx.acknowledgements.acknowledgements(ofStudent: other.id))
                }
                #expect(byID == first)
                #expect(byKey == second)
                #expect(missing == nil)
                #expect(ofChild == [first, second])
                #expect(ofOther.isEmpty)
            },
            Case("an acknowledgement is unique per client, document and digest, and needs a known student and client") { storage in
                let samples = StoreSamples()
                let random = SeededRandomSource(seed: 21)
                let child = samples.account(login: "child1", category: .student)
                let other = samples.account(login: "child2", category: .student)
                let client = sampleClient()
                let request = Acknowledgement(
                    id: .random(using: random), clientID: client.id, studentID: child.id, documentID: "note-1",
                    digest: String(repeating: "0f", count: 32), sealedTitle: samples.bytes(48), deadline: nil,
                    createdAt: StoreSamples.t0)
                let (sameID, sameKey, unknownStudent, unknownClient) = try await storage.write { tx in
                    for account in [child, other] { try tx.accounts.insert(account) }
                    try tx.clients.insert(client)
                    try tx.acknowledgements.insert(request)
                    let sameID = storeError { try tx.acknowledgements.insert(request) }
                    var again = request
                    again.id = .random(using: random)
                    again.studentID = other.id
                    let sameKey = storeError { try tx.acknowledgements.insert(again) }
                    var orphan = request
                    orphan.id = .random(using: random)
                    orphan.documentID = "note-2"
                    orphan.studentID = samples.account(login: "ghost1").id
                    let unknownStudent = storeError { try tx.acknowledgements.insert(orphan) }
                    orphan.studentID = child.id
                    orphan.clientID = OAuthClient.ID(rawValue: "diary-none")!
                    return (sameID, sameKey, unknownStudent, storeError { try tx.acknowledgements.insert(orphan) })
                }
                #expect(sameID == .alreadyExists)
                #expect(sameKey == .alreadyExists)
                #expect(unknownStudent == .notFound)
                #expect(unknownClient == .notFound)
            },
        ]
    }
}
