import Foundation
import SchoolIDBase
import SchoolIDCore

/// Dates shown to people on slips, pages and in CSV files: `YYYY-MM-DD` (or with
/// `HH:MM`) in Moscow time, the zone the default school calendar uses.
enum ISODate {
    static func string(_ time: UnixTime, timeZone: String = School.defaultTimeZone) -> String {
        let parts = components(time, timeZone: timeZone)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `YYYY-MM-DD HH:MM`.
    static func dateTime(_ time: UnixTime, timeZone: String = School.defaultTimeZone) -> String {
        let parts = components(time, timeZone: timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0)
    }

    private static func components(_ time: UnixTime, timeZone: String) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 3 * 3600)!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute],
                                       from: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
    }
}
