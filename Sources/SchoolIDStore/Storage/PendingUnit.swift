import Synchronization

/// A unit of work on its way through the writer: queued, then started (or cancelled
/// first), then finished with its result.
final class PendingUnit: Sendable {
    private enum State {
        case queued
        case cancelled
        case started
        case finished(Result<any Sendable, any Error>)
    }

    /// The unit, with its result type erased.
    let run: @Sendable (SQLiteWriteTransaction) throws -> any Sendable
    private let state = Mutex(State.queued)

    init(_ run: @escaping @Sendable (SQLiteWriteTransaction) throws -> any Sendable) {
        self.run = run
    }

    /// Marks the unit cancelled unless the writer already took it.
    func cancelIfQueued() {
        state.withLock { state in
            if case .queued = state { state = .cancelled }
        }
    }

    /// Claims the unit for the writer. `false` when it was cancelled first.
    func start() -> Bool {
        state.withLock { state in
            guard case .queued = state else { return false }
            state = .started
            return true
        }
    }

    /// Records the unit's outcome, once its group committed or failed.
    func finish(_ result: Result<any Sendable, any Error>) {
        state.withLock { $0 = .finished(result) }
    }

    /// The outcome, read by the caller after the writer has passed this unit.
    /// - Throws: the unit's error, or `CancellationError` when it was dropped unstarted.
    func result<T>(as type: T.Type) throws -> T {
        let current = state.withLock { state -> Result<any Sendable, any Error>? in
            switch state {
            case .cancelled: .failure(CancellationError())
            case .finished(let result): result
            case .queued, .started: nil
            }
        }
        guard let current else { preconditionFailure("unit result read before the writer passed it") }
        // The erased value was produced by this unit's own typed closure.
        return try current.get() as! T
    }
}

/// The units waiting for the writer thread.
final class UnitQueue: Sendable {
    private let units = Mutex<[PendingUnit]>([])

    func append(_ unit: PendingUnit) {
        units.withLock { $0.append(unit) }
    }

    /// Takes every queued unit and claims those not cancelled, in arrival order.
    func takeAll() -> (started: [PendingUnit], dropped: Int) {
        let taken = units.withLock { units in
            defer { units.removeAll() }
            return units
        }
        let started = taken.filter { $0.start() }
        return (started, taken.count - started.count)
    }

    /// How many units wait (for tests that stage a group).
    var count: Int { units.withLock { $0.count } }
}
