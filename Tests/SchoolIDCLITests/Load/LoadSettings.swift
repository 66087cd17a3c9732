import Foundation
import SchoolIDTesting

/// What the environment asks of the load and crash tests.
///
/// They are heavy (minutes of a loaded CPU), so `swift test` skips them unless
/// `SCHOOLID_LOAD=1` (`Tests/run-all` sets it in its `timing, load and crash` phase).
/// `SCHOOLID_LONG=1` runs the long forms: 300 s of load with 60 s windows, 20 kill
/// cycles. For trying things out, `SCHOOLID_LOAD_SECONDS`, `SCHOOLID_KILL_CYCLES` and
/// `SCHOOLID_LOAD_SEED` override the duration, the cycles and the seed.
enum LoadSettings {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static var enabled: Bool { environment["SCHOOLID_LOAD"] == "1" }
    static var long: Bool { environment["SCHOOLID_LONG"] == "1" }

    /// Seconds of paced load (CI 60, long 300).
    static var seconds: Double { environment["SCHOOLID_LOAD_SECONDS"].flatMap(Double.init) ?? (long ? 300 : 60) }
    /// The memory windows: a third of a short run (20 s of 60), a minute of a long one.
    static var window: Double { long ? 60 : seconds / 3 }
    /// Kill cycles (CI 5, long 20).
    static var cycles: Int { environment["SCHOOLID_KILL_CYCLES"].flatMap(Int.init) ?? (long ? 20 : 5) }
    /// The seed of the kill moments and of the users' choices (printed; random unless set).
    static let seed: UInt64 = environment["SCHOOLID_LOAD_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...999_999)
    /// Seeded guardians: enough phones for the SMS signings within the per-phone quota.
    static var guardians: Int { long ? 60 : 32 }

    /// `.build/test-output/load/`, created.
    static func outputDirectory() throws -> URL {
        let url = Fixtures.packageRoot.appendingPathComponent(".build/test-output/load", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
