/// The source of "now" for anything compared with token claims, database timestamps
/// and flow expiry.
///
/// Services fetch `now()` once per request and pass it down; pure validators take a
/// `now` parameter with no default. Timeouts use Swift's monotonic `Clock` instead.
public protocol WallClock: Sendable {
    /// The current wall-clock time.
    func now() -> UnixTime
}
