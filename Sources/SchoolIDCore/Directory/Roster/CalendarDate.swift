import Foundation

/// A calendar date without time zone (birth dates), ISO 8601 `YYYY-MM-DD`.
///
/// A birth date is a day on the calendar, not an instant: converting it to a timestamp
/// would move it by a day in some time zone. The year is limited to 1900–2100, which
/// covers every living person and catches typos such as `0214`. Leap years follow the
/// Gregorian rule (ISO 8601-1:2019 §3.2.1): February 29 exists in years divisible by 4,
/// except centuries not divisible by 400 (1900 and 2100 have none, 2000 has one).
///
/// Encodes as the string `"2014-03-09"`; decoding accepts only that form.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1900–2100.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–28…31.
    public let day: Int

    /// The years a date may fall in.
    public static let years = 1900...2100

    /// Validates a date.
    /// - Throws: `DomainError(.dateInvalid)` when the day does not exist or the year is
    ///   outside ``years``.
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard Self.years.contains(year) else {
            throw DomainError(.dateInvalid, detail: "year must be \(Self.years.lowerBound)–\(Self.years.upperBound)")
        }
        guard (1...12).contains(month) else { throw DomainError(.dateInvalid, detail: "month must be 1–12") }
        guard (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw DomainError(.dateInvalid, detail: "day \(day) does not exist in \(year)-\(Self.pad(month))")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO 8601 `2014-03-09` or the Russian `09.03.2014` (day and month may
    /// have one digit, `9.3.2014`, as spreadsheets sometimes write them).
    /// Surrounding whitespace is ignored.
    /// - Throws: `DomainError(.dateInvalid)`.
    public init(parsing text: String) throws(DomainError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.contains("-") {
            try self.init(iso: text)
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                parts[2].count == 4, let day = Self.digits(parts[0]), let month = Self.digits(parts[1]),
                let year = Self.digits(parts[2])
            else { throw DomainError(.dateInvalid, detail: "expected YYYY-MM-DD or DD.MM.YYYY") }
            try self.init(year: year, month: month, day: day)
        }
    }

    /// Parses exactly `YYYY-MM-DD` (RFC 3339 §5.6 `full-date`).
    /// - Throws: `DomainError(.dateInvalid)`.
    init(iso text: String) throws(DomainError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Self.digits(parts[0]), let month = Self.digits(parts[1]), let day = Self.digits(parts[2])
        else { throw DomainError(.dateInvalid, detail: "expected YYYY-MM-DD") }
        try self.init(year: year, month: month, day: day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(iso: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }

    /// Whether `year` has a February 29 (Gregorian rule).
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The value of ASCII digits only (`Int("+1")` would accept a sign).
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
