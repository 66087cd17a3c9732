import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    static let tokenRevocationCases: [Case] = [
        Case("a revoked access token is listed once, by jti, until retention deletes it after its expiry") { storage in
            let revoked = RevokedAccessToken(jwtID: "jti-1", clientID: "diary", expiresAt: StoreSamples.t0.adding(seconds: 300),
                                             revokedAt: StoreSamples.t0)
            try await storage.write { tx in
                try tx.revokedAccessTokens.insert(revoked)
                try tx.revokedAccessTokens.insert(revoked)  // insert-or-ignore
            }
            let listed = try await storage.read { tx in
                (try tx.revokedAccessTokens.contains(jwtID: "jti-1"), try tx.revokedAccessTokens.contains(jwtID: "jti-2"))
            }
            #expect(listed == (true, false))
            let kept = try await storage.write { tx in try tx.revokedAccessTokens.deleteExpired(before: revoked.expiresAt) }
            let deleted = try await storage.write { tx in
                try tx.revokedAccessTokens.deleteExpired(before: revoked.expiresAt.adding(seconds: 1))
            }
            #expect(kept == 0 && deleted == 1)
            #expect(try await storage.read { tx in try tx.revokedAccessTokens.contains(jwtID: "jti-1") } == false)
        },
        Case("revokeFamily marks the family revoked, even without stored members, until the longest access token expired") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let token = sampleRefresh(samples, of: directory.student)
            let other = sampleRefresh(samples, of: directory.student)
            try await storage.write { tx in
                try tx.refreshTokens.insert(token)
                try tx.refreshTokens.insert(other)
            }
            let at = StoreSamples.t0.adding(seconds: 5)
            let counts = try await storage.write { tx in
                (try tx.refreshTokens.revokeFamily(token.familyID, at: at),
                 try tx.refreshTokens.revokeFamily("fam_code_only", at: at))
            }
            #expect(counts == (1, 0))
            let marks = try await storage.read { tx in
                try [token.familyID, "fam_code_only", other.familyID].map { try tx.refreshTokens.isFamilyRevoked($0) }
            }
            #expect(marks == [true, true, false])
            let end = at.adding(seconds: TokenPolicy.maximumAccessTokenSeconds)
            let kept = try await storage.write { tx in try tx.revokedAccessTokens.deleteExpired(before: end) }
            let deleted = try await storage.write { tx in try tx.revokedAccessTokens.deleteExpired(before: end.adding(seconds: 1)) }
            #expect(kept == 0 && deleted == 2)
            #expect(try await storage.read { tx in try tx.refreshTokens.isFamilyRevoked(token.familyID) } == false)
        },
        Case("isEveryMemberRevoked: no for an unknown or live family (rotated members included), yes once every member is revoked") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let token = sampleRefresh(samples, of: directory.student)
            try await storage.write { tx in try tx.refreshTokens.insert(token) }
            let at = StoreSamples.t0.adding(seconds: 10)
            let successor = try await storage.write { tx in
                try tx.refreshTokens.rotate(hash: token.tokenHash, to: samples.bytes(), idleExpiresAt: at.adding(seconds: 600),
                                            at: at)?.successor
            }
            try #require(successor != nil)
            func everyMemberRevoked() async throws -> [Bool] {
                try await storage.read { tx in
                    try [token.familyID, "fam_unknown"].map { try tx.refreshTokens.isEveryMemberRevoked($0) }
                }
            }
            #expect(try await everyMemberRevoked() == [false, false])
            try await storage.write { tx in try tx.refreshTokens.revokeAll(accountID: directory.student.id, at: at) }
            #expect(try await everyMemberRevoked() == [true, false])
            #expect(try await storage.read { tx in try tx.refreshTokens.isFamilyRevoked(token.familyID) } == false)
        },
    ]
}
