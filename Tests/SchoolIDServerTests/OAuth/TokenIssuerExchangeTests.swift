import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

/// ``TokenIssuer/delegatedAccessToken(for:subjectToken:clientID:audience:scopes:algorithm:at:)``
/// on its own: what it copies from the subject token and how long it lives (RFC 8693
/// §2.2, §4.1).
@Suite struct TokenIssuerExchangeTests {
    /// A subject token as the code and refresh grants write it, `fam` included, signed
    /// by the active ES256 token key and read back like the token endpoint reads it.
    static func subjectToken(_ world: TokenWorld, subject: Account, lifetime: Int64) throws -> IssuedAccessToken {
        let key = try #require(world.server.application.keyring.snapshot.activeSigningKey(.token, algorithm: .ES256))
        let claims = JWTClaims(issuer: world.server.application.issuer, subject: subject.id.rawValue,
                               audience: ["diary-one-api"], expiresAt: world.now.adding(seconds: lifetime),
                               issuedAt: world.now, jwtID: "jti-subject",
                               extra: ["client_id": .string("diary-one"), "scope": .string("openid diary attendance"),
                                       "sid": .string("ses_subject"), "fam": .string("fam-1"),
                                       "auth_time": .integer(world.now.seconds - 30), "amr": .array([.string("pwd")]),
                                       "acr": .string("1"),
                                       "staff": .array([.object(["role": .string("platform_admin")])])])
        let compact = try JWT.sign(claims, type: "at+jwt", key: key)
        return try world.reader().accessToken(compact, at: world.now)
    }

    @Test("copies sid, fam, auth_time, amr and acr, names the actor, narrows services and drops staff")
    func claims() async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult), child = try await world.account(.student)
            let subject = try Self.subjectToken(world, subject: guardian, lifetime: 3_600)
            let grant = AccessGrant(studentID: child.id, services: Set(Service.allCases), via: .guardian, grantID: "gl_1")
            let token = try world.issuer.delegatedAccessToken(for: grant, subjectToken: subject, clientID: "diary-two",
                                                              audience: "diary-two-api", scopes: ["diary"],
                                                              algorithm: .EdDSA, at: world.now)
            let claims = try await world.verify(token, audience: "diary-two-api").claims
            #expect(claims.subject == child.id.rawValue && claims.extra["client_id"] == .string("diary-two"))
            for name in ["sid", "fam", "auth_time", "amr", "acr"] { #expect(claims.extra[name] == subject.claims.extra[name]) }
            #expect(try claims.claim("act", as: ActorClaim.self)
                == ActorClaim(sub: guardian.id.rawValue, relation: "guardian", grant: "gl_1"))
            #expect(try claims.students == [StudentClaim(id: child.id.rawValue, relation: "guardian", services: ["diary"],
                                                         grant: "gl_1")])
            #expect(try claims.staff == nil && claims.extra["scope"] == .string("diary"))
            #expect(token.lifetimeSeconds == world.environment.policies.tokens.accessTokenSeconds)
        }
    }

    @Test("lives access_token_seconds, never past the subject token's exp", arguments: [Int64(1), 120, 299, 300, 3_600])
    func lifetime(subjectLifetime: Int64) async throws {
        try await TokenWorld.run { world in
            let person = try await world.account(.adult), child = try await world.account(.student)
            let subject = try Self.subjectToken(world, subject: person, lifetime: subjectLifetime)
            let grant = AccessGrant(studentID: child.id, services: [.diary], via: .trusted, grantID: "inv_1")
            let token = try world.issuer.delegatedAccessToken(for: grant, subjectToken: subject, clientID: "diary-one",
                                                              audience: "diary-one-api", scopes: ["diary"],
                                                              algorithm: .ES256, at: world.now)
            let policy = world.environment.policies.tokens.accessTokenSeconds
            #expect(token.expiresAt == world.now.adding(seconds: min(policy, subjectLifetime)))
        }
    }
}
