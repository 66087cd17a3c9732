import SchoolIDCore
import Testing

@Suite struct LoginTests {
    @Test("normalises valid logins to lower-case ASCII", arguments: [
        ("ivanov", "ivanov"), ("  Ivanov.P ", "ivanov.p"), ("s572509101", "s572509101"),
        ("ＩＶＡＮＯＶ", "ivanov"), ("a-b_c.d", "a-b_c.d"), ("abc", "abc"),
    ])
    func valid(_ input: String, _ expected: String) throws {
        #expect(try Login(parsing: input).rawValue == expected)
    }

    @Test("a login typed with Cyrillic look-alike letters gets login_cyrillic_lookalike naming them")
    func cyrillicLookalike() {
        let error = #expect(throws: DomainError.self) { try Login(parsing: "ivаnоv") }  // а and о are Cyrillic
        #expect(error?.code == .loginCyrillicLookalike)
        #expect(error?.detail == "Cyrillic letters: а → a, о → o")
    }

    @Test("a login typed entirely on the Russian layout's look-alikes is recognised", arguments: ["Сергей", "РОМА", "хакер"])
    func wholeCyrillic(_ input: String) {
        let error = #expect(throws: DomainError.self) { try Login(parsing: input) }
        #expect(error?.code == .loginCyrillicLookalike)
    }

    @Test("rejects invalid logins with a specific code", arguments: [
        ("ab", ErrorCode.loginInvalidLength), (String(repeating: "a", count: 33), .loginInvalidLength),
        ("", .loginInvalidLength), ("iva nov", .loginInvalidCharacter), ("ivan@ov", .loginInvalidCharacter),
        ("жзш", .loginInvalidCharacter), (".ivanov", .loginInvalidFormat), ("ivanov-", .loginInvalidFormat),
        ("iva..nov", .loginInvalidFormat), ("iva._nov", .loginInvalidFormat),
    ])
    func invalid(_ input: String, _ code: ErrorCode) {
        let error = #expect(throws: DomainError.self) { try Login(parsing: input) }
        #expect(error?.code == code)
    }

    @Test("rawValue init accepts only normal forms") func rawValue() {
        #expect(Login(rawValue: "ivanov") != nil)
        #expect(Login(rawValue: "Ivanov") == nil)
    }
}

@Suite struct SchoolCodeTests {
    @Test("accepts and normalises school codes", arguments: [("S57", "s57"), ("msk1535", "msk1535")])
    func valid(_ input: String, _ expected: String) throws {
        #expect(try SchoolCode(parsing: input).rawValue == expected)
    }

    @Test("rejects malformed school codes", arguments: ["s", "школа", "s-57", "abcdefghijklm"])
    func invalid(_ input: String) {
        #expect(throws: DomainError(.schoolCodeInvalid)) { try SchoolCode(parsing: input) }
    }
}
