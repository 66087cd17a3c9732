import Foundation
import SchoolIDBase
import Synchronization

/// The real `schoolid` executable, built next to the test bundle.
public enum SchoolIDExecutable {
    /// Its path.
    public static let path: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0])
        var url = bundle.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("schoolid").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("schoolid").path
    }()

    /// What one run printed and how it ended.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs the executable to completion on a thread of its own, so waiting holds no
    /// thread of the cooperative pool, which in-process fake servers need.
    /// - Parameters:
    ///   - arguments: after the executable.
    ///   - directory: the working directory.
    public static func run(_ arguments: [String], in directory: String) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try runBlocking(arguments, in: directory) }) }.start()
        }
    }

    /// Standard output and error go to files (a pipe the child fills while the parent
    /// waits on the other one would deadlock), read once the child exited.
    private static func runBlocking(_ arguments: [String], in directory: String) throws -> Result {
        let output = try TemporaryDirectory(prefix: "schoolid-cli-output")
        defer { output.remove() }
        let (stdout, stderr) = (output.file("stdout"), output.file("stderr"))
        let pid = try ProcessLaunch.spawn([path] + arguments, stdout: .file(stdout), stderr: .file(stderr),
                                          directory: directory)
        let status: Int32 = switch ChildProcess.Termination(waitStatus: ChildProcess.wait(pid)) {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
        return Result(status: status, stdout: try String(contentsOfFile: stdout, encoding: .utf8),
                      stderr: try String(contentsOfFile: stderr, encoding: .utf8))
    }
}

/// One `schoolid serve` child process of the real executable, for crash tests: its first stdout line announces the URL, and ``kill()``
/// sends SIGKILL, the crash no handler sees.
public final class ServeProcess: Sendable {
    /// Starts the child on a thread of its own (reading its first line blocks), so the
    /// cooperative pool stays free for the in-process fakes.
    /// - Parameters:
    ///   - arguments: after the executable, e.g. `["serve", "--port", "0"]`.
    ///   - directory: the working directory (`./data`, `./keys`, `./policies` by default).
    ///   - environment: variables added to this process's environment (`SCHOOLID_…`).
    public static func launch(_ arguments: [String], in directory: String, environment: [String: String] = [:])
        async throws -> ServeProcess
    {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try ServeProcess(arguments, directory: directory, environment: merged) })
            }.start()
        }
    }

    public let pid: pid_t
    public let port: Int
    /// The read end of the child's standard output, open while it runs (a closed pipe
    /// would kill it with SIGPIPE at its next line).
    private let output: Int32
    private let reaped = Mutex(false)

    init(_ arguments: [String], directory: String, environment: [String: String]) throws {
        let out = try ChildProcess.pipe()
        let spawned = Swift.Result {
            try ProcessLaunch.spawn([SchoolIDExecutable.path] + arguments, stdout: .descriptor(out.write), directory: directory,
                                    environment: environment)
        }
        close(out.write)
        output = out.read
        do {
            pid = try spawned.get()
        } catch {
            close(output)
            throw error
        }
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let count = read(output, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count != 1 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "")
        else {
            Foundation.kill(pid, SIGKILL)
            ChildProcess.wait(pid)
            close(output)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no URL in \(text)"])
        }
        self.port = port
    }

    /// SIGKILL, then reap (once).
    public func kill() {
        guard reaped.withLock({ reaped in
            defer { reaped = true }
            return !reaped
        }) else { return }
        Foundation.kill(pid, SIGKILL)
        ChildProcess.wait(pid)
        close(output)
    }
}
