import Foundation
import SchoolIDBase
import SchoolIDJOSE
import Testing

@Suite struct KeyTests {
    static let ecX = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
    static let ecY = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
    static let edX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    /// A 1024-bit modulus (primality is irrelevant: the size check comes first).
    static let smallModulus = Base64URL.encode([0xC1] + Array(repeating: 0x5A, count: 126) + [0x01])

    @Test("imports P-256, Ed25519 and RSA public JWKs with the algorithm their type implies")
    func imports() throws {
        let ec = try VerificationKey(jwk: PublicJWK(keyType: "EC", curve: "P-256", x: Self.ecX, y: Self.ecY))
        #expect(ec.algorithm == .ES256)
        #expect(ec.publicJWK.algorithm == "ES256")
        #expect(ec.publicJWK.use == "sig")
        #expect(ec.keyID == (try ec.publicJWK.thumbprint()))
        let ed = try VerificationKey(jwk: PublicJWK(keyType: "OKP", curve: "Ed25519", x: Self.edX, keyID: "given", algorithm: "EdDSA"))
        #expect(ed.algorithm == .EdDSA)
        #expect(ed.keyID == "given")
    }

    @Test("rejects public JWKs whose kty, crv, alg or use do not fit an allowed algorithm", arguments: [
        (PublicJWK(keyType: "EC", curve: "P-384", x: ecX, y: ecY), JOSEError.unsupportedAlgorithm),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecY, algorithm: "ES512"), .unsupportedAlgorithm),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecY, algorithm: "none"), .unsupportedAlgorithm),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecY, algorithm: "RS256"), .algorithmMismatch),
        (PublicJWK(keyType: "OKP", curve: "Ed25519", x: edX, algorithm: "ES256"), .algorithmMismatch),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecY, use: "enc"), .unsupportedAlgorithm),
        (PublicJWK(keyType: "OKP", curve: "X25519", x: edX), .unsupportedAlgorithm),
        (PublicJWK(keyType: "oct"), .unsupportedAlgorithm),
        (PublicJWK(keyType: "RSA", curve: "P-256", modulus: "AQAB", exponent: "AQAB"), .unsupportedAlgorithm),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX), .malformed),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecY + "="), .malformed),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: ecX), .invalidKey),
        (PublicJWK(keyType: "EC", curve: "P-256", x: ecX, y: "AAAA"), .invalidKey),
        (PublicJWK(keyType: "OKP", curve: "Ed25519", x: "AAAA"), .invalidKey),
        (PublicJWK(keyType: "RSA", modulus: smallModulus, exponent: "AQAB"), .invalidKey),
    ])
    func rejects(_ jwk: PublicJWK, _ error: JOSEError) {
        #expect(throws: error) { try VerificationKey(jwk: jwk) }
    }

    @Test("a JWKS import skips unusable key types but fails on bad material or duplicate kids")
    func keySetFromJWKS() throws {
        let ed = PublicJWK(keyType: "OKP", curve: "Ed25519", x: Self.edX)
        let set = try KeySet(jwks: JWKS(keys: [PublicJWK(keyType: "EC", curve: "P-521"), ed, PublicJWK(keyType: "oct")]))
        #expect(set.keys.map(\.algorithm) == [.EdDSA])
        #expect(set.key(withID: "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k") != nil)
        #expect(throws: JOSEError.invalidKey) {
            try KeySet(jwks: JWKS(keys: [ed, PublicJWK(keyType: "RSA", modulus: Self.smallModulus, exponent: "AQAB")]))
        }
        #expect(throws: JOSEError.malformed) { try KeySet(jwks: JWKS(keys: [ed, ed])) }
    }

    @Test("a signing key's kid is the thumbprint of its public JWK, which carries alg and use", arguments: JWSAlgorithm.allCases)
    func signingKeyIdentity(_ algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        #expect(key.keyID == (try key.publicJWK.thumbprint()))
        #expect(key.publicJWK.keyID == key.keyID)
        #expect(key.publicJWK.algorithm == algorithm.rawValue)
        #expect(key.publicJWK.use == "sig")
        #expect(key.description == "SigningKey(\(algorithm.rawValue), kid: \(key.keyID))")
        #expect(!((key as Any) is any Encodable))
    }

    @Test("the published JWK of a signing key contains no private member", arguments: JWSAlgorithm.allCases)
    func publishedJWKIsPublic(_ algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let data = try JSONEncoder().encode(JWKS(keys: [key.publicJWK]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: String]]])
        let members = Set(try #require(object["keys"]?.first).keys)
        #expect(members.isDisjoint(with: ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]))
        #expect(members.isSuperset(of: ["kty", "kid", "alg", "use"]))
    }

    @Test("a signing key survives its PKCS#8 PEM file, and a PEM of another type is refused", arguments: JWSAlgorithm.allCases)
    func pemRoundTrip(_ algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let pem = key.unsafePrivateKeyPEMRepresentation
        #expect(try SigningKey(algorithm: algorithm, pemRepresentation: pem).keyID == key.keyID)
        let other = JWSAlgorithm.allCases.first { $0 != algorithm }!
        #expect(throws: JOSEError.invalidKey) { try SigningKey(algorithm: other, pemRepresentation: pem) }
    }

    @Test("refuses a private JWK whose private part does not match its public members")
    func mismatchedPrivateJWK() throws {
        let other = try SigningKey.generate(.ES256).publicJWK
        let json = #"{"kty":"EC","crv":"P-256","x":"\#(other.x!)","y":"\#(other.y!)","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#
        let jwk = try JSONDecoder().decode(PrivateJWK.self, from: Data(json.utf8))
        #expect(throws: JOSEError.invalidKey) { try SigningKey(privateJWK: jwk) }
        #expect(jwk.description == "PrivateJWK(kty: EC, <redacted>)")
        let missing = try JSONDecoder().decode(PrivateJWK.self, from: Data(#"{"kty":"OKP","crv":"Ed25519","x":"\#(Self.edX)"}"#.utf8))
        #expect(throws: JOSEError.malformed) { try SigningKey(privateJWK: missing) }
    }

    @Test("key sets refuse two keys with the same kid")
    func duplicateKeyIDs() throws {
        let key = try SigningKey.generate(.EdDSA)
        #expect(throws: JOSEError.malformed) { try KeySet([key.verificationKey, key.verificationKey]) }
        #expect(try KeySet([key.verificationKey]).jwks == JWKS(keys: [key.publicJWK]))
    }
}
