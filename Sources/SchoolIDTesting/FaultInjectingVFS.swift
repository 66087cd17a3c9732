internal import CSchoolIDSQLite
import Synchronization

/// A SQLite VFS (https://sqlite.org/vfs.html) that wraps the default one
/// (`sqlite3_vfs_find(NULL)`, the unix VFS) and, while a ``Fault`` is injected, fails every
/// `xWrite`, `xSync` and `xTruncate` of the database, its rollback journal and its WAL with
/// that fault's native code. Reads, locks and the shared-memory WAL index pass through.
///
/// A test registers one (under a unique ``name``), opens a ``SQLiteStorage`` — or a
/// `TestServer` through `ServeConfiguration.sqliteVFS` — on it, and flips ``inject(_:)``
/// while requests run: that is how a read-only filesystem (`SQLITE_READONLY`, which
/// `chmod` cannot produce for root) and a full disk (`SQLITE_FULL`) are met without
/// remounting anything. Production never registers it.
///
/// Temporary files (sorts, statement journals) are not failed, so that reads which spill
/// to them keep working, as they would with `temp_store` on another filesystem.
///
/// The switch is an atomic: tests flip it from any task while the database threads read it.
/// The registration lives as long as the process (open connections keep a pointer to it);
/// `deinit` only unregisters the name.
public final class FaultInjectingVFS: Sendable {
    /// What the failed calls return.
    public enum Fault: Int32, Sendable, CaseIterable {
        /// `SQLITE_READONLY`: the filesystem went read-only.
        case readOnly = 8
        /// `SQLITE_FULL`: no space left on the device.
        case diskFull = 13
        /// `SQLITE_IOERR_WRITE`: the device reported an I/O error.
        case ioError = 778
    }

    /// Which write-side calls a fault fails.
    public struct Calls: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// `xWrite`.
        public static let write = Calls(rawValue: 1)
        /// `xSync` (fsync): alone, it leaves the WAL frames written but not durable.
        public static let sync = Calls(rawValue: 2)
        /// `xTruncate`.
        public static let truncate = Calls(rawValue: 4)
        /// Every write-side call (a read-only or full filesystem).
        public static let all: Calls = [.write, .sync, .truncate]
    }

    /// The name the VFS is registered under, to pass to `sqlite3_open_v2`.
    public let name: String
    private let board: FaultSwitchboard
    private nonisolated(unsafe) let vfs: UnsafeMutablePointer<sqlite3_vfs>
    private static let counter = Atomic<Int>(0)

    /// Registers a new fault VFS (not the default one) over the default VFS.
    public init() {
        name = "schoolid-fault-\(Self.counter.add(1, ordering: .relaxed).newValue)"
        guard let base = sqlite3_vfs_find(nil) else { preconditionFailure("SQLite has no default VFS") }
        board = FaultSwitchboard(base: base)
        vfs = UnsafeMutablePointer<sqlite3_vfs>.allocate(capacity: 1)
        vfs.initialize(to: FaultSwitchboard.makeVFS(over: base, name: name,
                                                    appData: Unmanaged.passRetained(board).toOpaque()))
        let code = sqlite3_vfs_register(vfs, 0)
        precondition(code == SQLITE_OK, "sqlite3_vfs_register failed with \(code)")
    }

    deinit {
        sqlite3_vfs_unregister(vfs)
    }

    /// Starts failing `calls` with `fault`, or stops (`nil`). Takes effect on the next call.
    public func inject(_ fault: Fault?, on calls: Calls = .all) {
        board.calls.store(calls.rawValue, ordering: .sequentiallyConsistent)
        board.fault.store(fault?.rawValue ?? 0, ordering: .sequentiallyConsistent)
    }

    /// The fault being injected, if any.
    public var fault: Fault? {
        Fault(rawValue: board.fault.load(ordering: .sequentiallyConsistent))
    }

    /// How many `xWrite`/`xSync`/`xTruncate` calls failed so far.
    public var failedCalls: Int { board.failures.load(ordering: .relaxed) }
}
