import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct LoginPatternTests {
    let pattern = TestPolicies.set.credentials.loginPattern
    var class9A: LoginPattern.ClassValues {
        LoginPattern.ClassValues(schoolCode: SchoolCode(rawValue: "s57")!, schoolYearStart: 2025, grade: 9, letterIndex: 1)
    }

    @Test("students of one class share the class prefix") func prefix() throws {
        let random = SeededRandomSource(seed: 1)
        #expect(try pattern.classPrefix(class9A) == "s5725091")
        #expect(try pattern.login(class9A, sequence: 1, random: random).rawValue == "s5725091001")
        #expect(try pattern.login(class9A, sequence: 27, random: random).rawValue == "s5725091027")
    }

    @Test("a value wider than its field is an error, not a silent truncation") func overflow() {
        let random = SeededRandomSource(seed: 1)
        #expect(throws: DomainError.self) { try pattern.login(class9A, sequence: 1000, random: random) }
        var wide = class9A
        wide.letterIndex = 12
        let error = #expect(throws: DomainError.self) { try pattern.classPrefix(wide) }
        #expect(error?.code == .loginPatternOverflow)
    }

    @Test("parses literals, four-digit years and random student fields") func parsing() throws {
        let custom = try LoginPattern(parsing: "{school_code}-{year:4}.{grade:1}{letter_index:2}-{random:4}")
        #expect(custom.segments == [
            .schoolCode, .literal("-"), .year(width: 4), .literal("."), .grade(width: 1), .letterIndex(width: 2),
            .literal("-"), .random(width: 4),
        ])
        let login = try custom.login(class9A, sequence: 1, random: SeededRandomSource(seed: 3))
        #expect(login.rawValue.hasPrefix("s57-2025.901-"))
        #expect(login.rawValue.count == "s57-2025.901-".count + 4)
    }

    @Test("rejects malformed patterns", arguments: [
        "{school_code}{year:2}{grade:2}{letter_index:1}{seq}", "{school_code}{year:2}{grade:2}{letter_index:1}{seq:7}",
        "{school_code}{year:2}{grade:2}{letter_index:1}{seq:3}{random:4}", "{school_code}{year:2}{grade:2}{letter_index:1}{seq:x}",
        "{school_code:2}{year:2}{grade:2}{letter_index:1}{seq:3}", "{school_code}{year:2}{grade:2}{letter_index:1}{seq:3}}",
        "{school_code}{year:4}{grade:2}{letter_index:2}{random:12}abcdefg",
    ])
    func rejects(_ source: String) {
        #expect(throws: LoginPattern.ParseError.self) { try LoginPattern(parsing: source) }
    }
}
