import CSchoolIDLinux
import Foundation

/// Starts child processes with a clean signal state, without Foundation's `Process`.
///
/// The threads of a Swift process block every signal, and a child inherits its
/// parent's signal mask: a child started with Foundation's `Process` from such a thread
/// never sees SIGALRM (`openssl speed` then runs forever) or SIGTERM (a `serve` under
/// test would never drain). `posix_spawnp` with an empty mask and default dispositions
/// gives the child what a shell would. `Process.run()` also over-reads a `dirent` while
/// listing `/proc/self/fd` and crashes now and then in a process with many descriptors
/// (swift-corelibs-foundation PR 5472), which a test process always is.
public enum ChildProcess {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The parent's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// A file, created or truncated (mode 0600).
        case file(String)
        /// An open descriptor of the parent (for example one end of a pipe).
        case descriptor(Int32)
    }

    /// How a child ended, decoded from its wait status.
    public enum Termination: Hashable, Sendable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        /// Decodes a raw `waitpid` status (`WIFEXITED`, `WEXITSTATUS`, `WTERMSIG`).
        public init(waitStatus status: Int32) {
            self = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        }
    }

    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `arguments[0]` (looked up on `PATH`) with the other elements as arguments.
    /// - Parameters:
    ///   - directory: the child's working directory (the parent's when `nil`).
    ///   - environment: the child's whole environment (the parent's when `nil`).
    /// - Throws: ``SpawnError`` when it cannot be started.
    /// - Returns: the child's pid; reap it with ``wait(_:)``.
    public static func spawn(_ arguments: [String], stdin: Stream = .null, stdout: Stream = .inherit,
                             stderr: Stream = .null, directory: String? = nil,
                             environment: [String: String]? = nil) throws -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for (descriptor, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, descriptor)
            }
        }
        if let directory { posix_spawn_file_actions_addchdir_np(&actions, directory) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = if var envp {
            posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, &envp)
        } else {
            posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        }
        guard status == 0 else { throw SpawnError(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// A pipe whose ends close on exec, so that only the child it is handed to (by
    /// ``Stream/descriptor(_:)``, which clears the flag on the copy) inherits it.
    /// - Throws: ``SpawnError`` when the system refuses.
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe2(&ends, O_CLOEXEC) == 0 else {
            throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        return (ends[0], ends[1])
    }

    /// Reads `descriptor` to end of file (retrying interrupted reads) and closes it.
    public static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Waits for `pid` to exit.
    /// - Returns: the raw wait status (decode it with ``Termination/init(waitStatus:)``).
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }
}
