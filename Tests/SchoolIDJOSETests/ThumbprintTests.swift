import SchoolIDJOSE
import SchoolIDTesting
import Testing

@Suite struct ThumbprintTests {
    struct RFC7638: Decodable {
        struct Example: Decodable { let jwk: PublicJWK; let thumbprint: String }
        let example: Example
        enum CodingKeys: String, CodingKey { case example = "# 3.1.  Example JWK Thumbprint Computation" }
    }

    struct RFC8037: Decodable {
        struct Canonicalization: Decodable { let thumbprint: String }
        let publicKey: PublicJWK
        let canonicalization: Canonicalization
        enum CodingKeys: String, CodingKey {
            case publicKey = "# A.2.  Ed25519 Public Key"
            case canonicalization = "# A.3.  JWK Thumbprint Canonicalization"
        }
    }

    @Test("RFC 7638 §3.1 thumbprint of the example RSA key")
    func rfc7638() throws {
        let vector = try Fixtures.decode(RFC7638.self, from: "rfc7638/section-3.1.json").example
        #expect(try vector.jwk.thumbprint() == vector.thumbprint)
        #expect(vector.thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test("RFC 8037 Appendix A.3 thumbprint of the Ed25519 key")
    func rfc8037() throws {
        let vector = try Fixtures.decode(RFC8037.self, from: "rfc8037/appendix-a.json")
        #expect(try vector.publicKey.thumbprint() == vector.canonicalization.thumbprint)
    }

    @Test("kid, alg and use do not change the thumbprint")
    func optionalMembersIgnored() throws {
        let bare = PublicJWK(keyType: "OKP", curve: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        var decorated = bare
        decorated.keyID = "other"
        decorated.algorithm = "EdDSA"
        decorated.use = "sig"
        #expect(try decorated.thumbprint() == bare.thumbprint())
    }

    @Test("rejects unknown key types, missing members and values that would need JSON escaping")
    func rejects() {
        #expect(throws: JOSEError.unsupportedAlgorithm) { try PublicJWK(keyType: "oct").thumbprint() }
        #expect(throws: JOSEError.malformed) { try PublicJWK(keyType: "EC", curve: "P-256", x: "AAAA").thumbprint() }
        #expect(throws: JOSEError.malformed) { try PublicJWK(keyType: "RSA", modulus: "AAAA", exponent: "").thumbprint() }
        #expect(throws: JOSEError.malformed) { try PublicJWK(keyType: "OKP", curve: "Ed25519\"", x: "AAAA").thumbprint() }
    }
}
