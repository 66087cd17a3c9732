import Foundation
import SchoolIDBase

/// Dates shown to people on slips and in CSV files: `YYYY-MM-DD` in Moscow time, the
/// zone the default school calendar uses.
enum ISODate {
    static func string(_ time: UnixTime, timeZone: String = "Europe/Moscow") -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 3 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
