/// A point in wall-clock time, in whole seconds since the Unix epoch (UTC).
///
/// Token claims (`iat`, `exp`), database timestamps and flow expiry are all whole
/// seconds, so one integer type keeps every comparison exact.
public struct UnixTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    /// Creates a time from seconds since the epoch.
    public init(seconds: Int64) { self.seconds = seconds }

    /// The time `seconds` later (or earlier, when negative).
    public func adding(seconds delta: Int64) -> UnixTime { UnixTime(seconds: seconds + delta) }

    /// Seconds from `other` to `self` (positive when `self` is later).
    public func seconds(since other: UnixTime) -> Int64 { seconds - other.seconds }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.seconds < rhs.seconds }

    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }

    public var description: String { String(seconds) }
}
