import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct TOTPTests {
    struct Row: Codable, Sendable { let time: Int64; let step: String; let totp: String }
    struct Vectors: Codable { let seed: String; let digits: Int; let rows: [Row] }
    struct File: Codable { let vectors: Vectors
        enum CodingKeys: String, CodingKey { case vectors = "Appendix B.  Test Vectors" }
    }

    static let vectors = try? Fixtures.decode(File.self, from: "rfc6238/appendix-b.json").vectors
    static let seed = Array("12345678901234567890".utf8)

    @Test("the vector file was found") func vectorsLoaded() {
        #expect(Self.vectors?.rows.count == 6)
        #expect(Self.vectors.map { Array($0.seed.utf8) } == Self.seed)
    }

    @Test("RFC 6238 Appendix B SHA1 rows: 8-digit codes and their time steps", arguments: vectors?.rows ?? [])
    func appendixB(_ row: Row) {
        let totp = TOTP(digits: 8, period: 30)
        let time = UnixTime(seconds: row.time)
        #expect(totp.step(at: time) == Int64(row.step, radix: 16))
        #expect(totp.code(secret: Self.seed, at: time) == row.totp)
    }

    @Test("RFC 6238 Appendix B SHA1 rows: the 6-digit code is the last six digits", arguments: vectors?.rows ?? [])
    func sixDigits(_ row: Row) {
        #expect(TOTP.standard.code(secret: Self.seed, at: UnixTime(seconds: row.time)) == String(row.totp.suffix(6)))
    }

    static let now = UnixTime(seconds: 1_111_111_111)

    @Test("accepts the codes of the current step and one step either side", arguments: [-1, 0, 1] as [Int64])
    func window(_ offset: Int64) {
        let totp = TOTP.standard
        let step = totp.step(at: Self.now) + offset
        let code = totp.code(secret: Self.seed, step: step)
        #expect(totp.matchingStep(code: code, secret: Self.seed, now: Self.now, after: nil) == step)
    }

    @Test("refuses the codes of two steps away", arguments: [-2, 2] as [Int64])
    func outsideWindow(_ offset: Int64) {
        let totp = TOTP.standard
        let code = totp.code(secret: Self.seed, step: totp.step(at: Self.now) + offset)
        #expect(totp.matchingStep(code: code, secret: Self.seed, now: Self.now, after: nil) == nil)
    }

    @Test("refuses a step already used and any earlier one") func replay() {
        let totp = TOTP.standard
        let current = totp.step(at: Self.now)
        let code = totp.code(secret: Self.seed, step: current)
        #expect(totp.matchingStep(code: code, secret: Self.seed, now: Self.now, after: current) == nil)
        #expect(totp.matchingStep(code: code, secret: Self.seed, now: Self.now, after: current + 1) == nil)
        #expect(totp.matchingStep(code: code, secret: Self.seed, now: Self.now, after: current - 1) == current)
    }

    @Test("ignores spaces and refuses malformed input",
          arguments: [("050 471", true), ("050471", true), ("05047", false), ("0504711", false), ("05O471", false), ("", false)])
    func input(_ text: String, _ accepted: Bool) {
        #expect((TOTP.standard.matchingStep(code: text, secret: Self.seed, now: Self.now, after: nil) != nil) == accepted)
    }

    @Test("a code made with another secret is refused") func otherSecret() {
        let code = TOTP.standard.code(secret: Self.seed, at: Self.now)
        #expect(TOTP.standard.matchingStep(code: code, secret: Array("abcdefghijabcdefghij".utf8), now: Self.now,
                                           after: nil) == nil)
    }
}
