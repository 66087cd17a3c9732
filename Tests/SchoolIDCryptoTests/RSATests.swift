import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct RSATests {
    /// One 2048-bit key shared by the suite: RSA key generation is the slow part.
    static let key: RSA.PrivateKey = {
        do { return try RSA.PrivateKey(bits: 2048) } catch { fatalError("RSA keygen failed: \(error)") }
    }()

    static let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0".utf8)

    @Test("generate → PKCS#8 PEM → re-import → sign → verify") func pemRoundTrip() throws {
        let key = Self.key
        #expect(key.publicKey.bitCount == 2048)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reimported = try RSA.PrivateKey(pemRepresentation: key.pemRepresentation)
        let publicKey = try RSA.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        let signature = try reimported.signature(for: Self.message)
        #expect(signature.count == 256)
        #expect(signature == (try key.signature(for: Self.message)))  // PKCS#1 v1.5 is deterministic
        #expect(publicKey.isValidSignature(signature, for: Self.message))
    }

    @Test("a changed message or a flipped signature bit does not verify") func tamper() throws {
        let signature = try Self.key.signature(for: Self.message)
        var flipped = signature
        flipped[100] ^= 0x10
        #expect(!Self.key.publicKey.isValidSignature(flipped, for: Self.message))
        #expect(!Self.key.publicKey.isValidSignature(signature, for: Self.message + [0]))
        #expect(!Self.key.publicKey.isValidSignature(Array(signature.dropFirst()), for: Self.message))
        #expect(!Self.key.publicKey.isValidSignature([], for: Self.message))
    }

    @Test("JWK components round-trip through a private and a public import") func components() throws {
        let components = Self.key.components
        #expect(components.n.first != 0 && components.n.count == 256)
        #expect(components.e == [0x01, 0x00, 0x01])
        let imported = try RSA.PrivateKey(components: components)
        #expect(imported.publicKey.modulus == Self.key.publicKey.modulus)
        let publicKey = try RSA.PublicKey(modulus: components.n, exponent: components.e)
        #expect(publicKey.exponent == [0x01, 0x00, 0x01])
        #expect(publicKey.isValidSignature(try imported.signature(for: Self.message), for: Self.message))
        let padded = try RSA.PublicKey(modulus: [0] + components.n, exponent: [0] + components.e)
        #expect(padded.modulus == components.n)
    }

    @Test("components that do not belong together are rejected") func inconsistentComponents() {
        var components = Self.key.components
        components.d[components.d.count - 1] ^= 0x02
        #expect(throws: CryptoError.invalidKey) { try RSA.PrivateKey(components: components) }
        var missing = Self.key.components
        missing.qi = [0]
        #expect(throws: CryptoError.invalidKey) { try RSA.PrivateKey(components: missing) }
    }

    @Test("keys under 2048 bits are rejected in every import") func tooSmall() {
        #expect(RSA.minimumBits == 2048)
        #expect(throws: CryptoError.invalidKey) { try RSA.PrivateKey(pemRepresentation: TestKeys.rsa1024PrivatePEM) }
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(pemRepresentation: TestKeys.rsa1024PublicPEM) }
        #expect(throws: CryptoError.invalidKey) {
            try RSA.PublicKey(modulus: TestKeys.rsa1024Modulus, exponent: [1, 0, 1])
        }
        #expect(throws: CryptoError.invalidParameters) { try RSA.PrivateKey(bits: 1024) }
    }

    @Test("private components with a modulus under 2048 bits are rejected") func smallComponents() {
        // The size check runs before the pairwise check, so the other integers need not match.
        #expect(throws: CryptoError.invalidKey) {
            try RSA.PrivateKey(components: .init(n: TestKeys.rsa1024Modulus, e: [1, 0, 1], d: [3], p: [5], q: [7],
                                                 dp: [1], dq: [1], qi: [1]))
        }
    }

    @Test("malformed moduli and exponents are rejected", arguments: [
        ([UInt8](), [UInt8]([1, 0, 1])),
        ([UInt8](repeating: 0xFF, count: 255) + [0xFE], [1, 0, 1]),  // even modulus
        ([UInt8](repeating: 0xFF, count: 256), [1]),  // e = 1
        ([UInt8](repeating: 0xFF, count: 256), [1, 0, 0]),  // even exponent
        ([UInt8](repeating: 0xFF, count: 256), []),
    ])
    func malformedPublic(_ modulus: [UInt8], _ exponent: [UInt8]) {
        #expect(throws: CryptoError.invalidKey) { try RSA.PublicKey(modulus: modulus, exponent: exponent) }
    }

    @Test("PEM of another algorithm is rejected") func wrongAlgorithm() throws {
        let ed25519 = try Ed25519.PrivateKey()
        #expect(throws: CryptoError.invalidKey) { try RSA.PrivateKey(pemRepresentation: ed25519.pemRepresentation) }
        #expect(throws: CryptoError.invalidKey) {
            try RSA.PublicKey(pemRepresentation: ed25519.publicKey.pemRepresentation)
        }
    }

    @Test("private components never print") func redacted() {
        let text = "\(Self.key.components) \(String(reflecting: Self.key.components))"
        #expect(text == "RSA.PrivateComponents(redacted) RSA.PrivateComponents(redacted)")
    }
}
