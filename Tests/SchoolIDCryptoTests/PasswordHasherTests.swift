import SchoolIDBase
import SchoolIDCrypto
import SchoolIDTesting
import Testing

@Suite struct PasswordHasherTests {
    /// The test profile every integration test uses (scrypt N = 2^10).
    static let cheap = ScryptParameters(logN: 10, r: 8, p: 1)
    static let hasher = PasswordHasher(parameters: cheap, random: SeededRandomSource(seed: 7))
    static let password = Array("correct horse battery staple".utf8)

    /// Made offline with Python 3.11 and passlib 1.7.4, salt = "SchoolID-salt-01", password above:
    /// PHC rows with `hashlib.pbkdf2_hmac(d, pw, salt, 1000, l)` and unpadded `base64.b64encode`;
    /// passlib rows with `pbkdf2_sha256.using(salt=salt, rounds=29000).hash(pw)` (and sha512,
    /// rounds=25000), each also checked against `hashlib.pbkdf2_hmac`; the scrypt row with
    /// `passlib.hash.scrypt.using(salt=salt, rounds=10, block_size=8, parallelism=1)`.
    static let foreignHashes = [
        "$pbkdf2-sha256$i=1000,l=32$U2Nob29sSUQtc2FsdC0wMQ$WP5pm6CNbwJGYnnHgU+d7jFQRd+Srwoq5NIIy1NFvkY",
        "$pbkdf2-sha512$i=1000,l=64$U2Nob29sSUQtc2FsdC0wMQ$zYK39SZSHII/UfB2jZdlX6tByAdZhOjbGrHz4jG4z5aqd4KfcvwTE46xQookUUMjAOQ5ZJSD6Ws6iH7caNiWYQ",
        "$pbkdf2-sha256$29000$U2Nob29sSUQtc2FsdC0wMQ$C9vj.3.g8ktAKMR/ubn6QdJKvsuLylpdgyf3sSvBU4M",
        "$pbkdf2-sha512$25000$U2Nob29sSUQtc2FsdC0wMQ$5sHEYY1aWlVHmJhf90m7nAluXvsQxrdj.n2/GPL7vHtPoJizRFptudpRP4JeApybdKnZBshJaFcW67PTMqgq1A",
        "$scrypt$ln=10,r=8,p=1$U2Nob29sSUQtc2FsdC0wMQ$D5FurkK8WqDmYKLX/z6ci8epmGgxIVFdtwH6Jv4n+D4",
    ]

    @Test("hash produces a PHC scrypt string that verifies, and a wrong password does not") func roundTrip() throws {
        let encoded = try Self.hasher.hash(Self.password)
        #expect(encoded.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        let fields = encoded.split(separator: "$")
        #expect(fields.count == 4 && !fields[2].contains("=") && !fields[3].contains("="))
        #expect(try Self.hasher.verify(Self.password, against: encoded))
        #expect(try !Self.hasher.verify(Self.password + [0x21], against: encoded))
        #expect(try !Self.hasher.verify([], against: encoded))
    }

    @Test("two hashes of one password use different salts") func saltsDiffer() throws {
        #expect(try Self.hasher.hash(Self.password) != (try Self.hasher.hash(Self.password)))
    }

    @Test("RFC 7914 §12 vector 2 written as a PHC string verifies") func rfcVectorAsPHC() throws {
        let encoded = "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWIurzDZLiKjiG/xCSedmDDaxyevuUqD7m2DYMvfoswGQA"
        #expect(try Self.hasher.verify(Array("password".utf8), against: encoded))
        #expect(try !Self.hasher.verify(Array("Password".utf8), against: encoded))
    }

    @Test("PBKDF2 (PHC and passlib forms) and passlib scrypt strings made by Python verify", arguments: foreignHashes)
    func foreignHash(_ encoded: String) throws {
        #expect(try Self.hasher.verify(Self.password, against: encoded))
        #expect(try !Self.hasher.verify(Array("correct horse battery stapler".utf8), against: encoded))
        // Only the passlib scrypt row matches the current profile (ln 10, r 8, p 1, 16 + 32 bytes).
        #expect(Self.hasher.needsRehash(encoded) == !encoded.hasPrefix("$scrypt$"))
    }

