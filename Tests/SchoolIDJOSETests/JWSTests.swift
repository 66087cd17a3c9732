@testable import SchoolIDJOSE
import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct JWSTests {
    static let payload = Array(#"{"sub":"account-1"}"#.utf8)

    /// A compact JWS with an arbitrary header, really signed by `key` (so only the header is "wrong").
    static func forge(header: String, payload: [UInt8] = payload, key: SigningKey) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
        return input + "." + Base64URL.encode(try key.signature(for: Array(input.utf8)))
    }

    static func replacing(part index: Int, of compact: String, with text: String) -> String {
        var parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts[index] = text
        return parts.joined(separator: ".")
    }

    @Test("signs and verifies with every allowed algorithm, writing alg, kid and typ", arguments: JWSAlgorithm.allCases)
    func roundTrip(_ algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let compact = try JWS.sign(payload: Self.payload, type: "at+jwt", extraHeader: ["x-hint": .integer(1)], key: key)
        let verified = try JWS.verify(compact, keys: KeySet([key.verificationKey]))
        #expect(verified.payload == Self.payload)
        #expect(verified.header == JWSHeader(algorithm: algorithm, type: "at+jwt", keyID: key.keyID, extra: ["x-hint": .integer(1)]))
        #expect(verified.keyID == key.keyID)
    }

    @Test("rejects a kid that is not in the key set, and a missing kid, instead of trying other keys")
    func unknownKeyID() throws {
        let signer = try SigningKey.generate(.ES256)
        let other = try SigningKey.generate(.ES256)
        let compact = try JWS.sign(payload: Self.payload, key: signer)
        #expect(throws: JOSEError.unknownKeyID) { try JWS.verify(compact, keys: KeySet([other.verificationKey])) }
        let withoutKeyID = try Self.forge(header: #"{"alg":"ES256"}"#, key: signer)
        #expect(throws: JOSEError.unknownKeyID) { try JWS.verify(withoutKeyID, keys: KeySet([signer.verificationKey])) }
        #expect(throws: JOSEError.unknownKeyID) { try JWS.verify(compact, key: other.verificationKey) }
    }

    @Test("rejects a header alg that differs from the algorithm of the key its kid names")
    func algorithmMismatch() throws {
        let rsa = try SigningKey.generate(.RS256)
        for alg in ["ES256", "EdDSA"] {
            let compact = try Self.forge(header: #"{"alg":"\#(alg)","kid":"\#(rsa.keyID)"}"#, key: rsa)
            #expect(throws: JOSEError.algorithmMismatch) { try JWS.verify(compact, keys: KeySet([rsa.verificationKey])) }
            #expect(throws: JOSEError.algorithmMismatch) { try JWS.verify(compact, key: rsa.verificationKey) }
        }
    }

    @Test("rejects alg none, HS256 and unknown algorithms even with a known kid", arguments: ["none", "HS256", "ES384", "RSA-OAEP"])
    func unsupportedAlgorithm(_ alg: String) throws {
        let key = try SigningKey.generate(.ES256)
        let compact = try Self.forge(header: #"{"alg":"\#(alg)","kid":"\#(key.keyID)"}"#, key: key)
        #expect(throws: JOSEError.unsupportedAlgorithm) { try JWS.verify(compact, keys: KeySet([key.verificationKey])) }
    }

    @Test("rejects a validly signed header that carries crit")
    func critical() throws {
        let key = try SigningKey.generate(.EdDSA)
        let compact = try Self.forge(header: #"{"alg":"EdDSA","kid":"\#(key.keyID)","crit":["exp"],"exp":1}"#, key: key)
        #expect(throws: JOSEError.criticalHeader) { try JWS.verify(compact, keys: KeySet([key.verificationKey])) }
    }

    @Test("rejects a tampered payload, header or signature", arguments: JWSAlgorithm.allCases)
    func tampered(_ algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let keys = try KeySet([key.verificationKey])
        let compact = try JWS.sign(payload: Self.payload, key: key)
        let otherPayload = Self.replacing(part: 1, of: compact, with: Base64URL.encode(Array(#"{"sub":"account-2"}"#.utf8)))
        #expect(throws: JOSEError.invalidSignature) { try JWS.verify(otherPayload, keys: keys) }
        let otherHeader = Self.replacing(part: 0, of: compact, with: Base64URL.encode(Array(#"{"alg":"\#(algorithm.rawValue)","kid":"\#(key.keyID)","typ":"JWT"}"#.utf8)))
        #expect(throws: JOSEError.invalidSignature) { try JWS.verify(otherHeader, keys: keys) }
        var signature = Base64URL.decode(compact.split(separator: ".")[2])!
        signature[signature.count / 2] ^= 0x01
        #expect(throws: JOSEError.invalidSignature) { try JWS.verify(Self.replacing(part: 2, of: compact, with: Base64URL.encode(signature)), keys: keys) }
    }

    @Test("rejects ES256 signatures that are not exactly 64 raw bytes, including the DER form")
    func es256SignatureLength() throws {
        let key = try SigningKey.generate(.ES256)
        let keys = try KeySet([key.verificationKey])
        let compact = try JWS.sign(payload: Self.payload, key: key)
        let raw = Base64URL.decode(compact.split(separator: ".")[2])!
        let der = try ECDSASignature(rawRepresentation: raw).derRepresentation
        for wrong in [Array(raw.dropLast()), raw + [0], der] {
            #expect(throws: JOSEError.invalidSignature) { try JWS.verify(Self.replacing(part: 2, of: compact, with: Base64URL.encode(wrong)), keys: keys) }
        }
    }

    @Test("rejects a signature by another key of the same algorithm under a known kid")
    func wrongKey() throws {
        let trusted = try SigningKey.generate(.EdDSA)
        let attacker = try SigningKey.generate(.EdDSA)
        let compact = try Self.forge(header: #"{"alg":"EdDSA","kid":"\#(trusted.keyID)"}"#, key: attacker)
        #expect(throws: JOSEError.invalidSignature) { try JWS.verify(compact, keys: KeySet([trusted.verificationKey])) }
    }

    @Test("rejects oversized input before looking at it")
    func oversized() throws {
        let key = try SigningKey.generate(.ES256)
        let compact = try JWS.sign(payload: Array(repeating: UInt8(ascii: "a"), count: 20_000), key: key)
        #expect(throws: JOSEError.oversized) { try JWS.verify(compact, keys: KeySet([key.verificationKey])) }
        _ = try JWS.verify(compact, keys: KeySet([key.verificationKey]), maximumLength: 64 * 1024)
    }
}
