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

@Suite struct SNILSTests {
    @Test("accepts numbers whose check digits match, in every branch of the algorithm", arguments: [
        "112-233-445 95",  // sum 95 < 100: the example of the official algorithm
        "110-704-341 93",  // sum 93
        "050-234-316 00",  // sum 100 → 00
        "016-103-396 00",  // sum 101 → 00
        "291-417-776 94",  // sum 195 → 195 mod 101 = 94
        "820-981-233 00",  // sum 201 → mod 101 = 100 → 00
        "11223344595",  // without separators
        "001-001-998 00",  // ≤ 001-001-998: not checked
        "001-001-998 42",
    ])
    func valid(_ input: String) throws {
        let snils = try SNILS(parsing: input)
        #expect(snils.rawValue.count == 11)
    }

    @Test("rejects numbers whose check digits do not match", arguments: [
        "112-233-445 96", "050-234-316 01", "016-103-396 01", "291-417-776 93", "820-981-233 100",
        "001-001-999 00",
    ])
    func badChecksum(_ input: String) {
        let error = #expect(throws: DomainError.self) { try SNILS(parsing: input) }
        #expect(error?.code == (input.count > 14 ? .snilsInvalidFormat : .snilsInvalidChecksum))
    }

    @Test("rejects malformed numbers", arguments: ["112-233-445 9", "112-233-445 9a", "", "112/233/445 95"])
    func badFormat(_ input: String) {
        #expect(throws: DomainError(.snilsInvalidFormat)) { try SNILS(parsing: input) }
    }

    @Test("formats as 123-456-789 01 and masks its description") func formatting() throws {
        let snils = try SNILS(parsing: "11223344595")
        #expect(snils.formatted == "112-233-445 95")
        #expect(snils.description == "***-***-*** 95")
        #expect(!"\(snils)".contains("112"))
    }
}
