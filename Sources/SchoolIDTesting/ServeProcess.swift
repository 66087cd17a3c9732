import Foundation
import SchoolIDBase
import Synchronization

/// One `schoolid serve` child process of the real executable (built next to the test
/// bundle), for crash tests: its first stdout line announces the URL, and ``kill()``
/// sends SIGKILL, the crash no handler sees.
public final class ServeProcess: Sendable {
    /// The `schoolid` executable next to the test bundle.
    public static let executable: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0])
        var url = bundle.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("schoolid").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("schoolid").path
    }()

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
            try ProcessLaunch.spawn([Self.executable] + arguments, stdout: .descriptor(out.write), directory: directory,
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
