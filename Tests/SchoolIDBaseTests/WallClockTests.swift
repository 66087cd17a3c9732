import SchoolIDBase
import SchoolIDTesting
import Synchronization
import Testing

@Suite struct WallClockTests {
    /// A system clock and a monotonic clock the test moves by hand.
    final class Knobs: Sendable {
        let system = Mutex(UnixTime(seconds: 1_000))
        let elapsed = Mutex(Duration.zero)
        let origin = ContinuousClock.now
        func clock(floor: UnixTime? = nil) -> SystemWallClock {
            SystemWallClock(floor: floor, systemTime: { self.system.withLock { $0 } },
                            monotonicNow: { self.origin.advanced(by: self.elapsed.withLock { $0 }) })
        }
    }

    @Test("follows monotonic time while the system clock is stepped back") func steppedBack() {
        let knobs = Knobs()
        let clock = knobs.clock()
        knobs.elapsed.withLock { $0 = .seconds(100) }
        knobs.system.withLock { $0 = UnixTime(seconds: 500) }
        #expect(clock.now() == UnixTime(seconds: 1_100))
    }

    @Test("re-syncs forwards when the system clock jumps ahead") func jumpsAhead() {
        let knobs = Knobs()
        let clock = knobs.clock()
        knobs.system.withLock { $0 = UnixTime(seconds: 5_000) }
        #expect(clock.now() == UnixTime(seconds: 5_000))
        knobs.elapsed.withLock { $0 = .seconds(10) }
        knobs.system.withLock { $0 = UnixTime(seconds: 10) }
        #expect(clock.now() == UnixTime(seconds: 5_010))
    }

    @Test("never starts below the persisted high-water mark") func floor() {
        let knobs = Knobs()
        #expect(knobs.clock(floor: UnixTime(seconds: 9_000)).now() == UnixTime(seconds: 9_000))
        #expect(knobs.clock(floor: UnixTime(seconds: 10)).now() == UnixTime(seconds: 1_000))
    }

    @Test("the high-water mark file only moves forwards") func highWaterMark() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HighWaterMarkFile(path: dir.file("clock"))
        #expect(file.load() == nil)
        try file.advance(to: UnixTime(seconds: 200))
        try file.advance(to: UnixTime(seconds: 100))
        #expect(file.load() == UnixTime(seconds: 200))
    }

    @Test("the manual clock moves only when told") func manual() {
        let clock = ManualWallClock(UnixTime(seconds: 42))
        #expect(clock.now() == UnixTime(seconds: 42))
        clock.advance(seconds: 30 * 86_400)
        #expect(clock.now() == UnixTime(seconds: 42 + 30 * 86_400))
    }
}
