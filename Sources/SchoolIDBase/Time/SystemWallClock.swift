import Foundation
import Synchronization

/// The production wall clock: it never runs backwards.
///
/// It is the wall time at start plus monotonic elapsed time, re-synced to the system
/// clock only when the system clock is ahead. A clock stepped back (NTP correction,
/// a wrong manual setting) therefore never extends a code, a temporary password or an
/// invitation window. Across restarts the caller passes the persisted high-water
/// mark as `floor` (see ``HighWaterMarkFile``), so `now = max(system time, floor)`.
public final class SystemWallClock: WallClock {
    private struct Anchor {
        var wall: UnixTime
        var monotonic: ContinuousClock.Instant
    }

    private let anchor: Mutex<Anchor>
    private let systemTime: @Sendable () -> UnixTime
    private let monotonicNow: @Sendable () -> ContinuousClock.Instant

    /// Creates the clock.
    /// - Parameters:
    ///   - floor: the high-water mark persisted by an earlier run; `now()` never returns less.
    ///   - systemTime: the operating system's wall clock (injectable for tests).
    ///   - monotonicNow: the monotonic clock (injectable for tests).
    public init(
        floor: UnixTime? = nil,
        systemTime: @escaping @Sendable () -> UnixTime = SystemWallClock.operatingSystemTime,
        monotonicNow: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.systemTime = systemTime
        self.monotonicNow = monotonicNow
        let start = max(systemTime(), floor ?? UnixTime(seconds: 0))
        anchor = Mutex(Anchor(wall: start, monotonic: monotonicNow()))
    }

    public func now() -> UnixTime {
        let system = systemTime()
        let mono = monotonicNow()
        return anchor.withLock { anchor in
            let elapsed = anchor.monotonic.duration(to: mono).components.seconds
            let derived = anchor.wall.adding(seconds: max(0, elapsed))
            if system > derived {
                anchor = Anchor(wall: system, monotonic: mono)
                return system
            }
            return derived
        }
    }

    /// The operating system's wall clock, truncated to whole seconds.
    @Sendable public static func operatingSystemTime() -> UnixTime {
        UnixTime(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
