import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

/// SchoolID reading back its own tokens: what introspection, userinfo, logout hints and
/// token exchange rest on.
@Suite struct IssuedTokenReaderTests {
    @Test("an issued access token reads back with its client, jti, scope, sid and students")
    func accessToken() async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult), child = try await world.account(.student)
            let link = try await world.link(guardian, to: child)
            let session = try await world.session(of: guardian)
            let token = try await world.accessToken(for: guardian, session: session, algorithm: .EdDSA)
            let read = try world.reader().accessToken(token.compact, at: world.now)
            #expect(read.subject == guardian.id.rawValue && read.clientID == "diary-one")
            #expect(read.jwtID == token.jwtID && read.expiresAt == token.expiresAt)
            #expect(read.scopes == ["openid", "diary"] && read.sessionHandle == session.handle)
            #expect(read.students.map(\.grant) == [link.rawValue] && read.actor == nil)
        }
    }

    @Test("an expired token, an ID token passed as an access token, another issuer and a foreign key are refused")
    func refusals() async throws {
        try await TokenWorld.run { world in
            let student = try await world.account(.student)
            let session = try await world.session(of: student)
            let token = try await world.accessToken(for: student, session: session)
            let expiry = world.now.adding(seconds: world.environment.policies.tokens.accessTokenSeconds)
            #expect(throws: JOSEError.expired) { try world.reader(at: expiry).accessToken(token.compact, at: expiry) }
            let actor = try await world.environment.storage.read { tx in
                try Actor.load(student.id, session: session, at: world.now, in: tx)
            }
            let idToken = try world.issuer.idToken(for: actor, clientID: "diary-one", nonce: nil, accessToken: nil,
                                                   algorithm: .RS256, session: session, at: world.now)
            #expect(throws: JOSEError.wrongType) { try world.reader().accessToken(idToken.compact, at: world.now) }
            let otherIssuer = IssuedTokenReader(issuer: "https://other.example", keys: world.server.application.keyring.snapshot,
                                                policy: world.environment.policies.tokens, at: world.now)
            #expect(throws: JOSEError.wrongIssuer) { try otherIssuer.accessToken(token.compact, at: world.now) }
            let foreign = try SigningKey.generate(.ES256)
            let forged = try JWT.sign(JWTClaims(issuer: world.server.application.issuer, subject: student.id.rawValue,
                                                audience: ["diary-one-api"], expiresAt: world.now.adding(seconds: 60),
                                                jwtID: "x", extra: ["client_id": .string("diary-one")]),
                                      type: "at+jwt", key: foreign)
            #expect(throws: JOSEError.unknownKeyID) { try world.reader().accessToken(forged, at: world.now) }
        }
    }

    @Test("an expired ID token reads back only when the caller accepts expiry, as an id_token_hint may")
    func expiredIDToken() async throws {
        try await TokenWorld.run { world in
            let student = try await world.account(.student)
            let session = try await world.session(of: student)
            let actor = try await world.environment.storage.read { tx in
                try Actor.load(student.id, session: session, at: world.now, in: tx)
            }
            let idToken = try world.issuer.idToken(for: actor, clientID: "diary-one", nonce: "n", accessToken: nil,
                                                   algorithm: .ES256, session: session, at: world.now)
            let later = world.now.adding(seconds: world.environment.policies.tokens.idTokenSeconds + 10)
            #expect(throws: JOSEError.expired) { try world.reader().idToken(idToken.compact, at: later, acceptExpired: false) }
            #expect(try world.reader().idToken(idToken.compact, at: later, acceptExpired: true).subject == student.id.rawValue)
        }
    }
}

extension TokenWorld {
    /// The server's reader of its own tokens, with the keys published at `time` (now by default).
    func reader(at time: UnixTime? = nil) -> IssuedTokenReader {
        IssuedTokenReader(issuer: server.application.issuer, keys: server.application.keyring.snapshot,
                          policy: environment.policies.tokens, at: time ?? now)
    }
}
