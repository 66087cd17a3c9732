import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

@Suite struct ChallengeCodeTests {
    @Test("codes have the policy's length, allow leading zeros and use every digit evenly in every position")
    func uniformDigits() {
        let random = SeededRandomSource(seed: 11)
        var counts = Array(repeating: Array(repeating: 0, count: 10), count: 6)
        for _ in 0..<10_000 {
            let code = OTPCode.generate(length: 6, using: random).unredacted
            #expect(OTPCode.isWellFormed(code, length: 6))
            for (position, digit) in code.enumerated() { counts[position][digit.wholeNumberValue!] += 1 }
        }
        // 1000 expected per cell; 4.5 standard deviations is about ±135.
        #expect(counts.allSatisfy { $0.allSatisfy { (865...1135).contains($0) } })
        #expect(OTPCode.generate(length: 10, using: random).unredacted.count == 10)
    }

    @Test("only exactly length ASCII digits are well formed", arguments: [
        ("000000", true), ("123456", true), ("12345", false), ("1234567", false), ("12345a", false),
        ("１２３４５６", false), (" 12345", false),
    ])
    func wellFormed(_ text: String, _ expected: Bool) {
        #expect(OTPCode.isWellFormed(text, length: 6) == expected)
    }

    @Test("the hash binds the code, the challenge id and the otp key")
    func hashBinding() throws {
        let random = SeededRandomSource(seed: 3)
        let (first, second) = (Challenge.ID.random(using: random), Challenge.ID.random(using: random))
        let key = StaticDataKeyProvider.testOTPKey
        let hash = OTPCode.hash("123456", challengeID: first, key: key)
        #expect(hash.count == 32)
        #expect(hash == HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:otp:\(first.rawValue):123456".utf8)))
        #expect(hash != OTPCode.hash("123457", challengeID: first, key: key))
        #expect(hash != OTPCode.hash("123456", challengeID: second, key: key))
        #expect(hash != OTPCode.hash("123456", challengeID: first, key: .generate()))
        #expect(first.rawValue.hasPrefix("chl_"))
    }
}
