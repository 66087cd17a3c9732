import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Issue 9, tokens: the claims of access and ID tokens per role (RFC 9068 §2.2 plus
/// SchoolID's `students` and `staff`), `at_hash` per algorithm, the 4 KB bound, and
/// signatures that verify with the JWKS the server publishes.
@Suite struct TokenIssuerTests {
    static let allServices = ["attendance", "diary", "nutrition"]

    @Test("a student's token names the student alone, with every service, and the session's sid, amr and acr")
    func student() async throws {
        try await TokenWorld.run { world in
            let student = try await world.account(.student)
            let session = try await world.session(of: student)
            let token = try await world.accessToken(for: student, session: session)
            let verified = try await world.verify(token)
            let claims = verified.claims
            #expect(verified.header.type == "at+jwt" && verified.header.algorithm == .ES256)
            #expect(claims.subject == student.id.rawValue && claims.audience == ["diary-one-api"])
            #expect(claims.issuer == world.server.application.issuer)
            #expect(claims.extra["client_id"] == .string("diary-one"))
            #expect(claims.extra["scope"] == .string("openid diary"))
            #expect(claims.issuedAt == world.now && claims.expiresAt == world.now.adding(seconds: 300))
            #expect(token.expiresAt == claims.expiresAt && token.jwtID == claims.jwtID && token.lifetimeSeconds == 300)
            #expect(Base64URL.decode(try #require(claims.jwtID))?.count == 16)
            #expect(claims.extra["sid"] == .string(session.handle))
            #expect(claims.extra["auth_time"] == .integer(session.authenticatedAt.seconds))
            #expect(claims.extra["amr"] == .array([.string("pwd"), .string("otp")]))
            #expect(claims.extra["acr"] == .string("2"))
            #expect(try claims.students == [StudentClaim(id: student.id.rawValue, relation: "self",
                                                         services: Self.allServices, grant: student.id.rawValue)])
            #expect(claims.extra["staff"] == nil && claims.extra["act"] == nil)
        }
    }

    @Test("a guardian's token lists both linked children by id, each with the guardian link it rests on")
    func guardianWithTwoChildren() async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult)
            let first = try await world.account(.student), second = try await world.account(.student)
            let firstLink = try await world.link(guardian, to: first)
            let secondLink = try await world.link(guardian, to: second)
            let claims = try await world.verify(world.accessToken(for: guardian, session: world.session(of: guardian))).claims
            let expected = [StudentClaim(id: first.id.rawValue, relation: "guardian", services: Self.allServices,
                                         grant: firstLink.rawValue),
                            StudentClaim(id: second.id.rawValue, relation: "guardian", services: Self.allServices,
                                         grant: secondLink.rawValue)]
            #expect(try claims.students == expected.sorted { $0.id < $1.id })
            #expect(claims.subject == guardian.id.rawValue && claims.extra["staff"] == nil)
        }
    }

    @Test("a trusted person's token lists the one granted child with only the granted service and the invitation")
    func trustedPersonWithOneService() async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult), nanny = try await world.account(.adult)
            let child = try await world.account(.student), sibling = try await world.account(.student)
            _ = try await world.link(guardian, to: child)
            _ = try await world.link(guardian, to: sibling)
            let invitation = try await world.grant([.diary], for: child, by: guardian, to: nanny)
            let claims = try await world.verify(world.accessToken(for: nanny, session: world.session(of: nanny))).claims
            #expect(try claims.students == [StudentClaim(id: child.id.rawValue, relation: "trusted", services: ["diary"],
                                                         grant: invitation.rawValue)])
        }
    }

    @Test("a teacher's token names their school and taught classes, never a student")
    func teacher() async throws {
        try await TokenWorld.run { world in
            let teacher = try await world.account(.adult)
            let taught = Array(world.classes.prefix(2))
            try await world.staff(teacher, role: .teacher, teaching: taught)
            let claims = try await world.verify(world.accessToken(for: teacher, session: world.session(of: teacher))).claims
            #expect(try claims.staff == [StaffClaim(school: world.school.id.rawValue, role: "teacher",
                                                    classes: taught.map(\.id.rawValue).sorted())])
            #expect(claims.extra["students"] == nil)
        }
    }

    @Test("a school admin's token names the school with no class list; a platform admin's names no school",
          arguments: [Role.schoolAdmin, .platformAdmin])
    func administrators(role: Role) async throws {
        try await TokenWorld.run { world in
            let admin = try await world.account(.adult)
            try await world.staff(admin, role: role)
            let claims = try await world.verify(world.accessToken(for: admin, session: world.session(of: admin))).claims
            let school = role == .platformAdmin ? nil : world.school.id.rawValue
            #expect(try claims.staff == [StaffClaim(school: school, role: role.rawValue, classes: [])])
            #expect(claims.extra["students"] == nil)
            guard case .array(let entries) = claims.extra["staff"], case .object(let entry) = entries.first else {
                Issue.record("staff is not an array of objects")
                return
            }
            #expect((entry["school"] == nil) == (role == .platformAdmin))
        }
    }

    @Test("a client_credentials token has sub = client_id and none of a person's claims")
    func clientCredentials() async throws {
        try await TokenWorld.run { world in
            let token = try world.issuer.clientCredentialsToken(clientID: "diary-one", audience: "diary-one-api",
                                                                scopes: ["diary"], algorithm: .EdDSA, at: world.now)
            let verified = try await world.verify(token)
            #expect(verified.header.algorithm == .EdDSA)
            #expect(verified.claims.subject == "diary-one" && verified.claims.extra["client_id"] == .string("diary-one"))
            for name in ["sid", "auth_time", "amr", "acr", "students", "staff", "act"] {
                #expect(verified.claims.extra[name] == nil, "\(name) in a client_credentials token")
            }
        }
    }

    @Test("a person with more children than max_students_per_token gets the first ones by id")
    func studentLimit() async throws {
        try await TokenWorld.run { world in
            let guardian = try await world.account(.adult)
            var children: [Account] = []
            for _ in 0..<12 { children.append(try await world.account(.student)) }
            for child in children { _ = try await world.link(guardian, to: child) }
            let claims = try await world.verify(world.accessToken(for: guardian, session: nil)).claims
            let limit = world.environment.policies.tokens.maxStudentsPerToken
            #expect(limit == 10)
            #expect(try claims.students?.map(\.id) == Array(children.map(\.id.rawValue).sorted().prefix(limit)))
            #expect(claims.extra["sid"] == nil && claims.extra["amr"] == nil)
        }
    }

    @Test("no access token exceeds 4 KB: 10 children and a teacher of many classes, with every algorithm",
          arguments: JWSAlgorithm.allCases)
    func sizeBound(algorithm: JWSAlgorithm) async throws {
        try await TokenWorld.run(classCount: 40) { world in
            let person = try await world.account(.adult)
            for _ in 0..<10 { _ = try await world.link(person, to: try await world.account(.student)) }
            try await world.staff(person, role: .teacher, teaching: world.classes)
            try await world.staff(person, role: .schoolAdmin)
            let token = try await world.accessToken(for: person, session: world.session(of: person), algorithm: algorithm)
            #expect(token.compact.utf8.count <= 4_096, "\(algorithm): \(token.compact.utf8.count) bytes")
            let claims = try await world.verify(token).claims
            #expect(try claims.students?.count == 10)
            #expect(try claims.staff?.flatMap(\.classes).count == TokenIssuer.maxClassesPerToken)
        }
    }

    @Test("an ID token has typ JWT, aud = the client id, the nonce, the session claims and a correct at_hash",
          arguments: JWSAlgorithm.allCases)
    func idToken(algorithm: JWSAlgorithm) async throws {
        try await TokenWorld.run { world in
            let student = try await world.account(.student)
            let session = try await world.session(of: student)
            let access = try await world.accessToken(for: student, session: session, algorithm: algorithm)
            let actor = try await world.environment.storage.read { tx in
                try Actor.load(student.id, session: session, at: world.now, in: tx)
            }
            let token = try world.issuer.idToken(for: actor, clientID: "diary-one", nonce: "n-0S6_WzA2Mj",
                                                 accessToken: access.compact, algorithm: algorithm, session: session,
                                                 at: world.now)
            let verified = try await world.verify(token, type: "JWT", audience: "diary-one")
            let claims = verified.claims
            #expect(verified.header.type == "JWT" && verified.header.algorithm == algorithm)
            #expect(claims.audience == ["diary-one"] && claims.subject == student.id.rawValue)
            #expect(claims.expiresAt == world.now.adding(seconds: world.environment.policies.tokens.idTokenSeconds))
            #expect(claims.extra["nonce"] == .string("n-0S6_WzA2Mj"))
            #expect(claims.extra["sid"] == .string(session.handle) && claims.extra["acr"] == .string("2"))
            #expect(claims.extra["auth_time"] == .integer(session.authenticatedAt.seconds))
            // OIDC Core §3.1.3.6, computed here from the digest: the left half, base64url.
            let ascii = Array(access.compact.utf8)
            let digest = algorithm == .EdDSA ? SHA512.hash(ascii) : SHA256.hash(ascii)
            #expect(claims.extra["at_hash"] == .string(Base64URL.encode(Array(digest[..<(digest.count / 2)]))))
            #expect(claims.extra["students"] == nil && claims.extra["client_id"] == nil)
        }
    }

    struct AtHashVector: Decodable, Sendable {
        let accessToken: String
        let alg: String
        let atHash: String

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", alg, atHash = "at_hash"
        }
    }

    @Test("at_hash matches OpenID Connect Core A.3 and values computed with the openssl command")
    func atHashVectors() throws {
        let vectors = try Fixtures.decode([String: AtHashVector].self, from: "openid-connect-core/at-hash.json")
        #expect(vectors.count == 3)
        for (section, vector) in vectors.sorted(by: { $0.key < $1.key }) {
            let algorithm = try #require(JWSAlgorithm(rawValue: vector.alg))
            #expect(TokenIssuer.accessTokenHash(vector.accessToken, algorithm: algorithm) == vector.atHash, "\(section)")
        }
    }
}
