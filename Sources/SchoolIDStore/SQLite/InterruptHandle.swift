import Foundation
internal import CSchoolIDSQLite

/// Lets another thread interrupt a connection's running statement (`sqlite3_interrupt`).
///
/// SAFETY: `@unchecked Sendable` because it holds the raw `sqlite3*`. SQLite documents
/// `sqlite3_interrupt` as safe to call from a thread other than the one running the
/// statement, but not on a connection that is closed or closing. The lock makes
/// ``interrupt()`` and ``invalidate()`` (called by `close()` before `sqlite3_close_v2`)
/// mutually exclusive, so the pointer is never used after the close.
final class InterruptHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?

    init(handle: OpaquePointer?) { self.handle = handle }

    /// Makes the connection's running statements fail with `SQLITE_INTERRUPT`.
    func interrupt() {
        lock.withLock {
            if let handle { sqlite3_interrupt(handle) }
        }
    }

    /// Forgets the handle; later interrupts do nothing.
    func invalidate() {
        lock.withLock { handle = nil }
    }
}
