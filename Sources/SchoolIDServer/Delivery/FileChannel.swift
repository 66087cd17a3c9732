import Foundation
import Synchronization
import SchoolIDBase
import SchoolIDCore

/// The demo sink (`serve --demo`, development only): appends every message, SMS and
/// email alike, to a file as one JSON line and shows it on the console, so a developer
/// can read the codes without a gateway.
///
/// The line (sorted keys, `at` in Unix seconds):
/// ```
/// {"at":1790000000,"channel":"sms","id":"msg_…","text":"…","to":"+79161234567"}
/// ```
/// and the console line `[demo] sms to +79161234567: …`. The file is opened in append
/// mode and created with mode 0600 (an existing file is narrowed to 0600). Codes are in
/// clear in both places: never use it in production (`serve` allows it on loopback only).
public final class FileChannel: MessageChannel {
    private let path: String
    private let clock: any WallClock
    private let console: @Sendable (String) -> Void
    /// Keeps concurrent sends' file and console lines whole and in the same order.
    private let lock = Mutex(())

    /// - Parameters:
    ///   - path: the log file (`data/outbox.log`).
    ///   - clock: the time written as `at`.
    ///   - console: receives one line (without newline) per message; `serve` writes it to stdout.
    public init(path: String, clock: any WallClock, console: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.clock = clock
        self.console = console
    }

    /// One line of the file.
    struct Line: Encodable {
        let at: Int64
        let id: String
        let channel: String
        let to: String
        let text: String
    }

    public func send(_ message: OutgoingMessage) async -> DeliveryResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(at: clock.now().seconds, id: message.id.rawValue, channel: message.channel.rawValue,
                        to: message.destination, text: message.body)
        guard var bytes = try? encoder.encode(line) else { return .permanent("cannot encode the message") }
        bytes.append(UInt8(ascii: "\n"))
        let shown = "[demo] \(message.channel.rawValue) to \(message.destination): \(message.body)"
            .replacingOccurrences(of: "\n", with: " ")
        return lock.withLock { _ in
            if let error = append(bytes) { return .retryable("cannot write \(path) (errno \(error))") }
            console(shown)
            return .delivered
        }
    }

    /// Appends `bytes` with one `O_APPEND` descriptor; returns the errno of a failure.
    private func append(_ bytes: Data) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { return errno }
        return bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}
