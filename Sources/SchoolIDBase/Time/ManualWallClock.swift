import Synchronization

/// A wall clock that moves only when told to: tests set and advance it explicitly.
///
/// It lives in Base (not only in the testing module) because `serve --clock` style
/// tooling and the CLI's dry runs may want a fixed "now" too; it has no randomness
/// or other test-only behaviour.
public final class ManualWallClock: WallClock {
    private let current: Mutex<UnixTime>

    /// Creates the clock at `start`.
    public init(_ start: UnixTime) { current = Mutex(start) }

    public func now() -> UnixTime { current.withLock { $0 } }

    /// Moves the clock forwards (or backwards, to test that nothing trusts it) by `seconds`.
    public func advance(seconds: Int64) { current.withLock { $0 = $0.adding(seconds: seconds) } }

    /// Sets the clock to `time`.
    public func set(_ time: UnixTime) { current.withLock { $0 = time } }
}
