import SchoolIDCore
import Testing

@Suite struct PhoneNumberTests {
    @Test("normalises phone numbers to E.164", arguments: [
        ("8 (916) 123-45-67", "+79161234567"), ("+7 916 123 45 67", "+79161234567"),
        ("79161234567", "+79161234567"), ("89161234567", "+79161234567"), ("+44 20 7946 0958", "+442079460958"),
        ("+1 (212) 555-0100", "+12125550100"), ("+49.30.901820", "+4930901820"),
    ])
    func valid(_ input: String, _ expected: String) throws {
        #expect(try PhoneNumber(parsing: input).rawValue == expected)
    }

    @Test("rejects malformed phone numbers", arguments: [
        ("9161234567", ErrorCode.phoneInvalidFormat), ("+7 916 123 45 6x", .phoneInvalidFormat),
        ("+0 123 456 789", .phoneInvalidFormat), ("", .phoneInvalidFormat), ("+", .phoneInvalidFormat),
        ("+7 916 123 45 6", .phoneInvalidLength), ("+7 916 123 45 678", .phoneInvalidLength),
        ("+1234567", .phoneInvalidLength), ("+1234567890123456", .phoneInvalidLength),
    ])
    func invalid(_ input: String, _ code: ErrorCode) {
        let error = #expect(throws: DomainError.self) { try PhoneNumber(parsing: input) }
        #expect(error?.code == code)
    }
}

@Suite struct EmailTests {
    @Test("accepts addresses and lower-cases only the domain", arguments: [
        ("Anna.Petrova@Mail.RU", "Anna.Petrova@mail.ru"), (" parent+school@example.com ", "parent+school@example.com"),
        ("a@b.co", "a@b.co"), ("o'neil@xn--80a1acny.xn--p1ai", "o'neil@xn--80a1acny.xn--p1ai"),
    ])
    func valid(_ input: String, _ expected: String) throws {
        let email = try Email(parsing: input)
        #expect(email.rawValue == expected)
        #expect(email.domain == expected.split(separator: "@").last!)
    }

    @Test("rejects malformed addresses", arguments: [
        ("anna", ErrorCode.emailInvalidFormat), ("@mail.ru", .emailInvalidFormat), (".anna@mail.ru", .emailInvalidFormat),
        ("an..na@mail.ru", .emailInvalidFormat), ("an na@mail.ru", .emailInvalidFormat),
        ("anna@localhost", .emailInvalidDomain), ("anna@mail..ru", .emailInvalidDomain), ("anna@-mail.ru", .emailInvalidDomain),
        ("anna@почта.рф", .emailInvalidDomain), ("anna@1.2.3.4", .emailInvalidDomain),
        (String(repeating: "a", count: 65) + "@mail.ru", .emailInvalidFormat),
    ])
    func invalid(_ input: String, _ code: ErrorCode) {
        let error = #expect(throws: DomainError.self) { try Email(parsing: input) }
        #expect(error?.code == code)
    }
}
