import Foundation
import SchoolIDBase
import SchoolIDCore

/// What most commands need: the paths, the clock and the loaded policies.
struct Environment {
    let paths: CommonPaths
    let clock: any WallClock

    /// Builds the environment; the clock never runs below the server's persisted
    /// high-water mark, so CLI and server agree on "now".
    init(paths: CommonPaths) {
        self.paths = paths
        let mark = HighWaterMarkFile(path: paths.data + "/clock-high-water")
        clock = SystemWallClock(floor: mark.load())
        if FileManager.default.fileExists(atPath: paths.data) { try? mark.advance(to: clock.now()) }
    }

    /// The policy set in `--policies`.
    func policies() throws -> PolicySet {
        try PolicySet.load(directory: URL(fileURLWithPath: paths.policies, isDirectory: true))
    }

    /// The keyring in `--keys`, fully loaded (permissions checked).
    func keyring() throws -> KeyringSnapshot {
        try KeyringDirectory(path: paths.keys).load()
    }
}

/// Formats a time as an ISO 8601 UTC string for operators.
func iso8601(_ time: UnixTime?) -> String {
    guard let time else { return "-" }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
}

/// Writes `line` to standard error (progress and warnings; standard output is for data).
func note(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
