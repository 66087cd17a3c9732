import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct Base32Tests {
    struct Vector: Codable, Sendable { let input: String; let base32: String }
    struct File: Codable { let vectors: [Vector]
        enum CodingKeys: String, CodingKey { case vectors = "# 10.  Test Vectors" }
    }

    static let vectors: [Vector] = (try? Fixtures.decode(File.self, from: "rfc4648/section-10-base32.json").vectors) ?? []

    @Test("RFC 4648 §10 BASE32 vectors encode unpadded and decode padded or not", arguments: vectors)
    func rfcVector(_ vector: Vector) {
        let unpadded = vector.base32.replacingOccurrences(of: "=", with: "")
        #expect(Base32.encode(Array(vector.input.utf8)) == unpadded)
        #expect(Base32.decode(vector.base32) == Array(vector.input.utf8))
        #expect(Base32.decode(unpadded) == Array(vector.input.utf8))
    }

    @Test("the vector file was found") func vectorsLoaded() { #expect(Self.vectors.count == 7) }

    @Test("decodes lower case, spaces and hyphens as typed from a screen") func tolerant() {
        #expect(Base32.decode("mzxw 6ytb-oi") == Array("foobar".utf8))
    }

    @Test("round-trips every length of a 20-byte TOTP secret") func roundTrip() {
        let bytes = (0..<20).map { UInt8($0 * 13 + 7) }
        for count in 0...bytes.count {
            let prefix = Array(bytes.prefix(count))
            #expect(Base32.decode(Base32.encode(prefix)) == prefix)
        }
    }

    @Test("refuses characters outside the alphabet, padding before data and impossible lengths",
          arguments: ["MZXW0", "MZXW1", "MZ=XW", "M", "MZX", "MZXW6Y", "MZ_W"])
    func rejects(_ text: String) { #expect(Base32.decode(text) == nil) }
}
