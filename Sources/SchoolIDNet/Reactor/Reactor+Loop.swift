#if canImport(Glibc)
import Glibc
#endif
internal import CSchoolIDLinux
import Foundation

extension Reactor {
    /// Starts the reactor thread.
    func start(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    /// Stops the thread and closes the epoll and event descriptors. Call after every
    /// connection has deregistered; returns when the thread has exited.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock {
                $0.stopping = true
                $0.onStopped = continuation
            }
            wake()
        }
        close(eventFD)
        close(epollFD)
    }

    private func runLoop() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let timeout = state.withLock { state -> Int32 in
                guard state.jobs.isEmpty else { return 0 }
                let earliest = state.deadlines.earliest
                state.sleepingUntil = .some(earliest)
                return Self.milliseconds(until: earliest)
            }
            let count = epoll_wait(epollFD, events, Int32(capacity), timeout)
            if count < 0 && errno != EINTR { fatalError("epoll_wait failed: errno \(errno)") }
            var ready: [(Waiter, Readiness)] = []
            var drainWakeup = false
            let stopped = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.sleepingUntil = nil
                for index in 0..<max(0, Int(count)) {
                    let data = events[index].data.u64
                    let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: data))
                    if fd == eventFD { drainWakeup = true; continue }
                    guard var slot = state.slots[fd], slot.generation == UInt32(truncatingIfNeeded: data >> 32),
                          let pair = slot.finish(token: nil, with: .ready) else { continue }
                    state.slots[fd] = slot
                    ready.append(pair)
                }
                expireDeadlines(&state, into: &ready)
                guard state.stopping else { return nil }
                defer { state.onStopped = nil }
                return state.onStopped
            }
            if drainWakeup {
                var value: UInt64 = 0
                _ = read(eventFD, &value, MemoryLayout<UInt64>.size)
            }
            for (waiter, reason) in ready { waiter.resume(returning: reason) }
            runJobs()
            if let stopped {
                stopped.resume()
                return
            }
        }
    }

    /// Runs the jobs queued so far; jobs they enqueue wait for the next turn, after the
    /// next (non-blocking) `epoll_wait`, so I/O readiness is never starved.
    private func runJobs() {
        let jobs = state.withLock { state -> [UnownedJob] in
            defer { state.jobs.removeAll(keepingCapacity: true) }
            return state.jobs
        }
        let executor = asUnownedTaskExecutor()
        for job in jobs { job.runSynchronously(on: executor) }
    }

    private func expireDeadlines(_ state: inout State, into ready: inout [(Waiter, Readiness)]) {
        let now = ContinuousClock.now
        while let entry = state.deadlines.popExpired(now: now) {
            guard var slot = state.slots[entry.fd], let pair = slot.finish(token: entry.token, with: .timedOut) else {
                continue
            }
            state.slots[entry.fd] = slot
            ready.append(pair)
        }
    }

    /// The `epoll_wait` timeout for `deadline`: -1 for none, rounded up so the thread
    /// never wakes just before a deadline and spins.
    static func milliseconds(until deadline: ContinuousClock.Instant?, from now: ContinuousClock.Instant = .now) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
