#if canImport(Glibc)
import Glibc
#endif
internal import CSchoolIDLinux

extension Reactor {
    /// Suspends until `registration`'s descriptor is ready for `interest`, the deadline
    /// passes, the task is cancelled, or (when `interruptible`) the server shuts down.
    ///
    /// The continuation is stored in the descriptor's ``ReadinessSlot`` under the table
    /// lock and resumed exactly once by whichever party removes it from the slot.
    /// - Parameters:
    ///   - registration: from ``register(_:)``.
    ///   - interest: read or write.
    ///   - deadline: when to give up with ``Readiness/timedOut``; nil waits indefinitely.
    ///   - interruptible: whether graceful shutdown may end this wait.
    /// - Returns: why the wait ended.
    func wait(_ registration: Registration, for interest: Interest,
              deadline: ContinuousClock.Instant?, interruptible: Bool) async -> Readiness
    {
        let token = nextToken()
        let fd = registration.fd
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                arm(registration, token: token, interest: interest, deadline: deadline,
                    interruptible: interruptible, continuation: continuation)
            }
        } onCancel: {
            finish(fd: fd, token: token, with: .cancelled)
        }
    }

    private func arm(_ registration: Registration, token: UInt64, interest: Interest,
                     deadline: ContinuousClock.Instant?, interruptible: Bool, continuation: Waiter)
    {
        enum Outcome { case armed(wake: Bool), immediate(Readiness) }
        let outcome = state.withLock { state -> Outcome in
            // The cancellation flag is set before cancellation handlers run, and both
            // paths take this lock: either the handler finds the armed wait, or we see the flag.
            if Task.isCancelled || state.stopping { return .immediate(.cancelled) }
            if interruptible && state.shuttingDown { return .immediate(.shutdown) }
            guard var slot = state.slots[registration.fd], slot.generation == registration.generation else {
                return .immediate(.cancelled)
            }
            slot.arm(token: token, waiter: continuation, interruptible: interruptible)
            state.slots[registration.fd] = slot
            guard let deadline else { return .armed(wake: false) }
            state.deadlines.push(.init(deadline: deadline, fd: registration.fd, token: token))
            if state.deadlines.count > 2 * state.slots.count + 64 {
                let slots = state.slots
                state.deadlines.compact { slots[$0.fd]?.token == $0.token }
            }
            guard case .some(let sleeping) = state.sleepingUntil else { return .armed(wake: false) }
            return .armed(wake: sleeping.map { deadline < $0 } ?? true)
        }
        switch outcome {
        case .immediate(let reason):
            continuation.resume(returning: reason)
        case .armed(let wake):
            var event = epoll_event(events: interest.events | EPOLLONESHOT.rawValue,
                                    data: epoll_data_t(u64: Self.userData(registration)))
            if epoll_ctl(epollFD, EPOLL_CTL_MOD, registration.fd, &event) != 0 {
                // Let the caller retry its call and meet the real error there.
                finish(fd: registration.fd, token: token, with: .ready)
            }
            if wake { self.wake() }
        }
    }

    /// Ends the wait `token` on `fd` if it is still armed.
    func finish(fd: Int32, token: UInt64, with reason: Readiness) {
        let pending = state.withLock { state -> (Waiter, Readiness)? in
            guard var slot = state.slots[fd], let pair = slot.finish(token: token, with: reason) else { return nil }
            state.slots[fd] = slot
            return pair
        }
        pending.map { $0.0.resume(returning: $0.1) }
    }
}
