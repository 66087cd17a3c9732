import Foundation

/// Child processes for benchmarks (openssl speed, wrk, nginx, a pinned `serve`).
///
/// Spawned with `posix_spawnp` and an empty signal mask: Swift's threads block every
/// signal, a `Process` child would inherit that mask, and tools that time themselves
/// with SIGALRM (`openssl speed`) or stop on SIGTERM (nginx, serve) would never react.
struct Subprocess {
    let pid: pid_t
    /// Where the child's standard output goes.
    let outputPath: String

    /// Starts `arguments[0]` (looked up on PATH) with stdout to a temporary file and
    /// stderr to /dev/null.
    static func start(_ arguments: [String]) throws -> Subprocess {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-\(UUID().uuidString).txt").path
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw CommandFailure("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return Subprocess(pid: pid, outputPath: output)
    }

    /// Runs to completion and returns standard output.
    static func run(_ arguments: [String]) -> String {
        guard let process = try? start(arguments) else { return "" }
        return process.wait()
    }

    /// Waits for exit; returns standard output and removes its file.
    @discardableResult
    func wait() -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return output()
    }

    /// Standard output so far (and removes the file when the child has exited).
    func output() -> String {
        defer { unlink(outputPath) }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Sends SIGTERM and waits.
    func terminate() {
        kill(pid, SIGTERM)
        wait()
    }

    /// Peak resident set size in bytes (`VmHWM`), while the child runs.
    var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
