#if canImport(Glibc)
import Glibc
#endif

/// Process-wide resource limits the server adjusts at start.
public enum ProcessLimits {
    /// Raises the soft `RLIMIT_NOFILE` to the hard limit, because every connection costs
    /// a descriptor and the default soft limit (often 1024) is far below `maxConnections`.
    ///
    /// - Returns: the limits in force afterwards (unchanged if raising failed), for logging.
    @discardableResult
    public static func raiseOpenFileLimit() -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }
}
