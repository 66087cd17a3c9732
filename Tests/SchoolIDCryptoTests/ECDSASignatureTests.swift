import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct ECDSASignatureTests {
    /// r = 1 (needs left padding), s = 0x80 followed by 31 zero bytes (needs a DER sign byte).
    static let raw = [UInt8](repeating: 0, count: 31) + [1] + [0x80] + [UInt8](repeating: 0, count: 31)
    static let der = [0x30, 0x26, 0x02, 0x01, 0x01, 0x02, 0x21, 0x00, 0x80] + [UInt8](repeating: 0, count: 31)

    @Test("raw r||s converts to minimal DER and back, left-padding small integers") func rawToDER() throws {
        let signature = try ECDSASignature(rawRepresentation: Self.raw)
        #expect(signature.derRepresentation == Self.der)
        let parsed = try ECDSASignature(derRepresentation: Self.der)
        #expect(parsed.rawRepresentation == Self.raw)
        #expect(parsed == signature)
    }

    @Test("raw signatures that are not exactly 64 bytes are rejected", arguments: [0, 32, 63, 65, 72])
    func wrongRawLength(_ count: Int) {
        #expect(throws: CryptoError.invalidSignatureEncoding) {
            try ECDSASignature(rawRepresentation: [UInt8](repeating: 1, count: count))
        }
    }

    @Test("malformed DER, trailing bytes and integers wider than 32 bytes are rejected", arguments: [
        [UInt8](),
        [0x30, 0x00],
        [0x04, 0x02, 0x01, 0x01],
        der + [0x00],
        Array(der.dropLast()),
        [0x30, 0x27, 0x02, 0x22, 0x01] + [UInt8](repeating: 0, count: 33) + [0x02, 0x01, 0x01],
    ])
    func malformedDER(_ bytes: [UInt8]) {
        #expect(throws: CryptoError.invalidSignatureEncoding) { try ECDSASignature(derRepresentation: bytes) }
    }
}