    @Test("needsRehash is false only for scrypt with the current parameters") func needsRehash() throws {
        let current = try Self.hasher.hash(Self.password)
        #expect(!Self.hasher.needsRehash(current))
        let stronger = PasswordHasher(parameters: ScryptParameters(logN: 11, r: 8, p: 1))
        #expect(stronger.needsRehash(current))
        #expect(PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 2)).needsRehash(current))
        #expect(PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 1, keyLength: 64)).needsRehash(current))
        #expect(PasswordHasher(parameters: ScryptParameters(logN: 10, r: 8, p: 1, saltLength: 32)).needsRehash(current))
        #expect(Self.hasher.needsRehash("not a hash"))
    }

    @Test("the shipped parameters (ln 17, r 8, p 1) hash and verify") func shippedParameters() throws {
        let hasher = PasswordHasher(parameters: ScryptParameters(logN: 17, r: 8, p: 1))
        let encoded = try hasher.hash(Self.password)
        #expect(encoded.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try hasher.verify(Self.password, against: encoded))
        #expect(!hasher.needsRehash(encoded))
    }

    @Test("malformed hash strings throw malformedHash", arguments: [
        "", "$", "scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA", "$scrypt$ln=10,r=8,p=1$c2FsdA",
        "$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA$extra", "$scrypt$ln=10,r=8$c2FsdA$aGFzaA",
        "$scrypt$r=8,ln=10,p=1$c2FsdA$aGFzaA", "$scrypt$ln=10,r=8,p=1,x=2$c2FsdA$aGFzaA",
        "$scrypt$ln=010,r=8,p=1$c2FsdA$aGFzaA", "$scrypt$ln=-1,r=8,p=1$c2FsdA$aGFzaA",
        "$scrypt$ln=10,r=8,p=1$c2FsdA==$aGFzaA", "$scrypt$ln=10,r=8,p=1$c2Fsd!$aGFzaA",
        "$scrypt$ln=10,r=8,p=1$$aGFzaA", "$scrypt$ln=10,r=8,p=1$c2FsdA$", "$scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaB",
        "$scrypt$ln=40,r=8,p=1$c2FsdA$aGFzaA", "$scrypt$ln=20,r=8,p=1$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=0,l=4$c2FsdA$aGFzaA", "$pbkdf2-sha256$i=1000,l=5$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$l=4,i=1000$c2FsdA$aGFzaA", "$pbkdf2-sha256$29000$c2F+dA$aGFzaA",
        "$pbkdf2-sha256$29000x$c2FsdA$aGFzaA", "$Scrypt$ln=10,r=8,p=1$c2FsdA$aGFzaA",
    ])
    func malformed(_ encoded: String) {
        #expect(throws: CryptoError.malformedHash) { try Self.hasher.verify(Self.password, against: encoded) }
        #expect(Self.hasher.needsRehash(encoded))
    }

    @Test("well-formed strings of other algorithms throw unsupportedAlgorithm", arguments: [
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "$pbkdf2$29000$c2FsdA$aGFzaA",
    ])
    func unsupported(_ encoded: String) {
        #expect(throws: CryptoError.unsupportedAlgorithm) { try Self.hasher.verify(Self.password, against: encoded) }
    }

    @Test("hashing with unusable parameters throws invalidParameters", arguments: [
        ScryptParameters(logN: 0, r: 8, p: 1), ScryptParameters(logN: 10, r: 8, p: 1, saltLength: 4),
        ScryptParameters(logN: 10, r: 8, p: 1, keyLength: 8), ScryptParameters(logN: 22, r: 8, p: 1),
    ])
    func badParameters(_ parameters: ScryptParameters) {
        #expect(throws: CryptoError.invalidParameters) {
            try PasswordHasher(parameters: parameters).hash(Self.password)
        }
    }
}
