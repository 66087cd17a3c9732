import Foundation
import SchoolIDBase
import Synchronization

/// Serialises what touches the process environment: launching a child (`posix_spawn`
/// copies `environ`) and changing it (`setenv`). A `setenv` while another thread copied
/// the environment crashed the test process, so every test that launches a child or
/// changes a variable goes through this lock; waiting for a child needs no lock.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `body` while no other caller launches a child or changes the environment.
    public static func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withLock { _ in try body() }
    }

    /// ``ChildProcess/spawn(_:stdin:stdout:stderr:directory:environment:)`` under the lock.
    /// - Throws: what the spawn throws.
    /// - Returns: the child's pid.
    public static func spawn(_ arguments: [String], stdout: ChildProcess.Stream = .inherit,
                             stderr: ChildProcess.Stream = .null, directory: String? = nil,
                             environment: [String: String]? = nil) throws -> pid_t
    {
        try exclusive {
            try ChildProcess.spawn(arguments, stdout: stdout, stderr: stderr, directory: directory,
                                   environment: environment)
        }
    }
}
