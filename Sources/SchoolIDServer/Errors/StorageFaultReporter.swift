import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDStore
import Synchronization

/// Turns a write the database refused (read-only or full filesystem, I/O error: see
/// ``SQLiteError/isStorageFault``) into `503 storage_unavailable` with `Retry-After`
/// (RFC 9110 §15.6.4, §10.2.3), and logs such faults **once per burst**: the first
/// fault after a successful commit is logged with SQLite's code and message (never the
/// bound values), the ones that follow before the next successful commit only counted.
/// The count of a burst is logged with the first fault of the next one.
final class StorageFaultReporter: Sendable {
    /// What `Retry-After` advertises: long enough for an operator to free space or remount.
    static let retryAfterSeconds = 30

    private struct Burst {
        /// `StorageStatistics.commits` when the current burst began; `nil` before any fault.
        var commitsAtStart: Int?
        var faults = 0
    }

    private let logger: Logger
    private let commits: @Sendable () -> Int
    private let burst = Mutex(Burst())

    /// - Parameters:
    ///   - logger: where the first fault of each burst goes.
    ///   - commits: the writer's successful commits so far (`SQLiteStorage.statistics.commits`).
    init(logger: Logger, commits: @escaping @Sendable () -> Int) {
        self.logger = logger
        self.commits = commits
    }

    /// The 503 for `error` when it is a storage fault (logging it once per burst), else `nil`.
    func apiError(for error: any Error) -> APIError? {
        guard record(error) else { return nil }
        var headers = HTTPHeaders()
        headers.set("Retry-After", String(Self.retryAfterSeconds))
        return APIError(.storageUnavailable, headers: headers)
    }

    /// Counts `error` into the current burst when it is a storage fault, logging the
    /// burst's first one; background jobs call it so that a full disk is not logged by
    /// every pass of every job.
    /// - Returns: whether `error` was a storage fault.
    func record(_ error: any Error) -> Bool {
        guard let fault = error as? SQLiteError, fault.isStorageFault else { return false }
        let committed = commits()
        let previous: Int? = burst.withLock { burst in
            if let start = burst.commitsAtStart, start == committed {
                burst.faults += 1
                return nil
            }
            defer { burst = Burst(commitsAtStart: committed, faults: 1) }
            return burst.faults
        }
        if let previous {
            logger.error("storage refused a write; answering 503 until a write succeeds", [
                "code": .int(Int64(fault.code.rawValue)), "error": .string(fault.message),
                "previous_burst_faults": .int(Int64(previous)),
            ])
        }
        return true
    }
}
