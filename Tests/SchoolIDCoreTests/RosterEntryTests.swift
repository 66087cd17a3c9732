import Foundation
import SchoolIDCore
import Testing

@Suite struct AccountProfileTests {
    @Test("names are trimmed, NFC-normalised and their whitespace runs collapsed", arguments: [
        ("  Иванова ", "Иванова"),
        ("Римский  \t Корсаков", "Римский Корсаков"),
        ("Анна\u{00A0}Мария", "Анна Мария"),
        ("Андре\u{0438}\u{0306}", "Андрей"),  // и + combining breve → й
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("O'Connor & \"Sons\"", "O'Connor & \"Sons\""),
    ])
    func normalises(_ input: String, _ expected: String) throws {
        let entry = try AccountProfile(lastName: input, firstName: "Анна", patronymic: nil, birthDate: nil)
        #expect(entry.lastName == expected)
        #expect(entry.lastName.unicodeScalars.elementsEqual(expected.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("an empty or blank patronymic is nil", arguments: [nil, "", "   "] as [String?])
    func noPatronymic(_ patronymic: String?) throws {
        let entry = try AccountProfile(lastName: "Ким", firstName: "Лев", patronymic: patronymic, birthDate: nil)
        #expect(entry.patronymic == nil)
    }

    @Test("refuses empty, overlong and control-character names in any part", arguments: [
        ("", "Анна", nil), ("Иванова", " ", nil), ("Иванова", "Анна", String(repeating: "я", count: 101)),
        ("Ива\u{0000}нова", "Анна", nil), ("Иванова", "Ан\u{0007}на", nil), ("Иванова", "Анна", "Пет\u{202E}ровна"),
        ("Ива\u{200B}нова", "Анна", nil), (String(repeating: "ж", count: 101), "Анна", nil),
    ] as [(String, String, String?)])
    func refuses(_ last: String, _ first: String, _ patronymic: String?) {
        let error = #expect(throws: DomainError.self) {
            try AccountProfile(lastName: last, firstName: first, patronymic: patronymic, birthDate: nil)
        }
        #expect(error?.code == .nameInvalid)
    }

    @Test("100 characters is the longest name") func longest() throws {
        let name = String(repeating: "ё", count: 100)
        #expect(try AccountProfile(lastName: name, firstName: "Анна", patronymic: nil, birthDate: nil).lastName == name)
    }

    @Test("codes with snake_case members and validates when decoding") func coding() throws {
        let entry = try AccountProfile(lastName: "Иванова", firstName: "Анна", patronymic: "Сергеевна",
                                    birthDate: CalendarDate(year: 2014, month: 3, day: 9))
        let json = try JSONEncoder().encode(entry)
        let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: String])
        #expect(object == ["last_name": "Иванова", "first_name": "Анна", "patronymic": "Сергеевна", "birth_date": "2014-03-09"])
        #expect(try JSONDecoder().decode(AccountProfile.self, from: json) == entry)
        #expect(throws: DomainError(.nameInvalid, detail: "last name: empty")) {
            try JSONDecoder().decode(AccountProfile.self, from: Data(#"{"last_name":" ","first_name":"Анна"}"#.utf8))
        }
    }
}
