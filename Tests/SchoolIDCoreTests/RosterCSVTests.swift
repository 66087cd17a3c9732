import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct RosterCSVTests {
    private func entry(_ last: String, _ first: String, _ patronymic: String?, _ date: String?) throws -> AccountProfile {
        try AccountProfile(lastName: last, firstName: first, patronymic: patronymic,
                        birthDate: date.map { try CalendarDate(parsing: $0) })
    }

    private func fixture(_ name: String) throws -> [UInt8] { Array(try Fixtures.data("roster/\(name)")) }

    private func cp1251(_ text: String) throws -> [UInt8] { Array(try #require(text.data(using: .windowsCP1251))) }

    @Test("reads the 30-student Windows-1251 ;-separated class file Excel writes") func windows1251() throws {
        let bytes = try fixture("class-7b-cp1251.csv")
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")
        let entries = try Roster.parseCSV(bytes)
        #expect(entries.count == 30)
        #expect(entries.first == (try entry("Алексеев", "Артём", "Игоревич", "2012-02-14")))
        #expect(entries.contains(try entry("Ёлкин", "Фёдор", "Петрович", "2012-06-30")))
        #expect(entries.contains(try entry("Григорьева", "Полина", "Сергеевна", "2012-02-29")))
        #expect(entries.contains(try entry("Яковлева", "Милана", nil, nil)))
        // The same class as JSON decodes to the same entries.
        #expect(try Roster.parseJSON(fixture("class-7b.json")) == entries)
    }

    @Test("reads UTF-8 with , and quoted fields holding the delimiter, quotes and blank rows") func utf8Comma() throws {
        let entries = try Roster.parseCSV(fixture("class-utf8-comma.csv"))
        #expect(entries == [
            try entry("Смирнова", "Анна", "Петровна", "2013-04-01"),
            try entry("Римский-Корсаков", "Николай, младший", "Андреевич", "2013-03-18"),
            try entry("О'Коннор \"Ирландец\"", "Шон", nil, nil),
            try entry("Кузнецов", "Пётр", nil, "2013-12-31"),
        ])
    }

    @Test("reads UTF-8 with a byte order mark, CRLF, columns reordered and a trailing ;;; row") func utf8BOM() throws {
        let bytes = try fixture("class-utf8-bom.csv")
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try Roster.parseCSV(bytes) == [
            try entry("Смирнова", "Анна", "Петровна", "2013-04-01"),
            try entry("Римский-Корсаков", "Николай", "Андреевич", "2013-03-18"),
        ])
    }

    @Test("recognises headers in Russian or English, any case and order", arguments: [
        "Фамилия;Имя;Отчество;Дата рождения\nИванова;Анна;Сергеевна;09.03.2014",
        "Имя;Дата рождения;Фамилия;Отчество\nАнна;09.03.2014;Иванова;Сергеевна",
        "last_name,first_name,patronymic,birth_date\nИванова,Анна,Сергеевна,2014-03-09",
        "LAST NAME,First Name,Middle Name,BirthDate\nИванова,Анна,Сергеевна,2014-03-09",
        "Birth Date;Patronymic;First_Name;Last_Name\n2014-03-09;Сергеевна;Анна;Иванова",
        " ФАМИЛИЯ ; имя ;Отчество;Дата  Рождения\nИванова;Анна;Сергеевна;9.3.2014\n",
        "\"Фамилия\";\"Имя\";\"Отчество\";\"Дата рождения\"\r\n\"Иванова\";\"Анна\";\"Сергеевна\";\"09.03.2014\"\r\n",
        "Фамилия;Имя;Отчество;Дата рождения\rИванова;Анна;Сергеевна;09.03.2014\r",
        "\n\nФамилия;Имя;Отчество;Дата рождения\n\nИванова;Анна;Сергеевна;09.03.2014\n\n",
    ])
    func headers(_ text: String) throws {
        let expected = try entry("Иванова", "Анна", "Сергеевна", "2014-03-09")
        #expect(try Roster.parseCSV(Array(text.utf8)) == [expected])
        #expect(try Roster.parseCSV(cp1251(text)) == [expected])
    }

    @Test("without a patronymic or birth date column those stay nil; a stray trailing ; is tolerated", arguments: [
        "Фамилия;Имя\nИванова;Анна", "Имя,Фамилия\nАнна,Иванова\n", "Фамилия;Имя;\nИванова;Анна;\n",
        "Фамилия;Имя;Отчество;Дата рождения\nИванова;Анна;;",
    ])
    func optionalColumns(_ text: String) throws {
        #expect(try Roster.parseCSV(Array(text.utf8)) == [try entry("Иванова", "Анна", nil, nil)])
    }

    @Test("a quoted field may span lines; its line break becomes a space and later rows keep their line numbers")
    func multilineField() throws {
        let text = "Фамилия;Имя\r\n\"Римский-\r\nКорсаков\";Николай\r\n\"Иванова\";\"Анна \"\"Аня\"\"\"\r\n"
        #expect(try Roster.parseCSV(Array(text.utf8)) == [
            try entry("Римский- Корсаков", "Николай", nil, nil), try entry("Иванова", "Анна \"Аня\"", nil, nil),
        ])
        #expect(throws: DomainError(.rosterInvalidRow, detail: "row 5: expected 2 fields, found 3")) {
            try Roster.parseCSV(Array((text + "Петров;Пётр;лишнее\r\n").utf8))
        }
    }

    @Test("names are kept as typed: markup is data, escaped later by the renderer") func markup() throws {
        let entries = try Roster.parseCSV(Array("Фамилия,Имя\n<script>alert(1)</script>,\"<b>&amp;</b>\"\n".utf8))
        #expect(entries == [try entry("<script>alert(1)</script>", "<b>&amp;</b>", nil, nil)])
    }

    @Test("each malformed roster fails whole with its own code and the row in the detail", arguments: [
        ("", DomainError(.rosterEmpty, detail: "the file is empty")),
        ("\r\n\n  \n", DomainError(.rosterEmpty, detail: "the file is empty")),
        ("Фамилия;Имя\n", DomainError(.rosterEmpty, detail: "the file has a header but no students")),
        ("Фамилия;Имя\n;\n\n ; \n", DomainError(.rosterEmpty, detail: "the file has a header but no students")),
        ("Фамилия\nИванова\n",
         DomainError(.rosterMissingColumn, detail: "the header has one column; separate columns with , or ;")),
        ("Фамилия;Отчество\nИванова;Сергеевна\n", DomainError(.rosterMissingColumn, detail: "no first name column")),
        ("Имя,Дата рождения\nАнна,09.03.2014\n", DomainError(.rosterMissingColumn, detail: "no last name column")),
        ("Фамилия;Имя;Класс\nИванова;Анна;7Б\n", DomainError(.rosterUnknownColumn, detail: "unknown column \"Класс\"")),
        ("Фамилия;Имя;\nИванова;Анна;7Б\n", DomainError(.rosterUnknownColumn, detail: "column 3 has values but no header")),
        ("Фамилия,Имя;Отчество\nИванова,Анна;Сергеевна\n",
         DomainError(.rosterInvalidRow, detail: "row 1: the header uses both , and ; between columns")),
        ("Фамилия;Имя;имя\nИванова;Анна;Аня\n",
         DomainError(.rosterInvalidRow, detail: "row 1: the first name column appears twice")),
        ("Фамилия;Имя\nИванова;Анна;Сергеевна\n", DomainError(.rosterInvalidRow, detail: "row 2: expected 2 fields, found 3")),
        ("Фамилия;Имя\n\nИванова\n", DomainError(.rosterInvalidRow, detail: "row 3: expected 2 fields, found 1")),
        ("Фамилия;Имя\nИванова;Анна\n;Пётр\n", DomainError(.rosterInvalidRow, detail: "row 3: last name: empty")),
        ("Фамилия;Имя\nИванова;Ан\u{7}на\n",
         DomainError(.rosterInvalidRow, detail: "row 2: first name: contains a control or invisible character")),
        ("Фамилия;Имя;Дата рождения\nИванова;Анна;30.02.2012\n",
         DomainError(.rosterInvalidRow, detail: "row 2: birth date: day 30 does not exist in 2012-02")),
        ("Фамилия;Имя;Дата рождения\nИванова;Анна;2014/03/09\n",
         DomainError(.rosterInvalidRow, detail: "row 2: birth date: expected YYYY-MM-DD or DD.MM.YYYY")),
        ("Фамилия;Имя\n\"Ива\"нова;Анна\n", DomainError(.rosterInvalidRow, detail: "row 2: text after a closing quote")),
        ("Фамилия;Имя\nИва\"нова;Анна\n", DomainError(.rosterInvalidRow, detail: "row 2: a quote inside an unquoted field")),
        ("Фамилия;Имя\nИванова;\"Анна\n", DomainError(.rosterInvalidRow, detail: "row 2: a quoted field is never closed")),
    ])
    func malformed(_ text: String, _ expected: DomainError) throws {
        #expect(throws: expected) { try Roster.parseCSV(Array(text.utf8)) }
        #expect(throws: expected) { try Roster.parseCSV(cp1251(text)) }
    }

    @Test("bytes that are not UTF-8 or Windows-1251 text are refused", arguments: [
        [0xFF, 0xFE, 0x24, 0x04, 0x3B, 0x00],  // UTF-16LE
        [0xFE, 0xFF, 0x04, 0x24, 0x00, 0x3B],  // UTF-16BE
        Array("Фамилия;Имя\nИванова;Анна\u{0}\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("Фамилия;Имя\n".utf8) + [0xC8, 0xE2, 0xE0, 0x3B, 0xC0, 0x0A],  // BOM, then 1251
    ] as [[UInt8]])
    func encoding(_ bytes: [UInt8]) {
        let error = #expect(throws: DomainError.self) { try Roster.parseCSV(bytes) }
        #expect(error?.code == .rosterInvalidEncoding)
    }

    @Test("at most 2000 students and 1 MiB") func limits() throws {
        let row = "Иванова;Анна\n"
        let full = "Фамилия;Имя\n" + String(repeating: row, count: Roster.maximumEntries)
        #expect(try Roster.parseCSV(Array(full.utf8)).count == 2000)
        #expect(throws: DomainError(.rosterTooLarge, detail: "more than 2000 students")) {
            try Roster.parseCSV(Array((full + row).utf8))
        }
        let padded = Array("Фамилия;Имя\nИванова;Анна\n".utf8) + [UInt8](repeating: 0x0A, count: Roster.maximumBytes)
        #expect(throws: DomainError(.rosterTooLarge, detail: "more than 1048576 bytes")) { try Roster.parseCSV(padded) }
    }
}
