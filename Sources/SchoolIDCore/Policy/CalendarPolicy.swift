import SchoolIDJOSE
import Foundation
import SchoolIDBase

/// `calendar.json`: when school years start and end, and the school's time zone.
///
/// Russian schools run 1 September – 31 August by default (the academic year starts on
/// 1 September; summer holidays belong to the year that is ending). Dates are computed in
/// the configured time zone (default `Europe/Moscow`), so "end of the school year" is
/// local midnight, not UTC midnight.
public struct CalendarPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "calendar.json"

    /// First day of every school year.
    public let startsOn: MonthDay
    /// Last day of every school year.
    public let endsOn: MonthDay
    /// The IANA time zone identifier, e.g. `Europe/Moscow`.
    public let timeZoneIdentifier: String

    /// The school year that `time` falls in: the one whose first day is the latest on or
    /// before `time`. Between `endsOn` and the next `startsOn` (when the policy leaves a
    /// gap), that is the year that has just ended.
    public func schoolYear(containing time: UnixTime) -> SchoolYear {
        let calendar = gregorian
        let date = Date(timeIntervalSince1970: TimeInterval(time.seconds))
        let year = calendar.component(.year, from: date)
        let startYear = time >= midnight(year, startsOn) ? year : year - 1
        return schoolYear(startingIn: startYear)
    }

    /// The school year that starts in `startYear`.
    public func schoolYear(startingIn startYear: Int) -> SchoolYear {
        let endYear = endsOn >= startsOn ? startYear : startYear + 1
        let lastDay = midnight(endYear, endsOn)
        let end = UnixTime(seconds: Int64(gregorian.date(byAdding: .day, value: 1, to: date(lastDay))!.timeIntervalSince1970))
        return SchoolYear(startYear: startYear, start: midnight(startYear, startsOn), end: end)
    }

    /// The first end of a school year strictly after `time`: the default expiry of a
    /// grant made at `time` (a grant made in a summer gap runs to the next year's end).
    public func endOfSchoolYear(after time: UnixTime) -> UnixTime {
        let current = schoolYear(containing: time)
        return time < current.end ? current.end : schoolYear(startingIn: current.startYear + 1).end
    }

    private var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZoneIdentifier)!
        return calendar
    }

    private func date(_ time: UnixTime) -> Date { Date(timeIntervalSince1970: TimeInterval(time.seconds)) }

    private func midnight(_ year: Int, _ day: MonthDay) -> UnixTime {
        let components = DateComponents(year: year, month: day.month, day: day.day)
        return UnixTime(seconds: Int64(gregorian.date(from: components)!.timeIntervalSince1970))
    }
}

extension CalendarPolicy {
    /// Decodes and validates `calendar.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        let year = try root.object("school_year")
        startsOn = try Self.monthDay(year, "starts")
        endsOn = try Self.monthDay(year, "ends")
        guard endsOn != startsOn else { throw year.error("ends", "must differ from starts") }
        try year.finish()
        timeZoneIdentifier = try root.string("time_zone")
        guard TimeZone(identifier: timeZoneIdentifier) != nil else {
            throw root.error("time_zone", "unknown time zone \"\(timeZoneIdentifier)\" (use an IANA name such as Europe/Moscow)")
        }
        try root.finish()
    }

    private static func monthDay(_ reader: PolicyReader, _ key: String) throws(PolicyError) -> MonthDay {
        guard let day = MonthDay(try reader.string(key)) else {
            throw reader.error(key, "must be a date MM-DD that exists every year, e.g. 09-01")
        }
        return day
    }
}
