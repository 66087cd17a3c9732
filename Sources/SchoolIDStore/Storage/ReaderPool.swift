import Synchronization

/// A bounded set of reader databases, each lent to one read at a time so that
/// cancelling a read interrupts that read only.
final class ReaderPool: Sendable {
    private struct State {
        var free: [Int]
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Int, any Error>)] = []
        var nextWaiterID: UInt64 = 0
    }

    let readers: [SQLiteDatabase]
    private let state: Mutex<State>

    init(readers: [SQLiteDatabase]) {
        self.readers = readers
        state = Mutex(State(free: Array(readers.indices)))
    }

    /// Borrows a reader for `body`, waiting for one when all are busy; cancelling the
    /// task interrupts the reader's running statement.
    /// - Throws: `CancellationError`, or what `body` throws.
    func withReader<T: Sendable>(_ body: @Sendable (SQLiteDatabase) async throws -> T) async throws -> T {
        let index = try await acquire()
        defer { release(index) }
        let reader = readers[index]
        return try await withTaskCancellationHandler {
            try await body(reader)
        } onCancel: {
            reader.interrupt()
        }
    }

    private func acquire() async throws -> Int {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<Int, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let index = state.free.popLast() { return .success(index) }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
                guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: position).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release(_ index: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
            if state.waiters.isEmpty {
                state.free.append(index)
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume(returning: index)
    }
}
