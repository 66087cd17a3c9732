import Foundation
import SchoolIDJOSE
import Testing

@Suite struct PublicJWKTests {
    static let ecJSON = #"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1","alg":"ES256","use":"sig"}"#

    @Test("decodes the public members and ignores unknown ones")
    func decodes() throws {
        let withExtras = Self.ecJSON.dropLast() + #","x5c":["AAAA"],"key_ops":["verify"]}"#
        let jwk = try JSONDecoder().decode(PublicJWK.self, from: Data(withExtras.utf8))
        #expect(jwk.keyType == "EC")
        #expect(jwk.curve == "P-256")
        #expect(jwk.keyID == "k1")
        #expect(jwk.algorithm == "ES256")
        #expect(jwk.use == "sig")
        #expect(jwk.modulus == nil)
    }

    @Test("refuses a JWK carrying any private member", arguments: ["d", "p", "q", "dp", "dq", "qi", "oth", "k"])
    func refusesPrivateMembers(_ name: String) {
        let json = Self.ecJSON.dropLast() + #","\#(name)":"AAAA"}"#
        #expect(throws: JOSEError.privateKeyMaterial) { try JSONDecoder().decode(PublicJWK.self, from: Data(json.utf8)) }
        let set = #"{"keys":[\#(json)]}"#
        #expect(throws: JOSEError.privateKeyMaterial) { try JSONDecoder().decode(JWKS.self, from: Data(set.utf8)) }
    }

    @Test("encodes only public members, with their wire names")
    func encodesNoPrivateMembers() throws {
        let jwk = PublicJWK(keyType: "RSA", modulus: "AQAB", exponent: "AQAB", keyID: "k", algorithm: "RS256", use: "sig")
        let data = try JSONEncoder().encode(JWKS(keys: [jwk]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: String]]])
        let members = try #require(object["keys"]?.first)
        #expect(Set(members.keys) == ["kty", "n", "e", "kid", "alg", "use"])
        #expect(try JSONDecoder().decode(JWKS.self, from: data) == JWKS(keys: [jwk]))
    }
}
