import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct AES256GCMTests {
    struct GCMVector: Decodable, Sendable {
        let K: String, P: String, A: String, IV: String, C: String, T: String
    }

    static let testCase16 = SectionedVectors<GCMVector>.load("mcgrew-viega-gcm/test-case-16.json")

    private static func vector() throws -> GCMVector { try #require(testCase16.first).vector }

    @Test("McGrew–Viega GCM Appendix B Test Case 16 (AES-256, with AAD) seals to the exact ciphertext and tag")
    func testCase16Seal() throws {
        let vector = try Self.vector()
        let key = try SymmetricKey(bytes: hex(vector.K))
        let box = try AES256GCM.seal(hex(vector.P), using: key, nonce: hex(vector.IV), authenticating: hex(vector.A))
        #expect(box.ciphertext == hex(vector.C))
        #expect(box.tag == hex(vector.T))
        #expect(box.combined == hex(vector.IV) + hex(vector.C) + hex(vector.T))
    }

    @Test("McGrew–Viega GCM Appendix B Test Case 16 opens to the plaintext") func testCase16Open() throws {
        let vector = try Self.vector()
        let key = try SymmetricKey(bytes: hex(vector.K))
        let box = try AESGCMSealedBox(nonce: hex(vector.IV), ciphertext: hex(vector.C), tag: hex(vector.T))
        #expect(try AES256GCM.open(box, using: key, authenticating: hex(vector.A)) == hex(vector.P))
    }

    @Test("a random-nonce seal round-trips through the combined form") func roundTrip() throws {
        let key = SymmetricKey.generate()
        let plaintext = Array("Иванов Иван, 5А".utf8)
        let box = try AES256GCM.seal(plaintext, using: key, authenticating: Array("users:name:1:v1".utf8))
        #expect(box.nonce.count == 12 && box.tag.count == 16)
        let reopened = try AESGCMSealedBox(combined: box.combined)
        #expect(try AES256GCM.open(reopened, using: key, authenticating: Array("users:name:1:v1".utf8)) == plaintext)
        #expect(try AES256GCM.seal(plaintext, using: key, authenticating: []).nonce != box.nonce)
    }

    @Test("empty plaintext and empty AAD still produce an authenticated box") func empty() throws {
        let key = SymmetricKey.generate()
        let box = try AES256GCM.seal([], using: key, authenticating: [])
        #expect(box.ciphertext.isEmpty)
        #expect(try AES256GCM.open(box, using: key, authenticating: []) == [])
        #expect(throws: CryptoError.authenticationFailure) {
            try AES256GCM.open(box, using: key, authenticating: [0])
        }
    }

    enum Tamper: String, CaseIterable, Sendable { case tag, ciphertext, aad, nonce, key }

    @Test("a tampered tag, ciphertext, AAD, nonce or key fails authentication", arguments: Tamper.allCases)
    func tampered(_ tamper: Tamper) throws {
        let vector = try Self.vector()
        var key = hex(vector.K), nonce = hex(vector.IV), ciphertext = hex(vector.C), tag = hex(vector.T)
        var aad = hex(vector.A)
        switch tamper {
        case .tag: tag[15] ^= 1
        case .ciphertext: ciphertext[0] ^= 0x80
        case .aad: aad[aad.count - 1] ^= 1
        case .nonce: nonce[0] ^= 1
        case .key: key[31] ^= 1
        }
        let box = try AESGCMSealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
        #expect(throws: CryptoError.authenticationFailure) {
            try AES256GCM.open(box, using: try SymmetricKey(bytes: key), authenticating: aad)
        }
    }

    @Test("keys that are not 32 bytes are rejected", arguments: [0, 16, 31, 33, 64])
    func wrongKeyLength(_ count: Int) {
        #expect(throws: CryptoError.invalidKey) { try SymmetricKey(bytes: [UInt8](repeating: 7, count: count)) }
    }

    @Test("nonces that are not 12 bytes are rejected", arguments: [0, 8, 11, 13, 16])
    func wrongNonceLength(_ count: Int) {
        let key = SymmetricKey.generate()
        let nonce = [UInt8](repeating: 1, count: count)
        #expect(throws: CryptoError.invalidParameters) {
            try AES256GCM.seal([1], using: key, nonce: nonce, authenticating: [])
        }
        #expect(throws: CryptoError.invalidParameters) {
            try AESGCMSealedBox(nonce: nonce, ciphertext: [], tag: [UInt8](repeating: 0, count: 16))
        }
    }

    @Test("tags that are not 16 bytes are rejected", arguments: [0, 4, 12, 15, 17])
    func wrongTagLength(_ count: Int) {
        #expect(throws: CryptoError.invalidParameters) {
            try AESGCMSealedBox(nonce: [UInt8](repeating: 0, count: 12), ciphertext: [1], tag: [UInt8](repeating: 0, count: count))
        }
    }

    @Test("a combined box shorter than nonce plus tag is rejected") func shortCombined() {
        #expect(throws: CryptoError.invalidParameters) { try AESGCMSealedBox(combined: [UInt8](repeating: 0, count: 27)) }
    }

    @Test("a symmetric key never prints its bytes") func keyRedacted() throws {
        let key = try SymmetricKey(bytes: [UInt8](repeating: 0xAB, count: 32))
        #expect(!"\(key)".contains("ab") && !String(reflecting: key).contains("171"))
        #expect(key.unsafeBytes == [UInt8](repeating: 0xAB, count: 32))
    }
}
