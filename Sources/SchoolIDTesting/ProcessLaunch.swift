import Foundation
import Synchronization

/// Starts Foundation `Process`es one at a time. `Process.run()` is not safe to call
/// from several threads at once on Linux (it crashed copying its launch state when
/// tests started children from threads of their own), so every test that launches a
/// child goes through this lock; waiting for the child needs no lock.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `process.run()` under the process-wide launch lock.
    /// - Throws: what `Process.run()` throws.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
