import Foundation
import SchoolIDCore
import Testing

@Suite struct ErrorCodeTests {
    @Test("every code is unique snake_case", arguments: ErrorCode.allCases)
    func snakeCase(_ code: ErrorCode) {
        let raw = code.rawValue
        #expect(raw.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" })
        #expect(raw.first?.isLetter == true && !raw.hasSuffix("_") && !raw.contains("__"))
        #expect(ErrorCode.allCases.filter { $0.rawValue == raw }.count == 1)
    }

    @Test("every code has a Russian and an English message", arguments: ErrorCode.allCases)
    func messages(_ code: ErrorCode) {
        let russian = code.message(in: .russian)
        let english = code.message(in: .english)
        #expect(!russian.isEmpty && !english.isEmpty && russian != english)
        #expect(russian.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "Russian text must be in Cyrillic")
        #expect(english.allSatisfy { $0.isASCII || "–—’".contains($0) }, "English text must be English")
    }

    @Test("a domain error renders the catalogue text and keeps the code in its description") func rendering() {
        let error = DomainError(.loginCyrillicLookalike, detail: "Cyrillic letters: а → a")
        #expect(error.description == "login_cyrillic_lookalike: Cyrillic letters: а → a")
        #expect(error.message(in: .english).contains("Cyrillic"))
        #expect(MessageLanguage.default == .russian)
    }
}

@Suite struct LanguageNegotiationTests {
    @Test("Accept-Language picks Russian or English by quality, Russian by default", arguments: [
        (nil, MessageLanguage.russian), ("en", .english), ("en-US,en;q=0.9", .english), ("ru-RU", .russian),
        ("de-DE,de;q=0.9", .russian), ("de, en;q=0.5", .english), ("en;q=0.2, ru;q=0.8", .russian),
        ("en;q=0, ru;q=0.1", .russian), ("*", .russian), ("", .russian), ("EN", .english),
    ] as [(String?, MessageLanguage)])
    func negotiate(_ header: String?, _ expected: MessageLanguage) {
        #expect(MessageLanguage.negotiate(acceptLanguage: header) == expected)
    }
}
