import Foundation
import SchoolIDBase

/// Child processes for benchmarks (openssl speed, wrk, nginx, a pinned `serve`),
/// started through ``ChildProcess`` so that they see SIGALRM and SIGTERM.
struct Subprocess {
    let pid: pid_t
    /// Where the child's standard output goes.
    let outputPath: String

    /// Starts `arguments[0]` (looked up on PATH) with stdout to a temporary file and
    /// stderr to /dev/null.
    static func start(_ arguments: [String]) throws -> Subprocess {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-\(UUID().uuidString).txt").path
        do {
            return Subprocess(pid: try ChildProcess.spawn(arguments, stdout: .file(output)), outputPath: output)
        } catch {
            throw CommandFailure(String(describing: error))
        }
    }

    /// The first of `tools` not found on PATH, or nil when all are there: a suite that
    /// needs a missing tool reports itself skipped instead of failing the whole report.
    static func missing(_ tools: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        let directories = path.split(separator: ":").map(String.init)
        return tools.first { tool in
            !directories.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + tool) }
        }
    }

    /// Runs to completion and returns standard output.
    static func run(_ arguments: [String]) -> String {
        guard let process = try? start(arguments) else { return "" }
        return process.wait()
    }

    /// Waits for exit; returns standard output and removes its file.
    @discardableResult
    func wait() -> String {
        ChildProcess.wait(pid)
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
