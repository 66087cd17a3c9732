import Foundation

/// A `SerialExecutor` that runs every job on one dedicated `Thread`, fed by a
/// condition-variable job queue.
///
/// SQLite calls block (disk I/O, fsync, `busy_timeout` waits), so they must not run on
/// the cooperative pool; `DispatchSerialQueue` is not available as an executor on
/// Linux, hence this small executor (STYLE §5.5).
///
/// SAFETY: `@unchecked Sendable` because `jobs`, `stopping` and `threadID` are mutable;
/// every access to them holds `condition`'s lock, except reads of `threadID`, which is
/// written once before `init` returns. Jobs run only on `thread`, one at a time and in
/// enqueue order, which is what makes the executor serial; `checkIsolated()` enforces
/// that callers claiming isolation really are on that thread.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var threadID: pthread_t?

    /// Starts the thread. It runs until ``shutdown()``.
    init(name: String) {
        let thread = Thread { [self] in
            condition.withLock {
                threadID = pthread_self()
                condition.broadcast()
            }
            runLoop()
        }
        thread.name = name
        thread.start()
        // Wait for the thread id so that `checkIsolated()` is exact from the start;
        // it never changes afterwards.
        condition.withLock { while threadID == nil { condition.wait() } }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.broadcast()
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrent: Bool {
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    func checkIsolated() {
        precondition(isCurrent, "not on the SQLite executor thread")
    }

    /// Lets the thread finish the jobs already queued, then exit.
    func shutdown() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    private func runLoop() {
        while let batch = nextBatch() {
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }

    private func nextBatch() -> [UnownedJob]? {
        condition.withLock {
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty { return nil }
            defer { jobs.removeAll(keepingCapacity: true) }
            return jobs
        }
    }
}
