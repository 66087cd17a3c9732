#if canImport(Glibc)
import Glibc
#endif
internal import CSchoolIDLinux
import Synchronization

/// One epoll reactor: a dedicated `Thread` blocks in `epoll_wait`, resumes the
/// continuations of connection tasks waiting for readiness, and, as those tasks' task
/// executor, runs their reading, parsing and writing between two `epoll_wait` calls —
/// no thread hand-off per request. Handlers never run on it: the connection hops to the
/// cooperative pool for them.
///
/// - Descriptors are registered once (`EPOLL_CTL_ADD`, disarmed) and every wait re-arms
///   them level-triggered with `EPOLLONESHOT` (`EPOLL_CTL_MOD`): an fd nobody waits for
///   can never make the thread spin, and one arm yields at most one event.
/// - Waits carry an optional deadline kept in a ``DeadlineHeap``; the thread's
///   `epoll_wait` timeout is the earliest one, and an `eventfd` wakes it when an earlier
///   deadline is armed or the reactor stops (NIO's `SelectorEpoll`).
/// - The registration table is a `Mutex` (not an actor) because the reactor thread must
///   read it synchronously; critical sections never call out, and continuations are
///   resumed after the lock is released.
final class Reactor: TaskExecutor, Sendable {
    /// What a wait is for.
    enum Interest: Sendable {
        case read, write
        var events: UInt32 {
            switch self {
            case .read: EPOLLIN.rawValue | EPOLLRDHUP.rawValue
            case .write: EPOLLOUT.rawValue
            }
        }
    }

    /// A registered descriptor; pass it back to ``wait(_:for:deadline:interruptible:)``.
    struct Registration: Sendable, Hashable {
        let fd: Int32
        let generation: UInt32
    }

    typealias Waiter = CheckedContinuation<Readiness, Never>

    struct State: ~Copyable {
        var slots: [Int32: ReadinessSlot<Waiter>] = [:]
        var deadlines = DeadlineHeap()
        var shuttingDown = false
        var stopping = false
        /// nil while the thread is awake; otherwise when its current `epoll_wait` ends
        /// (`.some(nil)`: no timeout), so arming an earlier deadline knows to wake it.
        var sleepingUntil: ContinuousClock.Instant?? = nil
        var onStopped: CheckedContinuation<Void, Never>?
        /// Jobs of connection tasks that prefer this reactor as their executor.
        var jobs: [UnownedJob] = []
    }

    let epollFD: Int32
    let eventFD: Int32
    let state = Mutex(State())
    private let counter = Atomic<UInt64>(0)

    /// Creates the epoll instance and its wakeup `eventfd`; call ``start(name:)`` next.
    /// - Throws: ``SocketError`` from `epoll_create1`, `eventfd` or `epoll_ctl`.
    init() throws(SocketError) {
        epollFD = try checkedSyscall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do {
            eventFD = try checkedSyscall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        } catch {
            close(epollFD)
            throw error
        }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: UInt64(UInt32(bitPattern: eventFD))))
        do {
            try checkedSyscall("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, eventFD, &event) }
        } catch {
            close(eventFD)
            close(epollFD)
            throw error
        }
    }

    /// A fresh token (wait ids and registration generations).
    func nextToken() -> UInt64 { counter.add(1, ordering: .relaxed).newValue }

    /// Adds `fd` to the interest list, disarmed.
    /// - Throws: ``SocketError`` from `epoll_ctl`.
    func register(_ fd: Int32) throws(SocketError) -> Registration {
        let registration = Registration(fd: fd, generation: UInt32(truncatingIfNeeded: nextToken()))
        state.withLock { $0.slots[fd] = ReadinessSlot(generation: registration.generation) }
        var event = epoll_event(events: EPOLLONESHOT.rawValue, data: epoll_data_t(u64: Self.userData(registration)))
        do {
            try checkedSyscall("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
        } catch {
            state.withLock { _ = $0.slots.removeValue(forKey: fd) }
            throw error
        }
        return registration
    }

    /// Removes `fd` from the interest list; call before closing it. A wait still armed
    /// (only possible after cancellation races) ends with ``Readiness/cancelled``.
    func deregister(_ registration: Registration) {
        let pending = state.withLock { state -> (Waiter, Readiness)? in
            guard var slot = state.slots[registration.fd], slot.generation == registration.generation else { return nil }
            state.slots.removeValue(forKey: registration.fd)
            return slot.finish(token: nil, with: .cancelled)
        }
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, registration.fd, nil)
        pending.map { $0.0.resume(returning: $0.1) }
    }

    /// Whether ``beginShutdown()`` was called.
    var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Starts graceful shutdown: every interruptible wait (idle keep-alive connections, the
    /// listener) ends with ``Readiness/shutdown`` now, and later interruptible waits at once.
    func beginShutdown() {
        let interrupted = state.withLock { state -> [(Waiter, Readiness)] in
            state.shuttingDown = true
            var ended: [(Waiter, Readiness)] = []
            for fd in Array(state.slots.keys) {
                if let pair = state.slots[fd]?.interrupt() { ended.append(pair) }
            }
            return ended
        }
        for (waiter, reason) in interrupted { waiter.resume(returning: reason) }
    }

    /// The epoll user data for a registration: generation in the high half, fd in the low.
    static func userData(_ registration: Registration) -> UInt64 {
        UInt64(registration.generation) << 32 | UInt64(UInt32(bitPattern: registration.fd))
    }

    /// Runs `job` on the reactor thread, between two `epoll_wait` calls.
    ///
    /// Connection tasks prefer their reactor as task executor, so a wait that ends here
    /// resumes on this same thread: the I/O of a request costs no thread hand-off and no
    /// context switch (NIO's event loops work the same way). Handlers run on the
    /// cooperative pool (``HTTPConnection``), SQLite on the database actor's executor,
    /// password hashing on the hashing pool.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let mustWake = state.withLock { state -> Bool in
            state.jobs.append(job)
            guard state.sleepingUntil != nil else { return false }
            state.sleepingUntil = nil  // one wakeup is enough; the loop recomputes its timeout
            return true
        }
        if mustWake { wake() }
    }

    /// Wakes the thread out of `epoll_wait`.
    func wake() {
        var one: UInt64 = 1
        _ = write(eventFD, &one, MemoryLayout<UInt64>.size)
    }
}
