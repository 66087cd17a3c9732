@testable import SchoolIDJOSE
import SchoolIDBase
import Testing

@Suite struct JWTClaimsTests {
    static let issuer = "https://id.school.example"
    static let audience = "diary"
    static let issuedAt = UnixTime(seconds: 1_800_000_000)

    /// A token issued at `issuedAt`, valid for five minutes.
    static func claims(audience: [String]? = [audience]) -> JWTClaims {
        JWTClaims(
            issuer: issuer, subject: "account-1", audience: audience,
            expiresAt: issuedAt.adding(seconds: 300), notBefore: issuedAt, issuedAt: issuedAt, jwtID: "j-1")
    }

    static func parse(_ json: String) throws(JOSEError) -> JWTClaims { try JWTClaims(jsonBytes: Array(json.utf8)) }

    @Test("reads aud as a single string or an array, and writes one audience as a string")
    func audienceForms() throws {
        #expect(try Self.parse(#"{"aud":"diary"}"#).audience == ["diary"])
        #expect(try Self.parse(#"{"aud":["diary","meals"]}"#).audience == ["diary", "meals"])
        let single = String(decoding: try Self.claims().jsonBytes(), as: UTF8.self)
        #expect(single.contains(#""aud":"diary""#))
        let several = String(decoding: try Self.claims(audience: ["a", "b"]).jsonBytes(), as: UTF8.self)
        #expect(several.contains(#""aud":["a","b"]"#))
    }

    @Test("round-trips registered claims and keeps custom claims as raw JSON")
    func roundTrip() throws {
        var claims = Self.claims()
        try claims.setClaim("students", [["id": "s-1", "relation": "mother"]])
        claims.extra["scope"] = .string("openid diary")
        let parsed = try JWTClaims(jsonBytes: claims.jsonBytes())
        #expect(parsed == claims)
        #expect(try parsed.claim("students", as: [[String: String]].self) == [["id": "s-1", "relation": "mother"]])
        #expect(try parsed.claim("absent", as: String.self) == nil)
        #expect(throws: JOSEError.malformed) { try parsed.claim("scope", as: Int.self) }
    }

    @Test("truncates fractional NumericDates and rejects ones outside Int64 without trapping")
    func numericDates() throws {
        #expect(try Self.parse(#"{"exp":1300819380.9}"#).expiresAt == UnixTime(seconds: 1_300_819_380))
        #expect(try Self.parse(#"{"exp":9223372036854775807}"#).expiresAt == UnixTime(seconds: .max))
        #expect(throws: JOSEError.malformed) { try Self.parse(#"{"exp":1e300}"#) }
        #expect(throws: JOSEError.malformed) { try Self.parse(#"{"nbf":-1e19}"#) }
    }

    @Test("rejects payloads that are not objects and registered claims of the wrong type", arguments: [
        "[]", "\"x\"", "{", #"{"iss":1}"#, #"{"sub":["a"]}"#, #"{"aud":7}"#, #"{"aud":["a",1]}"#,
        #"{"exp":"1300819380"}"#, #"{"nbf":true}"#, #"{"iat":null}"#, #"{"jti":{}}"#,
    ])
    func malformed(_ json: String) {
        #expect(throws: JOSEError.malformed) { try Self.parse(json) }
    }

    @Test("accepts a fresh token at issue time, within leeway and just before expiry")
    func accepts() throws {
        let clock = ManualWallClock(Self.issuedAt)
        try Self.claims().validate(at: clock.now(), leeway: 0, issuer: Self.issuer, audience: Self.audience)
        clock.advance(seconds: 299)
        try Self.claims().validate(at: clock.now(), leeway: 0, issuer: Self.issuer, audience: Self.audience)
        clock.advance(seconds: 60)
        try Self.claims().validate(at: clock.now(), leeway: 60, issuer: Self.issuer, audience: Self.audience)
        clock.set(Self.issuedAt.adding(seconds: -60))
        try Self.claims().validate(at: clock.now(), leeway: 60, issuer: Self.issuer, audience: Self.audience)
        try Self.claims(audience: ["other", Self.audience])
            .validate(at: Self.issuedAt, leeway: 0, issuer: Self.issuer, audience: Self.audience)
    }

    /// (seconds after issue, leeway, expected error)
    @Test("rejects tokens outside their validity window", arguments: [
        (300, 0, JOSEError.expired), (10_000, 60, .expired), (360, 60, .expired),
        (-1, 0, .notYetValid), (-61, 60, .notYetValid),
    ] as [(Int64, Int64, JOSEError)])
    func timeRules(_ offset: Int64, _ leeway: Int64, _ error: JOSEError) {
        let clock = ManualWallClock(Self.issuedAt.adding(seconds: offset))
        #expect(throws: error) {
            try Self.claims().validate(at: clock.now(), leeway: leeway, issuer: Self.issuer, audience: Self.audience)
        }
    }

    @Test("rejects iat in the future even without nbf")
    func issuedInFuture() {
        var claims = Self.claims()
        claims.notBefore = nil
        let clock = ManualWallClock(Self.issuedAt.adding(seconds: -120))
        #expect(throws: JOSEError.issuedInFuture) {
            try claims.validate(at: clock.now(), leeway: 60, issuer: Self.issuer, audience: Self.audience)
        }
    }

    @Test("rejects a hostile far-future nbf/iat and a far-past exp without overflowing")
    func extremes() {
        let now = Self.issuedAt
        var claims = Self.claims()
        claims.expiresAt = UnixTime(seconds: .min)
        #expect(throws: JOSEError.expired) { try claims.validate(at: now, leeway: 60, issuer: Self.issuer, audience: Self.audience) }
        claims = Self.claims()
        claims.notBefore = UnixTime(seconds: .max)
        #expect(throws: JOSEError.notYetValid) { try claims.validate(at: now, leeway: 60, issuer: Self.issuer, audience: Self.audience) }
    }

    @Test("rejects the wrong issuer and audience, and missing iss, aud or exp")
    func identityRules() {
        let now = Self.issuedAt
        #expect(throws: JOSEError.wrongIssuer) { try Self.claims().validate(at: now, leeway: 0, issuer: "https://evil.example", audience: Self.audience) }
        #expect(throws: JOSEError.wrongAudience) { try Self.claims().validate(at: now, leeway: 0, issuer: Self.issuer, audience: "meals") }
        #expect(throws: JOSEError.wrongAudience) { try Self.claims(audience: []).validate(at: now, leeway: 0, issuer: Self.issuer, audience: Self.audience) }
        #expect(throws: JOSEError.missingClaim) { try Self.claims(audience: nil).validate(at: now, leeway: 0, issuer: Self.issuer, audience: Self.audience) }
        var noIssuer = Self.claims()
        noIssuer.issuer = nil
        #expect(throws: JOSEError.missingClaim) { try noIssuer.validate(at: now, leeway: 0, issuer: Self.issuer, audience: Self.audience) }
        var noExpiry = Self.claims()
        noExpiry.expiresAt = nil
        #expect(throws: JOSEError.missingClaim) { try noExpiry.validate(at: now, leeway: 0, issuer: Self.issuer, audience: Self.audience) }
        #expect(throws: Never.self) { try noExpiry.validateTimes(at: now, leeway: 0, requireExpiration: false) }
    }
}
