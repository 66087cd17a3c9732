import Foundation
import SchoolIDBase
import Synchronization

/// Held while descriptors are created without `O_CLOEXEC` (Glibc's `accept4` is not
/// visible to Swift) and while children are spawned, so no child inherits a descriptor
/// before it is marked close-on-exec.
let descriptorCreationLock = Mutex<Void>(())

/// An `openssl` CLI child (`s_client`) with its standard input and output on pipes.
///
/// Spawned through `ChildProcess` (an empty signal mask: see there why). Killed (by its
/// pid) and reaped in `deinit` if the test did not wait for it.
final class OpenSSLCLI {
    let pid: pid_t
    /// Our end of the child's standard input (`-1` once closed).
    private(set) var input: Int32
    /// Our end of the child's standard output.
    let output: Int32
    private var exitStatus: Int32?

    /// Whether the `openssl` command can be run at all.
    static let isAvailable: Bool = {
        guard let child = try? OpenSSLCLI(["version"]) else { return false }
        return child.wait() == 0
    }()

    init(_ arguments: [String]) throws {
        (pid, input, output) = try descriptorCreationLock.withLock { _ in try Self.spawn(arguments) }
    }

    private static func spawn(_ arguments: [String]) throws -> (pid_t, input: Int32, output: Int32) {
        let stdinPipe = try ChildProcess.pipe()
        let stdoutPipe: (read: Int32, write: Int32)
        do { stdoutPipe = try ChildProcess.pipe() } catch {
            close(stdinPipe.read); close(stdinPipe.write)
            throw error
        }
        let spawned = Result { try ChildProcess.spawn(["openssl"] + arguments, stdin: .descriptor(stdinPipe.read),
                                                      stdout: .descriptor(stdoutPipe.write)) }
        close(stdinPipe.read)
        close(stdoutPipe.write)
        guard case .success(let pid) = spawned else {
            close(stdinPipe.write); close(stdoutPipe.read)
            throw TLSTestError("cannot start openssl")
        }
        return (pid, stdinPipe.write, stdoutPipe.read)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
        closeInput()
        close(output)
    }

    /// Writes all of `text` to the child's standard input.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
            guard written > 0 else { throw TLSTestError.errno("write to openssl") }
            offset += written
        }
    }

    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Reads from the child's standard output until `count` bytes or its end (10 s at most).
    func receive(_ count: Int) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < count {
            var ready = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
            guard poll(&ready, 1, 10_000) == 1 else { throw TLSTestError("openssl printed nothing in 10 s") }
            let got = Glibc.read(output, &chunk, min(chunk.count, count - bytes.count))
            guard got > 0 else { break }
            bytes += chunk.prefix(got)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text printed after `prefix` up to `marker`, skipping everything before `prefix`.
    func receive(until marker: String, after prefix: String) throws -> String {
        _ = try receive(until: prefix)
        return try receive(until: marker)
    }

    /// Reads from the child's standard output until the text read contains `marker` (10 s at most).
    func receive(until marker: String) throws -> String {
        var text = ""
        while !text.contains(marker) {
            let more = try receive(1)
            guard !more.isEmpty else { throw TLSTestError("openssl ended before printing \(marker)") }
            text += more
        }
        return text
    }

    /// Waits for the child to exit; its exit code, or 128 + signal.
    @discardableResult
    func wait() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }
}
