import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct P256Tests {
    /// SEC 2 §2.4.2 base point G = 1·G and the group order n.
    static let gx = hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
    static let gy = hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
    static let order = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    static let message = Array("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0".utf8)

    @Test("generate → PKCS#8 PEM → re-import → sign → verify") func pemRoundTrip() throws {
        let key = try P256.PrivateKey()
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reimported = try P256.PrivateKey(pemRepresentation: key.pemRepresentation)
        #expect(reimported.rawRepresentation == key.rawRepresentation)
        let publicKey = try P256.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        #expect(key.publicKey.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let signature = try reimported.signature(for: Self.message)
        #expect(signature.rawRepresentation.count == 64)
        #expect(publicKey.isValidSignature(signature, for: Self.message))
        #expect(key.publicKey.isValidSignature(try ECDSASignature(derRepresentation: signature.derRepresentation),
                                               for: Self.message))
    }

    @Test("a changed message or a flipped signature bit does not verify") func tamper() throws {
        let key = try P256.PrivateKey()
        let signature = try key.signature(for: Self.message)
        #expect(!key.publicKey.isValidSignature(signature, for: Self.message + [0x20]))
        var raw = signature.rawRepresentation
        raw[40] ^= 0x01
        #expect(!key.publicKey.isValidSignature(try ECDSASignature(rawRepresentation: raw), for: Self.message))
        #expect(!key.publicKey.isValidSignature(try ECDSASignature(rawRepresentation: [UInt8](repeating: 0, count: 64)),
                                                for: Self.message))
        #expect(!(try P256.PrivateKey()).publicKey.isValidSignature(signature, for: Self.message))
    }

    @Test("JWK components round-trip: d derives (x, y), and (x, y) verifies") func jwkRoundTrip() throws {
        let key = try P256.PrivateKey()
        let fromD = try P256.PrivateKey(rawRepresentation: key.rawRepresentation)
        #expect(fromD.publicKey.x == key.publicKey.x && fromD.publicKey.y == key.publicKey.y)
        let publicKey = try P256.PublicKey(x: key.publicKey.x, y: key.publicKey.y)
        #expect(publicKey.x.count == 32 && publicKey.y.count == 32)
        #expect(publicKey.isValidSignature(try fromD.signature(for: Self.message), for: Self.message))
    }

    @Test("SEC 2 §2.4.2: the private scalar 1 has the base point G as public key") func scalarOne() throws {
        let key = try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [1])
        #expect(key.publicKey.x == Self.gx)
        #expect(key.publicKey.y == Self.gy)
        #expect(key.rawRepresentation == [UInt8](repeating: 0, count: 31) + [1])
    }

    @Test("a point not on the curve is rejected") func offCurve() {
        var y = Self.gy
        y[31] ^= 1
        #expect(throws: CryptoError.invalidKey) { try P256.PublicKey(x: Self.gx, y: y) }
        #expect(throws: CryptoError.invalidKey) {
            try P256.PublicKey(x: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32))
        }
    }

    @Test("coordinates that are not 32 bytes are rejected", arguments: [31, 33, 0])
    func wrongCoordinateLength(_ count: Int) {
        #expect(throws: CryptoError.invalidKey) { try P256.PublicKey(x: [UInt8](repeating: 1, count: count), y: Self.gy) }
        #expect(throws: CryptoError.invalidKey) { try P256.PublicKey(x: Self.gx, y: [UInt8](repeating: 1, count: count)) }
    }

    @Test("private scalars of the wrong length, zero, or not below the order are rejected") func badScalar() {
        #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(rawRepresentation: Self.order) }
        #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 0xFF, count: 32)) }
    }

    @Test("PEM of another curve, another algorithm, the SEC 1 form, or garbage is rejected") func badPEM() throws {
        let ed25519 = try Ed25519.PrivateKey()
        for pem in [TestKeys.p384PrivatePEM, TestKeys.p256TraditionalPEM, ed25519.pemRepresentation, "garbage", ""] {
            #expect(throws: CryptoError.invalidKey) { try P256.PrivateKey(pemRepresentation: pem) }
        }
        for pem in [TestKeys.p384PublicPEM, ed25519.publicKey.pemRepresentation, TestKeys.p384PrivatePEM, ""] {
            #expect(throws: CryptoError.invalidKey) { try P256.PublicKey(pemRepresentation: pem) }
        }
    }

    @Test("one key signs and verifies from many tasks at once (pooled OpenSSL contexts)") func concurrent() async throws {
        let key = try P256.PrivateKey()
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    var allValid = true
                    for round in 0..<25 {
                        let message = Array("task \(index) round \(round)".utf8)
                        let signature = try key.signature(for: message)
                        allValid = allValid && key.publicKey.isValidSignature(signature, for: message)
                            && !key.publicKey.isValidSignature(signature, for: message + [1])
                    }
                    return allValid
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 8))
    }

    @Test("a private key does not print its scalar") func redacted() throws {
        let key = try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [0x77])
        let text = "\(key) \(String(reflecting: key))"
        #expect(!text.contains("119") && !text.contains("77"))
    }
}
