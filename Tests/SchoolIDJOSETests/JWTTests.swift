import SchoolIDBase
import SchoolIDJOSE
import Testing

@Suite struct JWTTests {
    static let issuer = "https://id.school.example"
    static let start = UnixTime(seconds: 1_800_000_000)

    struct Fixture {
        let clock = ManualWallClock(JWTTests.start)
        let key: SigningKey
        let keys: KeySet
        init(_ algorithm: JWSAlgorithm = .ES256) throws {
            key = try SigningKey.generate(algorithm)
            keys = try KeySet([key.verificationKey])
        }

        func token(type: String = "at+jwt") throws -> String {
            let now = clock.now()
            var claims = JWTClaims(issuer: JWTTests.issuer, subject: "account-1", audience: ["diary"],
                                   expiresAt: now.adding(seconds: 300), issuedAt: now, jwtID: "j-1")
            try claims.setClaim("scope", "openid diary")
            return try JWT.sign(claims, type: type, key: key)
        }

        func verify(_ token: String, expectedType: String? = "at+jwt", audience: String = "diary") throws -> VerifiedJWT {
            try JWT.verify(token, keys: keys, expectedType: expectedType, now: clock.now(), leeway: 30,
                           issuer: JWTTests.issuer, audience: audience)
        }
    }

    @Test("signs and verifies an access token with typed claims", arguments: JWSAlgorithm.allCases)
    func roundTrip(_ algorithm: JWSAlgorithm) throws {
        let fixture = try Fixture(algorithm)
        let verified = try fixture.verify(try fixture.token())
        #expect(verified.header.type == "at+jwt")
        #expect(verified.header.keyID == fixture.key.keyID)
        #expect(verified.claims.subject == "account-1")
        #expect(try verified.claims.claim("scope", as: String.self) == "openid diary")
    }

    @Test("compares typ as a media type and rejects a different or missing one")
    func types() throws {
        let fixture = try Fixture()
        _ = try fixture.verify(try fixture.token(type: "application/AT+JWT"))
        _ = try fixture.verify(try fixture.token(type: "JWT"), expectedType: nil)
        #expect(throws: JOSEError.wrongType) { try fixture.verify(try fixture.token(type: "JWT")) }
        #expect(throws: JOSEError.wrongType) { try fixture.verify(try fixture.token(type: "ack+jwt")) }
        let untyped = try JWS.sign(payload: Array(#"{"iss":"x"}"#.utf8), key: fixture.key)
        #expect(throws: JOSEError.wrongType) { try fixture.verify(untyped) }
    }

    @Test("applies claim validation with the injected clock")
    func validation() throws {
        let fixture = try Fixture()
        let token = try fixture.token()
        #expect(throws: JOSEError.wrongAudience) { try fixture.verify(token, audience: "meals") }
        fixture.clock.advance(seconds: 329)
        _ = try fixture.verify(token)
        fixture.clock.advance(seconds: 1)
        #expect(throws: JOSEError.expired) { try fixture.verify(token) }
        fixture.clock.set(JWTTests.start.adding(seconds: -31))
        #expect(throws: JOSEError.issuedInFuture) { try fixture.verify(token) }
    }

    @Test("rejects a signed payload that is not a claims object")
    func notClaims() throws {
        let fixture = try Fixture()
        let token = try JWS.sign(payload: Array("[1,2]".utf8), type: "at+jwt", key: fixture.key)
        #expect(throws: JOSEError.malformed) { try fixture.verify(token) }
    }
}
