import SchoolIDCore
import Testing

@Suite struct PasswordTests {
    @Test("normalises with NFKC and counts Unicode scalars", arguments: [
        ("correct horse", 13),
        ("ｐａｓｓ", 4),  // full-width letters fold to ASCII
        ("и\u{0306}", 1),  // и + combining breve composes to й
        ("ﬁle", 4),  // the ﬁ ligature decomposes to f i
        ("👍🏽", 2),  // one grapheme, two scalars
    ])
    func length(_ input: String, _ expected: Int) throws {
        #expect(try Password(input, maximumLength: 128).length == expected)
    }

    @Test("the NFKC form is what gets hashed") func normalisedBytes() throws {
        let password = try Password("ｐａｓｓ", maximumLength: 128)
        #expect(password.utf8.unredacted == Array("pass".utf8))
    }

    @Test("rejects passwords longer than the maximum after NFKC, without truncating") func tooLong() {
        #expect(throws: DomainError.self) { try Password(String(repeating: "a", count: 129), maximumLength: 128) }
        #expect(throws: Never.self) { try Password(String(repeating: "a", count: 128), maximumLength: 128) }
        let error = #expect(throws: DomainError.self) { try Password(String(repeating: "a", count: 129), maximumLength: 128) }
        #expect(error?.code == .passwordTooLong)
    }

    @Test("rejects empty passwords and control characters") func rejects() {
        #expect(throws: DomainError(.passwordEmpty)) { try Password("", maximumLength: 128) }
        #expect(throws: DomainError(.passwordInvalidCharacter)) { try Password("abc\u{0000}def", maximumLength: 128) }
    }

    @Test("never prints the password") func redacted() throws {
        let password = try Password("hunter2hunter2", maximumLength: 128)
        #expect("\(password)" == "[redacted]")
        #expect(String(reflecting: password) == "[redacted]")
        #expect(!"\(DomainError(.passwordTooShort))".contains("hunter2"))
    }
}
