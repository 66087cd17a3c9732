/// A day of the year written `MM-DD`, e.g. `09-01`. February 29 is refused so that the
/// date exists every year.
public struct MonthDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Month, 1–12.
    public let month: Int
    /// Day of the month.
    public let day: Int

    private static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Parses `MM-DD`; `nil` when malformed or not a day of every year.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let month = Int(parts[0]), let day = Int(parts[1]),
            (1...12).contains(month), (1...Self.daysInMonth[month - 1]).contains(day)
        else { return nil }
        self.month = month
        self.day = day
    }

    public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool { (lhs.month, lhs.day) < (rhs.month, rhs.day) }

    /// `MM-DD`.
    public var description: String {
        (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }
}
