/// A Swift `Clock` reading an injected ``WallClock`` in whole seconds, for rate windows
/// that tests must move by hand: with ``ManualWallClock`` a window ends only when the test
/// advances it, however slowly a loaded machine runs the requests inside it.
///
/// It cannot sleep faster than real time: ``sleep(until:tolerance:)`` waits the real
/// duration. Rate limiters only read ``now``.
public struct WallClockTime: Clock {
    /// A whole second of the wall clock.
    public struct Instant: InstantProtocol {
        /// Seconds since the Unix epoch.
        public let seconds: Int64

        public func advanced(by duration: Duration) -> Instant {
            Instant(seconds: seconds + duration.components.seconds)
        }

        public func duration(to other: Instant) -> Duration { .seconds(other.seconds - seconds) }

        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }
    }

    private let wall: any WallClock

    /// A clock reading `wall`.
    public init(_ wall: any WallClock) { self.wall = wall }

    public var now: Instant { Instant(seconds: wall.now().seconds) }

    public var minimumResolution: Duration { .seconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await Task.sleep(for: now.duration(to: deadline))
    }
}
