import Synchronization

/// Counts open connections globally and per peer address, and parks the accept loop
/// while the global cap is reached.
///
/// At the cap the server stops calling `accept` (rather than accepting and closing):
/// new connections wait in the kernel's listen backlog and are served, in order, as
/// soon as an open one closes; beyond the backlog the kernel refuses or drops SYNs.
/// The per-address cap instead closes the surplus connection at once, so one client
/// cannot make everyone else wait.
final class ConnectionLimiter: Sendable {
    private struct State {
        var open = 0
        var perAddress: [String: Int] = [:]
        var waiter: CheckedContinuation<Bool, Never>?
        var closed = false
    }

    private let maxConnections: Int
    private let maxPerAddress: Int
    private let state = Mutex(State())

    /// Creates the limiter.
    init(maxConnections: Int, maxPerAddress: Int) {
        self.maxConnections = max(1, maxConnections)
        self.maxPerAddress = max(1, maxPerAddress)
    }

    /// Connections currently open.
    var openConnections: Int { state.withLock { $0.open } }

    /// Whether another connection may be accepted now.
    var hasCapacity: Bool { state.withLock { $0.open < maxConnections } }

    /// Suspends the (single) accept loop until a connection slot is free.
    /// - Returns: false when the limiter was closed for shutdown or the task cancelled.
    func waitForCapacity() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate = state.withLock { state -> Bool? in
                    if state.closed || Task.isCancelled { return false }
                    if state.open < maxConnections { return true }
                    state.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            close()
        }
    }

    /// Counts a just-accepted connection from `address`.
    /// - Returns: false (nothing counted) when that address is at its cap.
    func admit(_ address: String) -> Bool {
        state.withLock { state in
            let current = state.perAddress[address, default: 0]
            guard current < maxPerAddress else { return false }
            state.perAddress[address] = current + 1
            state.open += 1
            return true
        }
    }

    /// Uncounts a closed connection and wakes the accept loop if it was parked.
    func release(_ address: String) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            state.open -= 1
            let remaining = state.perAddress[address, default: 1] - 1
            state.perAddress[address] = remaining > 0 ? remaining : nil
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: true)
    }

    /// Ends any wait for capacity with false (shutdown).
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: false)
    }
}
