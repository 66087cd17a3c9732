import Foundation
import Synchronization

/// Serialises what touches the process environment: launching a child (`Process.run()`
/// and `posix_spawn` copy `environ`) and changing it (`setenv`). A `setenv` while
/// another thread copied the environment crashed the test process, so every test that
/// launches a child or changes a variable goes through this lock; waiting for a child
/// needs no lock.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `body` while no other caller launches a child or changes the environment.
    public static func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock { _ in try body() }
    }

    /// Runs `process.run()` under the lock.
    /// - Throws: what `Process.run()` throws.
    public static func run(_ process: Process) throws {
        try exclusive { try process.run() }
    }
}
