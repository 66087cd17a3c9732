import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct TOTPEnrolmentTests {
    static let secret = Array("12345678901234567890".utf8)

    @Test("the Key Uri Format URI names the issuer, the login, the base32 secret and the parameters")
    func uri() {
        let enrolment = TOTPEnrolment(accountName: "parent.ivanova", secret: Self.secret)
        #expect(enrolment.uri.unredacted == "otpauth://totp/SchoolID:parent.ivanova?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=SchoolID&algorithm=SHA1&digits=6&period=30")
    }

    @Test("the label's account name is percent-encoded") func percentEncoding() {
        let enrolment = TOTPEnrolment(accountName: "a b:c@d", secret: Self.secret)
        #expect(enrolment.uri.unredacted.hasPrefix("otpauth://totp/SchoolID:a%20b%3Ac%40d?"))
    }

    @Test("the secret is shown in groups of four and is redacted in descriptions") func grouped() {
        let enrolment = TOTPEnrolment(accountName: "x", secret: Self.secret)
        #expect(enrolment.groupedSecret.unredacted == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")
        #expect("\(enrolment.secret)" == "[redacted]" && "\(enrolment.uri)" == "[redacted]")
    }
}

@Suite struct RecoveryCodeTests {
    @Test("the alphabet has 32 unambiguous symbols, so a code carries 50 bits") func alphabet() {
        #expect(Set(RecoveryCode.alphabet).count == 32)
        #expect(RecoveryCode.alphabet.allSatisfy { !"01lIoO".contains($0) })
        #expect(RecoveryCode.length * 5 == RecoveryCode.bits && RecoveryCode.bits >= 50)
    }

    @Test("codes are shown as xxxxx-xxxxx and normalized back") func display() {
        let code = RecoveryCode.generate(random: SeededRandomSource(seed: 1))
        let shown = RecoveryCode.display(code)
        #expect(shown.count == 11 && shown.split(separator: "-").map(\.count) == [5, 5])
        #expect(RecoveryCode.normalized(shown) == code)
        #expect(RecoveryCode.normalized(" " + shown.uppercased() + " ") == code)
    }

    @Test("typed text that cannot be a code is refused before hashing",
          arguments: ["", "abcde-fghi", "abcde-fghijk", "abcde-fgh1j", "abcde-fghoj"])
    func refuses(_ text: String) { #expect(RecoveryCode.normalized(text) == nil) }
}
