@testable import SchoolIDJOSE
import SchoolIDBase
import Testing

@Suite struct JWSVectorTests {
    @Test("RFC 7515 Appendix A.2 RS256: signing the example input gives the published signature")
    func rfc7515A2Sign() throws {
        let vector = try RFCVectors.rfc7515().a2.encoding
        let key = try SigningKey(privateJWK: vector.jwk)
        #expect(key.algorithm == .RS256)
        #expect(Base64URL.encode(try key.signature(for: vector.signingInput)) == vector.encodedSignature)
    }

    @Test("RFC 7515 Appendix A.2 RS256: the published JWS verifies with the public key")
    func rfc7515A2Verify() throws {
        let vector = try RFCVectors.rfc7515().a2.encoding
        let verified = try JWS.verify(vector.compact, key: VerificationKey(jwk: vector.publicJWK))
        #expect(verified.header == JWSHeader(algorithm: .RS256))
        #expect(verified.payload == Array(vector.payload.utf8))
    }

    @Test("RFC 7515 Appendix A.3 ES256: the published JWS verifies with the public key")
    func rfc7515A3Verify() throws {
        let vector = try RFCVectors.rfc7515().a3.encoding
        let verified = try JWS.verify(vector.compact, key: VerificationKey(jwk: vector.publicJWK))
        #expect(verified.header == JWSHeader(algorithm: .ES256))
        #expect(verified.payload == Array(vector.payload.utf8))
    }

    @Test("RFC 7515 Appendix A.3 ES256: the example private key derives the published public key and round-trips")
    func rfc7515A3RoundTrip() throws {
        let vector = try RFCVectors.rfc7515().a3.encoding
        let key = try SigningKey(privateJWK: vector.jwk)
        #expect(key.publicJWK.x == vector.publicJWK.x)
        #expect(key.publicJWK.y == vector.publicJWK.y)
        let compact = try JWS.sign(payload: Array(vector.payload.utf8), key: key)
        let verified = try JWS.verify(compact, keys: KeySet([try VerificationKey(jwk: vector.publicJWK)]))
        #expect(verified.payload == Array(vector.payload.utf8))
        #expect(verified.keyID == key.keyID)
    }

    @Test("RFC 8037 Appendix A.4 Ed25519: signing gives the published signature, and it verifies")
    func rfc8037A4() throws {
        let vector = try RFCVectors.rfc8037()
        let key = try SigningKey(privateJWK: vector.privateKey)
        let signature = try key.signature(for: Array(vector.signing.signingInput.utf8))
        #expect(vector.signing.signingInput + "." + Base64URL.encode(signature) == vector.signing.compact)
        let verified = try JWS.verify(vector.signing.compact, key: VerificationKey(jwk: vector.publicKey))
        #expect(verified.payload == Array(vector.signing.payload.utf8))
    }

    @Test("RFC 8037 Appendix A.3: an Ed25519 signing key's kid is the published thumbprint")
    func rfc8037KeyID() throws {
        let vector = try RFCVectors.rfc8037()
        #expect(try SigningKey(privateJWK: vector.privateKey).keyID == vector.thumbprint.thumbprint)
    }
}
