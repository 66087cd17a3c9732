import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct RosterJSONTests {
    @Test("reads students with and without optional members") func reads() throws {
        let json = #"""
            {"students": [
              {"last_name": " Иванова ", "first_name": "Анна", "patronymic": "Сергеевна", "birth_date": "2014-03-09"},
              {"last_name": "Ким", "first_name": "Лев", "patronymic": null, "birth_date": null},
              {"first_name": "Ева", "last_name": "<script>alert(1)</script>", "patronymic": ""}
            ]}
            """#
        #expect(try Roster.parseJSON(Array(json.utf8)) == [
            try AccountProfile(lastName: "Иванова", firstName: "Анна", patronymic: "Сергеевна",
                            birthDate: CalendarDate(year: 2014, month: 3, day: 9)),
            try AccountProfile(lastName: "Ким", firstName: "Лев", patronymic: nil, birthDate: nil),
            try AccountProfile(lastName: "<script>alert(1)</script>", firstName: "Ева", patronymic: nil, birthDate: nil),
        ])
        #expect(try Roster.parseJSON([0xEF, 0xBB, 0xBF] + Array(json.utf8)).count == 3)
    }

    @Test("reads the 30-student class fixture") func fixture() throws {
        let entries = try Roster.parseJSON(Array(Fixtures.data("roster/class-7b.json")))
        #expect(entries.count == 30 && Set(entries).count == 30)
    }

    @Test("each malformed roster fails whole with its own code and the entry index in the detail", arguments: [
        ("", DomainError(.invalidJSON, detail: "the body is not valid JSON")),
        ("{\"students\": [}", DomainError(.invalidJSON, detail: "the body is not valid JSON")),
        ("{\"students\": [], \"students\": []}", DomainError(.invalidJSON, detail: "the body is not valid JSON")),
        ("[]", DomainError(.invalidJSON, detail: "expected an object with a \"students\" array")),
        ("{}", DomainError(.invalidJSON, detail: "\"students\" must be an array")),
        ("{\"students\": {}}", DomainError(.invalidJSON, detail: "\"students\" must be an array")),
        ("{\"students\": [], \"class\": \"7Б\"}", DomainError(.invalidJSON, detail: "unknown member \"class\"")),
        ("{\"students\": []}", DomainError(.rosterEmpty, detail: "\"students\" is empty")),
        ("{\"students\": [\"Иванова\"]}", DomainError(.rosterInvalidRow, detail: "students[0]: expected an object")),
        (#"{"students": [{"last_name": "Ким", "first_name": "Лев"}, {"last_name": "Ли", "first_name": "Ян", "grade": 7}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[1]: unknown member \"grade\"")),
        (#"{"students": [{"last_name": "Ким"}]}"#, DomainError(.rosterInvalidRow, detail: "students[0]: first_name is missing")),
        (#"{"students": [{"last_name": null, "first_name": "Лев"}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[0]: last_name must be a string")),
        (#"{"students": [{"last_name": "Ким", "first_name": "Лев", "patronymic": 1}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[0]: patronymic must be a string")),
        (#"{"students": [{"last_name": "", "first_name": "Лев"}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[0]: last name: empty")),
        (#"{"students": [{"last_name": "Ким", "first_name": "Лев", "birth_date": "09.03.2014"}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[0]: birth_date: expected YYYY-MM-DD")),
        (#"{"students": [{"last_name": "Ким", "first_name": "Лев", "birth_date": "2013-02-29"}]}"#,
         DomainError(.rosterInvalidRow, detail: "students[0]: birth_date: day 29 does not exist in 2013-02")),
    ])
    func malformed(_ text: String, _ expected: DomainError) {
        #expect(throws: expected) { try Roster.parseJSON(Array(text.utf8)) }
    }

    @Test("at most 2000 students and 1 MiB") func limits() throws {
        let student = #"{"last_name": "Ким", "first_name": "Лев"}"#
        func roster(_ count: Int) -> [UInt8] {
            Array(("{\"students\": [" + Array(repeating: student, count: count).joined(separator: ",") + "]}").utf8)
        }
        #expect(try Roster.parseJSON(roster(2000)).count == 2000)
        #expect(throws: DomainError(.rosterTooLarge, detail: "more than 2000 students")) { try Roster.parseJSON(roster(2001)) }
        let padded = Array("{\"students\": []}".utf8) + [UInt8](repeating: 0x20, count: Roster.maximumBytes)
        #expect(throws: DomainError(.rosterTooLarge, detail: "more than 1048576 bytes")) { try Roster.parseJSON(padded) }
    }
}
