import SchoolIDBase

/// One school year, e.g. 2025/26: from local midnight of its first day to the end of its
/// last day, in the calendar's time zone.
public struct SchoolYear: Hashable, Sendable, CustomStringConvertible {
    /// The calendar year in which it starts (2025 for 2025/26).
    public let startYear: Int
    /// Local midnight of the first day.
    public let start: UnixTime
    /// Local midnight after the last day (exclusive end): grants "until the end of the
    /// school year" expire at this instant.
    public let end: UnixTime

    /// `2025/26`.
    public var description: String {
        let next = (startYear + 1) % 100
        return "\(startYear)/\(next < 10 ? "0" : "")\(next)"
    }
}
