import Foundation
import Synchronization

/// A named, bounded pool of threads for CPU-heavy blocking work (password hashing),
/// kept off Swift's cooperative pool so a login flood cannot stall token refresh,
/// JWKS or introspection (STYLE §5.5, NIO's `NIOThreadPool` as a last resort).
///
/// Work is queued per lane; each lane may use at most `maximumThreads` threads, so a
/// batch lane (a teacher issuing 30 logins) cannot take every thread from
/// interactive logins. When a lane's queue is full the call fails at once with
/// ``Saturated`` and the server answers 503 with `Retry-After`.
public final class BlockingWorkPool: Sendable {
    /// A lane: its own queue bound and thread share.
    public struct Lane: Hashable, Sendable {
        public let name: String
        public let maximumThreads: Int
        public let maximumQueued: Int

        /// Creates a lane description.
        public init(name: String, maximumThreads: Int, maximumQueued: Int) {
            self.name = name
            self.maximumThreads = maximumThreads
            self.maximumQueued = maximumQueued
        }
    }

    /// The pool cannot take more work on this lane now.
    public struct Saturated: Error, Sendable {
        public let lane: String
        /// Seconds a client should wait before retrying.
        public let retryAfterSeconds: Int
    }

    private struct Job {
        let lane: String
        let run: @Sendable () -> Void
    }

    private struct State {
        var queues: [String: [Job]] = [:]
        var running: [String: Int] = [:]
        var stopped = false
    }

    /// The pool's name, for logs and metrics.
    public let name: String
    private let lanes: [String: Lane]
    private let state = Mutex(State())
    private let workers = Mutex(Set<pthread_t>())
    private let condition = NSCondition()

    /// Starts `threads` worker threads.
    /// - Parameters:
    ///   - name: the pool's name.
    ///   - threads: worker threads (at least 1).
    ///   - lanes: the lanes work may be submitted to.
    public init(name: String, threads: Int, lanes: [Lane]) {
        precondition(threads > 0 && !lanes.isEmpty, "a pool needs threads and lanes")
        self.name = name
        self.lanes = Dictionary(uniqueKeysWithValues: lanes.map { ($0.name, $0) })
        for index in 0..<threads {
            let thread = Thread { [self] in
                workers.withLock { _ = $0.insert(pthread_self()) }
                self.workLoop()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on a pool thread and returns its result.
    /// - Throws: ``Saturated`` when the lane's queue is full; whatever `work` throws.
    public func run<T: Sendable>(lane laneName: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let lane = lanes[laneName] else { preconditionFailure("unknown lane \(laneName)") }
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(lane: lane.name) { continuation.resume(with: Result { try work() }) }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped, state.queues[lane.name, default: []].count < lane.maximumQueued else { return false }
                state.queues[lane.name, default: []].append(job)
                return true
            }
            guard accepted else {
                continuation.resume(throwing: Saturated(lane: lane.name, retryAfterSeconds: 1))
                return
            }
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// True on one of this pool's own threads (work must never run on the caller's).
    public var isWorkerThread: Bool { workers.withLock { $0.contains(pthread_self()) } }

    /// Jobs waiting, per lane (for `/metrics`).
    public var queueDepths: [String: Int] {
        state.withLock { state in lanes.keys.reduce(into: [:]) { $0[$1] = state.queues[$1]?.count ?? 0 } }
    }

    /// Stops the threads once their current job is done; queued jobs still run.
    public func shutdown() {
        state.withLock { $0.stopped = true }
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    private func workLoop() {
        while true {
            condition.lock()
            var job: Job?
            while true {
                let (next, finished) = state.withLock { state -> (Job?, Bool) in
                    for (name, lane) in lanes.sorted(by: { $0.key < $1.key })
                    where !(state.queues[name]?.isEmpty ?? true) && state.running[name, default: 0] < lane.maximumThreads {
                        state.running[name, default: 0] += 1
                        return (state.queues[name]!.removeFirst(), false)
                    }
                    return (nil, state.stopped && state.queues.values.allSatisfy(\.isEmpty))
                }
                if let next { job = next; break }
                if finished { condition.unlock(); return }
                condition.wait()
            }
            condition.unlock()
            job!.run()
            state.withLock { $0.running[job!.lane]! -= 1 }
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }
}
