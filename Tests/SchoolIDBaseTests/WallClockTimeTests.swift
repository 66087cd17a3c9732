import SchoolIDBase
import Testing

/// ``WallClockTime``: a Swift `Clock` over an injected wall clock, in whole seconds.
@Suite struct WallClockTimeTests {
    @Test("now follows the wall clock, and instants add and subtract whole seconds")
    func followsWallClock() {
        let wall = ManualWallClock(UnixTime(seconds: 1_800_000_000))
        let clock = WallClockTime(wall)
        let start = clock.now
        wall.advance(seconds: 59)
        #expect(start.duration(to: clock.now) == .seconds(59))
        #expect(start.advanced(by: .seconds(60)) > clock.now)
        wall.advance(seconds: 1)
        #expect(start.advanced(by: .seconds(60)) == clock.now)
    }
}
