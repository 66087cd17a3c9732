import SchoolIDBase
import SchoolIDTesting

/// The two clocks a server on the production ``SystemWallClock`` reads (DESIGN §4.1):
/// the operating system's wall clock, which an operator or NTP may step, and monotonic
/// elapsed time, which only moves forwards.
struct ClockStepper: Sendable {
    /// The system clock (`TestServer.clock` of a server started with `monotonic`).
    let system: ManualWallClock
    /// Elapsed time.
    let monotonic: ManualClock

    /// Real time passes: both clocks move by `seconds`.
    func pass(seconds: Int64) {
        monotonic.advance(by: .seconds(seconds))
        system.advance(seconds: seconds)
    }

    /// The system clock alone is stepped by `seconds` (negative: back).
    func step(seconds: Int64) { system.advance(seconds: seconds) }
}
