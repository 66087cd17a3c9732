import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct Base64URLTests {
    struct Vector: Codable, Sendable { let input: String; let base64url: String }
    struct File: Codable { let vectors: [Vector]
        enum CodingKeys: String, CodingKey { case vectors = "# 10.  Test Vectors" }
    }

    static let vectors: [Vector] = (try? Fixtures.decode(File.self, from: "rfc4648/section-10.json").vectors) ?? []

    @Test("RFC 4648 §10 test vectors encode and decode", arguments: vectors)
    func rfcVector(_ vector: Vector) {
        #expect(Base64URL.encode(Array(vector.input.utf8)) == vector.base64url)
        #expect(Base64URL.decode(vector.base64url) == Array(vector.input.utf8))
    }

    @Test("the vector file was found") func vectorsLoaded() { #expect(Self.vectors.count == 7) }

    @Test("uses the URL-safe alphabet") func urlSafe() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test("rejects padding, standard-alphabet characters, bad length and non-zero trailing bits",
          arguments: ["Zg==", "+/8", "/w", "Z", "Zh", "Zm9=", "Zm 9v", "Zm9v\n"])
    func rejects(_ text: String) { #expect(Base64URL.decode(text) == nil) }

    @Test("hex round-trips and rejects odd length and non-hex") func hex() {
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xAB, 0xFF])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
