import Foundation
import SchoolIDStore
import Synchronization

/// Holds the writer thread inside a unit so that a test can stage a group of queued
/// units deterministically, then lets it go. No timing: the test waits for observable
/// states (the writer entered, N units queued).
final class WriterGate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let entered = Flag()
    private let held: Task<Void, any Error>

    /// Starts a unit that blocks the writer until ``release()``.
    init(_ storage: SQLiteStorage) async {
        let semaphore = semaphore
        let entered = entered
        held = Task {
            try await storage.writeSQLite { _ in
                entered.set()
                semaphore.wait()
            }
        }
        while !entered.isSet { await Task.yield() }
    }

    /// Waits until `count` units are queued behind the gate.
    func waitForQueued(_ count: Int, in storage: SQLiteStorage) async {
        while storage.statistics.queuedUnits < count { await Task.yield() }
    }

    /// Lets the writer go and waits for the gate's own unit to commit.
    func release() async throws {
        semaphore.signal()
        try await held.value
    }
}

/// A one-way flag shared across threads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
