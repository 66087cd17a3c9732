import Foundation
import SchoolIDBase
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// `typ`, `iss`, `aud`, times and the typed SchoolID claims (RFC 9068 §4, issue 9 contract).
@Suite struct VerifierClaimsTests {
    @Test("types a guardian's token: two students, session, amr and acr")
    func guardianToken() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            let verified = try await world.verifier().verifyAccessToken(token)
            #expect(verified.clientID == "diary" && verified.audience == ["diary"])
            #expect(verified.scopes == ["openid", "diary", "attendance"] && verified.hasScope("diary"))
            #expect(verified.sessionID == "ses_abc" && verified.amr == ["pwd", "otp"] && verified.acr == "2")
            #expect(verified.authTime == VerifierWorld.start.adding(seconds: -10))
            #expect(verified.expiresAt == VerifierWorld.start.adding(seconds: 300) && verified.issuedAt == VerifierWorld.start)
            #expect(verified.jwtID == "jti_0123456789abcdef0123")
            let students = try #require(verified.students)
            #expect(students.map(\.id) == ["acc_a", "acc_b"])
            #expect(students.allSatisfy { $0.relation == .guardian })
            #expect(students[0].services == ["attendance", "diary"] && students[0].grant == "gl_1")
            #expect(verified.staff == nil && verified.actor == nil && !verified.isClientToken)
        }
    }

    @Test("types a client_credentials token: sub is the client, no person claims")
    func clientToken() async throws {
        try await VerifierWorld.with { world in
            let verified = try await world.verifier().verifyAccessToken(try world.minter.sign(world.minter.clientClaims(), key: world.es256))
            #expect(verified.isClientToken && verified.subject == "diary")
            #expect(verified.students == nil && verified.staff == nil && verified.sessionID == nil && verified.amr.isEmpty)
        }
    }

    @Test("types staff memberships (a delegated token's actor: VerifierDelegationTests)")
    func staffAndActor() async throws {
        try await VerifierWorld.with { world in
            var claims = world.minter.guardianClaims()
            claims["students"] = .array([TokenMinter.student("acc_a", relation: "self", services: ["diary"], grant: "acc_a")])
            claims["staff"] = .array([
                .object(["school": .string("sch_1"), "role": .string("teacher"), "classes": .array([.string("cls_1")])]),
                .object(["role": .string("platform_admin"), "classes": .array([])]),
            ])
            let verified = try await world.verifier().verifyAccessToken(try world.minter.sign(claims, key: world.eddsa))
            #expect(verified.staff?.map(\.role) == [.teacher, .platformAdmin])
            #expect(verified.staff?.first?.school == "sch_1" && verified.staff?.last?.school == nil)
            #expect(verified.actor == nil && !verified.isDelegated)
            #expect(verified.students?.first?.relation == .self)
        }
    }

    @Test("rejects SchoolID claims of the wrong shape", arguments: [
        ("act", JSONValue.object(["sub": .string("acc_x"), "relation": .string("self"), "grant": .string("acc_x")])),
        ("students", .array([TokenMinter.student("acc_a", relation: "parent", services: [], grant: "g")])),
        ("students", .object([:])),
        ("staff", .array([.object(["role": .string("janitor"), "classes": .array([])])])),
        ("auth_time", .string("yesterday")),
        ("scope", .array([.string("diary")])),
    ])
    func invalidClaims(name: String, value: JSONValue) async throws {
        try await VerifierWorld.with { world in
            var claims = world.minter.guardianClaims()
            claims[name] = value
            let token = try world.minter.sign(claims, key: world.es256)
            await #expect(throws: VerificationError.invalidClaim) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("rejects an access token without a required claim", arguments: ["sub", "client_id", "iat", "jti"])
    func requiredClaims(name: String) async throws {
        try await VerifierWorld.with { world in
            var claims = world.minter.guardianClaims()
            claims[name] = nil
            let token = try world.minter.sign(claims, key: world.es256)
            await #expect(throws: VerificationError.missingClaim) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("rejects a wrong typ: an ID token or an untyped JWT is not an access token", arguments: ["JWT", "application/jwt", nil])
    func wrongType(type: String?) async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), type: type, key: world.es256)
            await #expect(throws: VerificationError.wrongType) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("accepts typ application/at+jwt (RFC 7515 §4.1.9 media type form)")
    func mediaTypeForm() async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(world.minter.guardianClaims(), type: "application/AT+JWT", key: world.es256)
            _ = try await world.verifier().verifyAccessToken(token)
        }
    }

    @Test("exp and nbf are checked against the injected clock with 60 s leeway")
    func times() async throws {
        try await VerifierWorld.with { world in
            let verifier = world.verifier()
            var claims = world.minter.guardianClaims()
            claims["nbf"] = .integer(VerifierWorld.start.seconds + 100)
            let token = try world.minter.sign(claims, key: world.es256)
            await #expect(throws: VerificationError.notYetValid) { try await verifier.verifyAccessToken(token) }
            world.clock.advance(seconds: 40)  // nbf - 60 s
            _ = try await verifier.verifyAccessToken(token)
            world.clock.advance(seconds: 300 - 40 + 59)  // exp + 59 s
            _ = try await verifier.verifyAccessToken(token)
            world.clock.advance(seconds: 1)  // exp + 60 s
            await #expect(throws: VerificationError.expired) { try await verifier.verifyAccessToken(token) }
        }
    }

    @Test("rejects a token issued in the future beyond the leeway")
    func issuedInFuture() async throws {
        try await VerifierWorld.with { world in
            var claims = world.minter.guardianClaims()
            claims["iat"] = .integer(VerifierWorld.start.seconds + 61)
            let token = try world.minter.sign(claims, key: world.es256)
            await #expect(throws: VerificationError.issuedInFuture) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("verifies an ID token: typ JWT, aud the client, nonce echoed")
    func idToken() async throws {
        try await VerifierWorld.with { world in
            let verifier = world.verifier()
            let token = try world.minter.sign(world.minter.idClaims(nonce: "n-123"), type: "JWT", key: world.rs256)
            let verified = try await verifier.verifyIDToken(token, nonce: "n-123")
            #expect(verified.subject == "acc_guardian" && verified.nonce == "n-123" && verified.sessionID == "ses_abc")
            await #expect(throws: VerificationError.nonceMismatch) { try await verifier.verifyIDToken(token, nonce: "n-456") }
            let withoutNonce = try world.minter.sign(world.minter.idClaims(nonce: nil), type: "JWT", key: world.rs256)
            await #expect(throws: VerificationError.nonceMismatch) { try await verifier.verifyIDToken(withoutNonce, nonce: "n-123") }
            let accessToken = try world.minter.sign(world.minter.guardianClaims(), key: world.es256)
            await #expect(throws: VerificationError.wrongType) { try await verifier.verifyIDToken(accessToken, nonce: nil) }
            await #expect(throws: VerificationError.wrongType) { try await verifier.verifyAccessToken(token) }
        }
    }
}
