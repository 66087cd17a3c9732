import Foundation
import SchoolIDBase
import Synchronization

/// The access log as one file per UTC day (`access-YYYY-MM-DD.jsonl`, mode 0600) in the
/// directory `serve --access-log-dir` names, so that the retention job can destroy whole
/// days once they are older than `access_logs_days` (`retention.json`).
///
/// An access line holds the client address, which is personal data (GDPR Recital 30;
/// 152-FZ art. 3); without this directory the lines go to standard error with the rest
/// of the log, and the operator's log collector (journald `MaxRetentionSec=`) keeps them
/// no longer than the same age.
final class AccessLogDirectory: LogSink {
    /// The directory holding the day files.
    let path: String
    private let clock: any WallClock
    /// The open day file: its name and descriptor.
    private let current = Mutex<(name: String, descriptor: Int32)?>(nil)

    /// Creates the directory (mode 0700) if needed.
    /// - Throws: when the directory cannot be created.
    init(path: String, clock: any WallClock) throws {
        self.path = path
        self.clock = clock
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    deinit {
        current.withLock { open in
            if let open { close(open.descriptor) }
        }
    }

    /// The file name of the day holding `time`.
    static func fileName(for time: UnixTime) -> String {
        "access-\(ISODate.string(time, timeZone: "UTC")).jsonl"
    }

    func write(line: String) {
        let name = Self.fileName(for: clock.now())
        current.withLock { open in
            if open?.name != name {
                if let open { close(open.descriptor) }
                let descriptor = Foundation.open(path + "/" + name, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
                open = descriptor < 0 ? nil : (name, descriptor)
            }
            guard let descriptor = open?.descriptor else { return }
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        }
    }

    /// Deletes the day files whose day ended more than `days` days before `now`.
    /// - Returns: how many files were deleted.
    func purge(olderThanDays days: Int, now: UnixTime) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var deleted = 0
        for name in names {
            guard let dayStart = Self.dayStart(of: name),
                  dayStart.adding(seconds: 86_400 + Int64(days) * 86_400) <= now
            else { continue }
            current.withLock { open in
                if open?.name == name, let descriptor = open?.descriptor {
                    close(descriptor)
                    open = nil
                }
            }
            if (try? FileManager.default.removeItem(atPath: path + "/" + name)) != nil { deleted += 1 }
        }
        return deleted
    }

    /// The start (UTC midnight) of the day a file name stands for; `nil` for other files.
    static func dayStart(of name: String) -> UnixTime? {
        guard name.hasPrefix("access-"), name.hasSuffix(".jsonl") else { return nil }
        let parts = name.dropFirst("access-".count).dropLast(".jsonl".count).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              fileName(for: UnixTime(seconds: Int64(date.timeIntervalSince1970))) == name
        else { return nil }
        return UnixTime(seconds: Int64(date.timeIntervalSince1970))
    }
}
