import Foundation
import Synchronization
internal import CSchoolIDSQLite

/// Lets another thread cancel a connection's running read.
///
/// ``interrupt()`` calls `sqlite3_interrupt` and also raises a flag that the reader's
/// progress handler polls, because SQLite clears a pending interrupt when a statement
/// starts with no other statement active: a cancellation landing between two
/// statements of a read would otherwise be lost.
///
/// SAFETY: `@unchecked Sendable` because it holds the raw `sqlite3*`. SQLite documents
/// `sqlite3_interrupt` as safe to call from a thread other than the one running the
/// statement, but not on a connection that is closed or closing. The lock makes
/// ``interrupt()`` and ``invalidate()`` (called by `close()` before `sqlite3_close_v2`)
/// mutually exclusive, so the pointer is never used after the close.
final class InterruptHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private let cancelled = Atomic<Bool>(false)

    init(handle: OpaquePointer?) { self.handle = handle }

    /// Makes the connection's running and next statements fail with `SQLITE_INTERRUPT`
    /// until ``reset()``.
    func interrupt() {
        cancelled.store(true, ordering: .sequentiallyConsistent)
        lock.withLock {
            if let handle { sqlite3_interrupt(handle) }
        }
    }

    /// Clears the cancellation before the connection's next read.
    func reset() { cancelled.store(false, ordering: .sequentiallyConsistent) }

    /// Whether ``interrupt()`` ran since the last ``reset()``.
    var isCancelled: Bool { cancelled.load(ordering: .sequentiallyConsistent) }

    /// Forgets the handle; later interrupts do nothing.
    func invalidate() {
        lock.withLock { handle = nil }
    }

    /// Installs the progress handler that turns ``isCancelled`` into `SQLITE_INTERRUPT`
    /// every 1000 virtual-machine steps. The connection owns `self`, so the unretained
    /// context pointer outlives the handle.
    func installProgressHandler(on db: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<InterruptHandle>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }, context)
    }
}
