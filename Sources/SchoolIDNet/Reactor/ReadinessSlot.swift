/// Why a wait on the reactor ended.
enum Readiness: Sendable, Equatable {
    /// epoll reported the descriptor (readable, writable, hung up or in error): retry the
    /// call. Wakeups may be spurious, so `EAGAIN` afterwards just means "wait again".
    case ready
    /// The wait's deadline passed first.
    case timedOut
    /// The server began a graceful shutdown and the wait was marked interruptible
    /// (a connection between requests, or the listener).
    case shutdown
    /// The waiting task was cancelled, or the descriptor was deregistered.
    case cancelled
}

/// One registered descriptor's wait, as a tiny state machine whose only job is to make
/// the continuation be resumed EXACTLY ONCE although four parties race to end a wait:
/// the reactor thread (epoll event or deadline), the task's cancellation handler, a
/// graceful shutdown and deregistration.
///
/// Every ending goes through ``finish(token:with:)``, which hands the waiter out at most
/// once and only to the wait it was armed for (`token`); the caller resumes what it was
/// handed, outside the lock that guards the slot. Generic over the waiter so tests can
/// use plain values instead of continuations.
struct ReadinessSlot<Waiter> {
    /// The descriptor's registration generation, carried in epoll's user data so an event
    /// for a closed-and-reused descriptor number is recognised and dropped.
    let generation: UInt32

    private enum State {
        case idle
        case waiting(token: UInt64, waiter: Waiter, interruptible: Bool)
    }

    private var state: State = .idle

    /// Creates an idle slot.
    init(generation: UInt32) { self.generation = generation }

    /// Whether a wait is armed.
    var isWaiting: Bool {
        if case .waiting = state { return true }
        return false
    }

    /// The armed wait's token, if any.
    var token: UInt64? {
        if case .waiting(let token, _, _) = state { return token }
        return nil
    }

    /// Arms a wait. A connection waits for one thing at a time, so arming over an armed
    /// wait is a programmer error.
    mutating func arm(token: UInt64, waiter: Waiter, interruptible: Bool) {
        precondition(!isWaiting, "one wait at a time per descriptor")
        state = .waiting(token: token, waiter: waiter, interruptible: interruptible)
    }

    /// Ends the armed wait if it is `token`'s (or any wait when `token` is nil).
    /// - Returns: the waiter to resume with `reason`, or nil when that wait already ended.
    mutating func finish(token: UInt64?, with reason: Readiness) -> (Waiter, Readiness)? {
        guard case .waiting(let armed, let waiter, _) = state, token == nil || token == armed else { return nil }
        state = .idle
        return (waiter, reason)
    }

    /// Ends the armed wait with ``Readiness/shutdown`` if it was armed as interruptible.
    mutating func interrupt() -> (Waiter, Readiness)? {
        guard case .waiting(_, let waiter, true) = state else { return nil }
        state = .idle
        return (waiter, .shutdown)
    }
}
