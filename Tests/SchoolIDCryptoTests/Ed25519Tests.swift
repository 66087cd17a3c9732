import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct Ed25519Tests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        let secretKey: String, publicKey: String, message: String, signature: String
        var heading = ""
        enum CodingKeys: String, CodingKey {
            case secretKey = "SECRET KEY", publicKey = "PUBLIC KEY", message = "MESSAGE", signature = "SIGNATURE"
        }
        var testDescription: String { heading }
    }

    static let rfc8032: [Vector] = SectionedVectors<Vector>.load("rfc8032/section-7.1-ed25519.json").map {
        var vector = $0.vector
        vector.heading = $0.heading
        return vector
    }

    @Test("the RFC 8032 fixture holds TEST 1, 2 and 3") func fixtureLoaded() { #expect(Self.rfc8032.count == 3) }

    @Test("RFC 8032 §7.1: the secret key derives the public key and signs to the exact signature",
          arguments: rfc8032)
    func rfc8032Vector(_ vector: Vector) throws {
        let key = try Ed25519.PrivateKey(rawRepresentation: hex(vector.secretKey))
        #expect(key.publicKey.rawRepresentation == hex(vector.publicKey))
        #expect(key.rawRepresentation == hex(vector.secretKey))
        #expect(try key.signature(for: hex(vector.message)) == hex(vector.signature))
        let publicKey = try Ed25519.PublicKey(rawRepresentation: hex(vector.publicKey))
        #expect(publicKey.isValidSignature(hex(vector.signature), for: hex(vector.message)))
    }

    @Test("RFC 8032 §7.1: a flipped signature or message bit fails verification", arguments: rfc8032)
    func rfc8032Tampered(_ vector: Vector) throws {
        let publicKey = try Ed25519.PublicKey(rawRepresentation: hex(vector.publicKey))
        var signature = hex(vector.signature)
        signature[10] ^= 0x04
        #expect(!publicKey.isValidSignature(signature, for: hex(vector.message)))
        #expect(!publicKey.isValidSignature(hex(vector.signature), for: hex(vector.message) + [0]))
        #expect(!publicKey.isValidSignature(Array(hex(vector.signature).dropLast()), for: hex(vector.message)))
    }

    @Test("generate → PKCS#8 PEM → re-import → sign → verify") func pemRoundTrip() throws {
        let key = try Ed25519.PrivateKey()
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reimported = try Ed25519.PrivateKey(pemRepresentation: key.pemRepresentation)
        #expect(reimported.rawRepresentation == key.rawRepresentation)
        let publicKey = try Ed25519.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        #expect(publicKey.rawRepresentation == key.publicKey.rawRepresentation)
        let message = Array("receipt".utf8)
        let signature = try reimported.signature(for: message)
        #expect(signature.count == 64)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!(try Ed25519.PrivateKey()).publicKey.isValidSignature(signature, for: message))
    }

    @Test("keys that are not 32 bytes are rejected", arguments: [0, 31, 33, 64])
    func wrongLength(_ count: Int) {
        let bytes = [UInt8](repeating: 9, count: count)
        #expect(throws: CryptoError.invalidKey) { try Ed25519.PrivateKey(rawRepresentation: bytes) }
        #expect(throws: CryptoError.invalidKey) { try Ed25519.PublicKey(rawRepresentation: bytes) }
    }

    @Test("PEM of another algorithm or garbage is rejected") func badPEM() throws {
        let p256 = try P256.PrivateKey()
        for pem in [p256.pemRepresentation, TestKeys.rsa1024PrivatePEM, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"] {
            #expect(throws: CryptoError.invalidKey) { try Ed25519.PrivateKey(pemRepresentation: pem) }
        }
        for pem in [p256.publicKey.pemRepresentation, "nope"] {
            #expect(throws: CryptoError.invalidKey) { try Ed25519.PublicKey(pemRepresentation: pem) }
        }
    }
}
