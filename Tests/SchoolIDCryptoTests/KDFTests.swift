import SchoolIDBase
import SchoolIDCrypto
import SchoolIDTesting
import Testing

@Suite struct KDFTests {
    struct ScryptVector: Decodable, Sendable, CustomTestStringConvertible {
        let P: String, S: String, N: Int, r: Int, p: Int, dkLen: Int, DK: String
        var testDescription: String { "P=\"\(P)\" N=\(N) r=\(r) p=\(p)" }
    }

    struct PBKDF2Vector: Decodable, Sendable, CustomTestStringConvertible {
        let P: String, S: String, c: Int, dkLen: Int, DK: String
        var testDescription: String { "P=\"\(P)\" c=\(c)" }
    }

    struct ScryptFile: Decodable {
        let vectors: [ScryptVector]
        enum CodingKeys: String, CodingKey { case vectors = "# 12.  Test Vectors for scrypt" }
    }

    struct PBKDF2File: Decodable {
        let vectors: [PBKDF2Vector]
        enum CodingKeys: String, CodingKey { case vectors = "# 11.  Test Vectors for PBKDF2 with HMAC-SHA-256" }
    }

    static let scrypt = (try? Fixtures.decode(ScryptFile.self, from: "rfc7914/section-12-scrypt.json").vectors) ?? []
    static let pbkdf2 = (try? Fixtures.decode(PBKDF2File.self, from: "rfc7914/section-11-pbkdf2-hmac-sha256.json")
        .vectors) ?? []

    @Test("the RFC 7914 fixtures hold three scrypt and two PBKDF2 vectors") func fixturesLoaded() {
        #expect(Self.scrypt.count == 3)
        #expect(Self.pbkdf2.count == 2)
    }

    @Test("RFC 7914 §12 scrypt test vectors (all but N = 2^20)", arguments: scrypt)
    func scryptVector(_ vector: ScryptVector) throws {
        let logN = vector.N.trailingZeroBitCount
        #expect(1 << logN == vector.N)
        let key = try Scrypt.deriveKey(password: Array(vector.P.utf8), salt: Array(vector.S.utf8), logN: logN,
                                       r: vector.r, p: vector.p, length: vector.dkLen)
        #expect(key == hex(vector.DK))
    }

    @Test("RFC 7914 §11 PBKDF2-HMAC-SHA256 test vectors", arguments: pbkdf2)
    func pbkdf2Vector(_ vector: PBKDF2Vector) throws {
        let key = try PBKDF2.deriveKey(password: Array(vector.P.utf8), salt: Array(vector.S.utf8),
                                       iterations: vector.c, digest: .sha256, length: vector.dkLen)
        #expect(key == hex(vector.DK))
    }

    @Test("the shipped-style scrypt parameters (N = 2^17, r = 8, p = 1) run under OpenSSL's raised memory limit")
    func shippedParameters() throws {
        let key = try Scrypt.deriveKey(password: Array("пароль-родителя".utf8), salt: [UInt8](repeating: 1, count: 16),
                                       logN: 17, r: 8, p: 1, length: 32)
        #expect(key.count == 32)
    }

    @Test("scrypt parameters out of range or over 1 GiB of memory are rejected", arguments: [
        (0, 8, 1, 32), (25, 1, 1, 32), (10, 0, 1, 32), (10, 8, 0, 32), (10, 65, 1, 32), (10, 8, 65, 32),
        (10, 8, 1, 0), (10, 8, 1, 1025), (20, 8, 1, 32),
    ])
    func scryptRejects(_ logN: Int, _ r: Int, _ p: Int, _ length: Int) {
        #expect(throws: CryptoError.invalidParameters) {
            try Scrypt.deriveKey(password: [1], salt: [2], logN: logN, r: r, p: p, length: length)
        }
    }

    @Test("PBKDF2 iteration counts and lengths out of range are rejected", arguments: [
        (0, 32), (10_000_001, 32), (1, 0), (1, 1025),
    ])
    func pbkdf2Rejects(_ iterations: Int, _ length: Int) {
        #expect(throws: CryptoError.invalidParameters) {
            try PBKDF2.deriveKey(password: [1], salt: [2], iterations: iterations, digest: .sha512, length: length)
        }
    }
}
