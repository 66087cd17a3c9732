import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A confidential sample client serving `schools`.
    static func sampleClient(_ id: String = "diary-one", schools: [School.ID] = []) -> OAuthClient {
        OAuthClient(
            id: OAuthClient.ID(rawValue: id)!, name: "Diary One", type: .confidential,
            redirectURIs: ["https://diary.example/callback", "http://127.0.0.1:8080/cb"],
            postLogoutRedirectURIs: ["https://diary.example/bye"], grants: [.refreshToken, .authorizationCode],
            scopes: [.openid, .diary, .acknowledgementRequest], audience: "https://diary.example", schoolIDs: schools,
            firstParty: true, accessTokenAlgorithm: .EdDSA, idTokenAlgorithm: .RS256,
            secret: OAuthClient.SecretHashes(current: [UInt8](repeating: 7, count: 32)), createdAt: StoreSamples.t0)
    }

    /// ``ClientStore``: insert, read back every field, list by id, update in place.
    static var clientCases: [Case] {
        [
            Case("a client reads back field for field, with its schools, and clients are listed by id") { storage in
                let samples = StoreSamples()
                let school = samples.school()
                let other = samples.school(code: "s58", name: "Школа № 58")
                let client = sampleClient("diary-two", schools: [school.id, other.id])
                let bare = OAuthClient(
                    id: OAuthClient.ID(rawValue: "api-only")!, name: "API", type: .public, redirectURIs: [],
                    postLogoutRedirectURIs: [], grants: [], scopes: [], audience: "api-only", schoolIDs: [],
                    firstParty: false, accessTokenAlgorithm: .ES256, idTokenAlgorithm: .ES256, secret: nil,
                    createdAt: StoreSamples.t0)
                try await storage.write { tx in
                    try tx.schools.insert(school)
                    try tx.schools.insert(other)
                    try tx.clients.insert(client)
                    try tx.clients.insert(bare)
                }
                let (found, all, missing) = try await storage.read { tx in
                    (try tx.clients.client(client.id), try tx.clients.clients(),
                     try tx.clients.client(OAuthClient.ID(rawValue: "nobody")!))
                }
                #expect(found == client)
                #expect(all == [bare, client])
                #expect(missing == nil)
            },
            Case("a client id is unique and its schools must exist") { storage in
                let samples = StoreSamples()
                let (duplicate, unknownSchool, stored) = try await storage.write { tx in
                    try tx.clients.insert(sampleClient())
                    let duplicate = storeError { try tx.clients.insert(sampleClient()) }
                    let orphan = storeError { try tx.clients.insert(sampleClient("orphan", schools: [samples.school().id])) }
                    return (duplicate, orphan, try tx.clients.clients().map(\.id.rawValue))
                }
                #expect(duplicate == .alreadyExists)
                #expect(unknownSchool == .notFound)
                #expect(stored == ["diary-one"])
            },
            Case("an update changes status, secrets and schools together, and an unknown id is not found") { storage in
                let samples = StoreSamples()
                let school = samples.school()
                let later = StoreSamples.t0.adding(seconds: 60)
                try await storage.write { tx in
                    try tx.schools.insert(school)
                    try tx.clients.insert(sampleClient())
                }
                let (updated, missing) = try await storage.write { tx in
                    let updated = try tx.clients.update(OAuthClient.ID(rawValue: "diary-one")!) { client in
                        client.status = .disabled
                        client.disabledAt = later
                        client.secret = OAuthClient.SecretHashes(current: [UInt8](repeating: 9, count: 32),
                                                                 previous: [UInt8](repeating: 7, count: 32),
                                                                 previousExpiresAt: later)
                        client.schoolIDs = [school.id]
                    }
                    let missing = storeError { try tx.clients.update(OAuthClient.ID(rawValue: "nobody")!) { _ in } }
                    return (updated, missing)
                }
                let reread = try await storage.read { tx in try tx.clients.client(updated.id) }
                #expect(reread == updated)
                #expect(reread?.status == .disabled && reread?.schoolIDs == [school.id])
                #expect(missing == .notFound)
            },
        ]
    }
}
