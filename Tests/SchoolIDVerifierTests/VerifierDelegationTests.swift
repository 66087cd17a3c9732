import Foundation
import SchoolIDBase
import SchoolIDJOSE
@testable import SchoolIDVerifier
import Testing

/// Delegated tokens (RFC 8693 §4.1 `act`): the actor is typed, its relation is
/// `guardian` or `trusted`, and a delegated result always carries it, consistent with
/// its one student.
@Suite struct VerifierDelegationTests {
    /// A trusted person's delegated token for student `acc_a`, as SchoolID's token
    /// exchange writes it.
    static func delegatedClaims(_ minter: TokenMinter, relation: String = "trusted") -> [String: JSONValue] {
        var claims = minter.guardianClaims()
        claims["sub"] = .string("acc_a")
        claims["scope"] = .string("diary")
        claims["students"] = .array([TokenMinter.student("acc_a", relation: relation, services: ["diary"], grant: "inv_1")])
        claims["act"] = .object(["sub": .string("acc_guardian"), "relation": .string(relation), "grant": .string("inv_1")])
        return claims
    }

    @Test("types a delegated token's actor", arguments: ["trusted", "guardian"])
    func actor(relation: String) async throws {
        try await VerifierWorld.with { world in
            let token = try world.minter.sign(Self.delegatedClaims(world.minter, relation: relation), key: world.eddsa)
            let verified = try await world.verifier().verifyAccessToken(token)
            let actor = try #require(verified.actor)
            #expect(verified.isDelegated && verified.subject == "acc_a")
            #expect(actor.subject == "acc_guardian" && actor.grant == "inv_1")
            #expect(actor.relation == VerifiedAccessToken.Relation(rawValue: relation))
            #expect(verified.students?.map(\.relation) == [actor.relation])
        }
    }

    @Test("rejects a delegated token inconsistent with its actor or a delegation without act", arguments: [
        ("act", JSONValue.object(["sub": .string("acc_guardian"), "relation": .string("guardian"), "grant": .string("inv_1")])),
        ("act", .object(["sub": .string("acc_guardian"), "relation": .string("trusted"), "grant": .string("gl_9")])),
        ("act", .object(["sub": .string("acc_guardian"), "relation": .string("parent"), "grant": .string("inv_1")])),
        ("act", .string("acc_guardian")),
        ("act", nil),
        ("students", nil),
        ("students", .array([TokenMinter.student("acc_b", relation: "trusted", services: ["diary"], grant: "inv_1")])),
        ("students", .array([TokenMinter.student("acc_a", relation: "trusted", services: ["diary"], grant: "inv_1"),
                             TokenMinter.student("acc_b", relation: "trusted", services: ["diary"], grant: "inv_2")])),
        ("staff", .array([.object(["school": .string("sch_1"), "role": .string("teacher"), "classes": .array([])])])),
    ])
    func inconsistent(name: String, value: JSONValue?) async throws {
        try await VerifierWorld.with { world in
            var claims = Self.delegatedClaims(world.minter)
            claims[name] = value
            let token = try world.minter.sign(claims, key: world.es256)
            await #expect(throws: VerificationError.invalidClaim) { try await world.verifier().verifyAccessToken(token) }
        }
    }

    @Test("Relation and StaffRole keep their wire values, descriptions and JSON form")
    func vocabularies() throws {
        let relations: [VerifiedAccessToken.Relation] = [.self, .guardian, .trusted]
        #expect(relations.map(\.description) == ["self", "guardian", "trusted"])
        let roles: [VerifiedAccessToken.StaffRole] = [.teacher, .schoolAdmin, .platformAdmin]
        #expect(roles.map(\.rawValue) == ["teacher", "school_admin", "platform_admin"])
        let encoded = try JSONEncoder().encode(relations)
        #expect(String(decoding: encoded, as: UTF8.self) == #"["self","guardian","trusted"]"#)
        #expect(try JSONDecoder().decode([VerifiedAccessToken.StaffRole].self, from: Data(#"["school_admin"]"#.utf8)) == [.schoolAdmin])
        #expect(throws: VerificationError.invalidClaim) {
            try JSONDecoder().decode([VerifiedAccessToken.Relation].self, from: Data(#"["parent"]"#.utf8))
        }
    }
}
