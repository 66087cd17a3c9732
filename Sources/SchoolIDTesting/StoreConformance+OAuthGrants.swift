import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A code of `account` for client `diary`, expiring `lifetime` seconds after `t0`.
    static func sampleCode(_ samples: StoreSamples, of account: Account, lifetime: Int64 = 60) -> AuthorizationCode {
        AuthorizationCode(codeHash: samples.bytes(), clientID: "diary", accountID: account.id,
                          sessionTokenHash: samples.bytes(), redirectURI: "https://diary.example/cb",
                          codeChallenge: Base64URL.encode(samples.bytes()), scope: "openid diary", nonce: "n-0S6",
                          createdAt: StoreSamples.t0, expiresAt: StoreSamples.t0.adding(seconds: lifetime),
                          familyID: "fam_" + Base64URL.encode(samples.bytes(16)))
    }

    /// The first refresh token of a family of `account` at `client`.
    static func sampleRefresh(_ samples: StoreSamples, of account: Account, client: String = "diary",
                              family: String? = nil, idle: Int64 = 3_600, absolute: Int64 = 86_400) -> RefreshToken {
        RefreshToken(tokenHash: samples.bytes(), familyID: family ?? "fam_" + Base64URL.encode(samples.bytes(16)),
                     clientID: client, accountID: account.id, sessionTokenHash: samples.bytes(), scope: "openid diary",
                     createdAt: StoreSamples.t0, idleExpiresAt: StoreSamples.t0.adding(seconds: idle),
                     absoluteExpiresAt: StoreSamples.t0.adding(seconds: absolute))
    }

    static let oauthGrantCases: [Case] = [
        Case("an authorization code round-trips every field; a duplicate hash is alreadyExists, an unknown account notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let code = sampleCode(samples, of: directory.student)
            let bare = with(sampleCode(samples, of: directory.student)) { $0.nonce = nil }
            try await storage.write { tx in
                try tx.authorizationCodes.insert(code)
                try tx.authorizationCodes.insert(bare)
            }
            let stored = try await storage.read { tx in
                try [code, bare].map { try tx.authorizationCodes.code(hash: $0.codeHash) }
            }
            #expect(stored == [code, bare])
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.authorizationCodes.insert(code) }
            }
            let stranger = sampleCode(samples, of: samples.account())
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.authorizationCodes.insert(stranger) }
            }
        },
        Case("of 20 concurrent redemptions of one code exactly one consumes it; the rest see the tombstone") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let code = sampleCode(samples, of: directory.student)
            try await storage.write { tx in try tx.authorizationCodes.insert(code) }
            let at = StoreSamples.t0.adding(seconds: 10)
            let results = try await race(storage) { tx in try tx.authorizationCodes.consume(hash: code.codeHash, at: at) }
            #expect(results.filter { $0?.consumedNow == true }.count == 1)
            #expect(results.first { $0?.consumedNow == true }??.code == code)
            #expect(results.filter { $0?.consumedNow == false }.allSatisfy { $0?.code.consumedAt == at })
            #expect(results.filter { $0?.consumedNow == false }.count == 19)
            let unknown = try await storage.write { tx in try tx.authorizationCodes.consume(hash: samples.bytes(), at: at) }
            #expect(unknown == nil)
        },
        Case("a code is redeemable one second before its expiry and not at it; expired codes are deleted") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let early = sampleCode(samples, of: directory.student)
            let late = sampleCode(samples, of: directory.student)
            try await storage.write { tx in
                try tx.authorizationCodes.insert(early)
                try tx.authorizationCodes.insert(late)
            }
            let expiry = early.expiresAt
            let (first, second) = try await storage.write { tx in
                (try tx.authorizationCodes.consume(hash: early.codeHash, at: expiry.adding(seconds: -1)),
                 try tx.authorizationCodes.consume(hash: late.codeHash, at: expiry))
            }
            #expect(first?.consumedNow == true)
            #expect(second == CodeRedemption(code: late, consumedNow: false))
            let kept = try await storage.write { tx in try tx.authorizationCodes.deleteExpired(before: expiry) }
            let deleted = try await storage.write { tx in
                try tx.authorizationCodes.deleteExpired(before: expiry.adding(seconds: 1))
            }
            #expect(kept == 0 && deleted == 2)
        },
        Case("a refresh token round-trips every field; a duplicate hash is alreadyExists, an unknown account notFound") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let token = with(sampleRefresh(samples, of: directory.teacher)) {
                $0.rotatedAt = StoreSamples.t0.adding(seconds: 5)
                $0.revokedAt = StoreSamples.t0.adding(seconds: 6)
            }
            let sessionless = with(sampleRefresh(samples, of: directory.teacher)) { $0.sessionTokenHash = nil }
            try await storage.write { tx in
                try tx.refreshTokens.insert(token)
                try tx.refreshTokens.insert(sessionless)
            }
            let stored = try await storage.read { tx in
                try [token, sessionless].map { try tx.refreshTokens.token(hash: $0.tokenHash) }
            }
            #expect(stored == [token, sessionless])
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.refreshTokens.insert(token) }
            }
            let stranger = sampleRefresh(samples, of: samples.account())
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.refreshTokens.insert(stranger) }
            }
        },
        Case("of 20 concurrent rotations of one refresh token exactly one gets a successor in the same family") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let token = sampleRefresh(samples, of: directory.student)
            try await storage.write { tx in try tx.refreshTokens.insert(token) }
            let at = StoreSamples.t0.adding(seconds: 100)
            let results = try await race(storage) { tx in
                try tx.refreshTokens.rotate(hash: token.tokenHash, to: StoreSamples().bytes(),
                                            idleExpiresAt: at.adding(seconds: 3_600), at: at)
            }
            let winners = results.compactMap { $0?.successor }
            #expect(winners.count == 1)
            #expect(results.filter { $0?.rotatedNow == false }.allSatisfy { $0?.presented.rotatedAt == at })
            let successor = try #require(winners.first)
            #expect(successor.familyID == token.familyID && successor.accountID == token.accountID)
            #expect(successor.clientID == token.clientID && successor.scope == token.scope)
            #expect(successor.sessionTokenHash == token.sessionTokenHash && successor.createdAt == at)
            #expect(successor.absoluteExpiresAt == token.absoluteExpiresAt && successor.isUsable(at: at))
            let family = try await storage.read { tx in try tx.refreshTokens.family(token.familyID) }
            #expect(family == [with(token) { $0.rotatedAt = at }, successor])
        },
        Case("a rotation never moves the idle expiry past the absolute one, and refuses revoked or expired tokens") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let token = sampleRefresh(samples, of: directory.student, idle: 3_600, absolute: 7_200)
            let revoked = with(sampleRefresh(samples, of: directory.student)) { $0.revokedAt = StoreSamples.t0 }
            let idle = sampleRefresh(samples, of: directory.student, idle: 50)
            try await storage.write { tx in for row in [token, revoked, idle] { try tx.refreshTokens.insert(row) } }
            let at = StoreSamples.t0.adding(seconds: 50)
            let rotations = try await storage.write { tx in
                try [token, revoked, idle].map {
                    try tx.refreshTokens.rotate(hash: $0.tokenHash, to: samples.bytes(),
                                                idleExpiresAt: at.adding(seconds: 86_400), at: at)
                }
            }
            #expect(rotations[0]?.successor?.idleExpiresAt == token.absoluteExpiresAt)
            #expect(rotations[1] == RefreshRotation(presented: revoked, successor: nil))
            #expect(rotations[2] == RefreshRotation(presented: idle, successor: nil))
        },
        Case("revoking a family, a client or an account revokes only their tokens, once") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let family = sampleRefresh(samples, of: directory.student)
            let sibling = sampleRefresh(samples, of: directory.student, family: family.familyID)
            let otherClient = sampleRefresh(samples, of: directory.student, client: "attendance")
            let teacher = sampleRefresh(samples, of: directory.teacher)
            try await storage.write { tx in
                for row in [family, sibling, otherClient, teacher] { try tx.refreshTokens.insert(row) }
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let counts = try await storage.write { tx in
                [try tx.refreshTokens.revokeFamily(family.familyID, at: at),
                 try tx.refreshTokens.revokeFamily(family.familyID, at: at),
                 try tx.refreshTokens.revokeAll(clientID: "attendance", at: at),
                 try tx.refreshTokens.revokeAll(accountID: directory.teacher.id, at: at),
                 try tx.refreshTokens.revokeAll(accountID: directory.student.id, at: at)]
            }
            #expect(counts == [2, 0, 1, 1, 0])
            let revoked = try await storage.read { tx in
                try [family, sibling, otherClient, teacher].map { try tx.refreshTokens.token(hash: $0.tokenHash)?.revokedAt }
            }
            #expect(revoked == [at, at, at, at])
        },
        Case("revoking by session revokes only the tokens issued under that session, once") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let first = sampleRefresh(samples, of: directory.student)
            let successor = with(sampleRefresh(samples, of: directory.student, family: first.familyID)) {
                $0.sessionTokenHash = first.sessionTokenHash
            }
            let otherSession = sampleRefresh(samples, of: directory.student)
            let sessionless = with(sampleRefresh(samples, of: directory.student)) { $0.sessionTokenHash = nil }
            try await storage.write { tx in
                for row in [first, successor, otherSession, sessionless] { try tx.refreshTokens.insert(row) }
            }
            let at = StoreSamples.t0.adding(seconds: 10)
            let hash = try #require(first.sessionTokenHash)
            let counts = try await storage.write { tx in
                [try tx.refreshTokens.revokeAll(sessionTokenHash: hash, at: at),
                 try tx.refreshTokens.revokeAll(sessionTokenHash: hash, at: at)]
            }
            #expect(counts == [2, 0])
            let revoked = try await storage.read { tx in
                try [first, successor, otherSession, sessionless].map { try tx.refreshTokens.token(hash: $0.tokenHash)?.revokedAt }
            }
            #expect(revoked == [at, at, nil, nil])
        },
        Case("expired and revoked refresh tokens are deleted; rotated tombstones stay while their family may live") { storage in
            let samples = StoreSamples()
            let directory = try await samples.directory(in: storage)
            let t0 = StoreSamples.t0
            let idle = sampleRefresh(samples, of: directory.student, idle: 100, absolute: 1_000)
            let rotated = with(sampleRefresh(samples, of: directory.student, idle: 100, absolute: 1_000)) {
                $0.rotatedAt = t0.adding(seconds: 10)
            }
            let revoked = with(sampleRefresh(samples, of: directory.student)) { $0.revokedAt = t0.adding(seconds: 100) }
            let live = sampleRefresh(samples, of: directory.student, idle: 5_000, absolute: 5_000)
            try await storage.write { tx in for row in [idle, rotated, revoked, live] { try tx.refreshTokens.insert(row) } }
            let first = try await storage.write { tx in try tx.refreshTokens.deleteExpired(before: t0.adding(seconds: 100)) }
            let second = try await storage.write { tx in try tx.refreshTokens.deleteExpired(before: t0.adding(seconds: 101)) }
            let third = try await storage.write { tx in try tx.refreshTokens.deleteExpired(before: t0.adding(seconds: 1_001)) }
            #expect([first, second, third] == [0, 2, 1])
            let left = try await storage.read { tx in try tx.refreshTokens.token(hash: live.tokenHash) }
            #expect(left == live)
        },
    ]
}
