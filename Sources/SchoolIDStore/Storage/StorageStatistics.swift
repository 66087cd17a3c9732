import Synchronization

/// Counters of the writer's group commit, for tests and operational metrics.
public struct StorageStatistics: Sendable, Hashable {
    /// Transactions committed by the writer: one fsync each (`synchronous=FULL`).
    public var commits: Int = 0
    /// Units whose changes were committed.
    public var committedUnits: Int = 0
    /// Units that threw (rolled back to their savepoint) or whose group failed.
    public var failedUnits: Int = 0
    /// Units dropped because their task was cancelled before they started.
    public var droppedUnits: Int = 0
    /// Units waiting for the writer right now.
    public var queuedUnits: Int = 0

    /// Creates zeroed counters.
    public init() {}
}

/// The mutable counters behind ``SQLiteStorage/statistics``.
final class StatisticsRecorder: Sendable {
    private let counters = Mutex(StorageStatistics())

    func record(_ change: (inout StorageStatistics) -> Void) {
        counters.withLock { change(&$0) }
    }

    var snapshot: StorageStatistics { counters.withLock { $0 } }
}
