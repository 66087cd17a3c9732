import Foundation
import SchoolIDCore
import Testing

@Suite struct RosterCalendarDateTests {
    @Test("parses ISO 8601 and Russian dates to the same day", arguments: [
        ("2014-03-09", 2014, 3, 9), ("09.03.2014", 2014, 3, 9), ("9.3.2014", 2014, 3, 9),
        (" 2014-03-09 ", 2014, 3, 9), ("31.12.2100", 2100, 12, 31), ("1900-01-01", 1900, 1, 1),
        ("29.02.2012", 2012, 2, 29), ("2000-02-29", 2000, 2, 29),
    ])
    func parses(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
        let date = try CalendarDate(parsing: text)
        #expect(date == (try CalendarDate(year: year, month: month, day: day)))
        #expect(date.year == year && date.month == month && date.day == day)
    }

    @Test("refuses malformed dates, days that do not exist and years outside 1900–2100", arguments: [
        "", "2014", "2014-3-9", "14-03-09", "2014/03/09", "09.03.14", "2014-03-09T00:00:00Z", "+014-03-09",
        "2014-13-01", "2014-00-10", "2014-04-31", "31.04.2014", "00.01.2014", "2013-02-29", "29.02.1900",
        "2100-02-29", "1899-12-31", "2101-01-01", "０９.03.2014", "09.03.2014.", "2014-03-09-",
    ])
    func refuses(_ text: String) {
        let error = #expect(throws: DomainError.self) { try CalendarDate(parsing: text) }
        #expect(error?.code == .dateInvalid)
    }

    @Test("February 29 exists in leap years only: every fourth year, centuries only when divisible by 400",
          arguments: [(2012, true), (2013, false), (2000, true), (1900, false), (2100, false), (2024, true)])
    func leapDay(_ year: Int, _ leap: Bool) {
        #expect(CalendarDate.isLeapYear(year) == leap)
        #expect(((try? CalendarDate(year: year, month: 2, day: 29)) != nil) == leap)
    }

    @Test("describes, orders and codes itself as YYYY-MM-DD") func description() throws {
        let date = try CalendarDate(year: 2014, month: 3, day: 9)
        #expect(date.description == "2014-03-09")
        #expect(try CalendarDate(year: 2014, month: 3, day: 8) < date)
        #expect(date < (try CalendarDate(year: 2014, month: 10, day: 1)))
        #expect(date < (try CalendarDate(year: 2015, month: 1, day: 1)))
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2014-03-09"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        // Decoding takes only the ISO form, the one the API documents.
        #expect(throws: (any Error).self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["09.03.2014"]"#.utf8)) }
    }
}
