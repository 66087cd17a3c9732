import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

@Suite struct LinkCodeTests {
    @Test("codes are XXXXX-XXXXX of the look-alike-free alphabet, at least 40 bits, and normalise to themselves")
    func shape() {
        let random = SeededRandomSource(seed: 21)
        #expect(Double(LinkCode.length) * log2(Double(LinkCode.alphabet.count)) >= 40)
        for _ in 0..<200 {
            let code = LinkCode.generate(using: random).unredacted
            #expect(code.count == 11 && Array(code)[5] == "-")
            #expect(code.filter { $0 != "-" }.allSatisfy { LinkCode.alphabet.contains($0) })
            #expect(LinkCode.normalise(code) == code)
        }
    }

    @Test("typed text normalises case, spaces and hyphens; anything else is refused", arguments: [
        ("acdef-ghjkm", "ACDEF-GHJKM"), ("ACDEF GHJKM", "ACDEF-GHJKM"), ("acdefghjkm", "ACDEF-GHJKM"),
        ("ACDEF-GHJK", nil), ("ACDEF-GHJKMN", nil), ("ACDEF-GHJK0", nil), ("ACDEF-GHJKO", nil), ("АCDEF-GHJKM", nil),
    ] as [(String, String?)])
    func normalise(_ text: String, _ expected: String?) {
        #expect(LinkCode.normalise(text) == expected)
    }

    @Test("the HMAC binds the code and the otp key under its own label")
    func hashBinding() {
        let key = StaticDataKeyProvider.testOTPKey
        let hash = LinkCode.hash("ACDEF-GHJKM", key: key)
        #expect(hash == HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:link_code:ACDEF-GHJKM".utf8)))
        #expect(hash != LinkCode.hash("ACDEF-GHJKN", key: key))
        #expect(hash != LinkCode.hash("ACDEF-GHJKM", key: .generate()))
    }
}
