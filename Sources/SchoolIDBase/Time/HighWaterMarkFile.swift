import Foundation

/// The persisted high-water mark of the service's wall clock.
///
/// `serve` reads it at start (as the ``SystemWallClock`` floor) and writes it
/// periodically and at shutdown, so a machine that boots with its clock set back
/// does not reopen expired windows.
public struct HighWaterMarkFile: Sendable {
    /// Where the mark is kept (one decimal number of seconds).
    public let path: String

    /// Creates a handle for the file at `path`.
    public init(path: String) { self.path = path }

    /// The stored mark, or `nil` when the file does not exist or is unreadable.
    public func load() -> UnixTime? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let seconds = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        return UnixTime(seconds: seconds)
    }

    /// Stores `time` if it is later than the stored mark (atomically: write then rename).
    /// - Throws: when the file cannot be written.
    public func advance(to time: UnixTime) throws {
        if let stored = load(), stored >= time { return }
        try Data("\(time.seconds)\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
