import Foundation
import Synchronization

/// Per-route counts and latencies of one load phase, filled from many threads.
final class LoadRecorder: Sendable {
    /// What one route saw.
    struct Route: Sendable {
        var latencies: [Double] = []  // milliseconds
        var statuses: [Int: Int] = [:]  // status class (2, 3, 4, 5) → count
        var transportErrors = 0
        var examples: [String] = []  // the first few 4xx/5xx bodies, for the report

        mutating func record(status: Int, milliseconds: Double, body: String) {
            latencies.append(milliseconds)
            statuses[status / 100, default: 0] += 1
            if status >= 400, examples.count < 3 { examples.append("\(status) \(body.prefix(200))") }
        }
    }

    /// One printed and saved row.
    struct Row: Codable, Sendable {
        let route: String
        let count: Int
        let p50: Double
        let p99: Double
        let max: Double
        let status2xx: Int
        let status3xx: Int
        let status4xx: Int
        let status5xx: Int
        let transportErrors: Int
        enum CodingKeys: String, CodingKey {
            case route, count, max, status2xx = "2xx", status3xx = "3xx", status4xx = "4xx", status5xx = "5xx"
            case p50 = "p50_ms", p99 = "p99_ms", transportErrors = "transport_errors"
        }
    }

    private let routes = Mutex<[String: Route]>([:])
    private let started = ContinuousClock.now
    /// Answers completed in each second since the recorder was made.
    private let completions = Mutex<[Int]>([])

    func record(_ route: String, status: Int, milliseconds: Double, body: String = "") {
        let second = Int(started.duration(to: .now).components.seconds)
        completions.withLock { counts in
            if counts.count <= second { counts += Array(repeating: 0, count: second - counts.count + 1) }
            counts[second] += 1
        }
        // In place: a copy of the entry taken out and put back would copy its whole
        // latency array on every answer (the generator slowed as the run went on).
        routes.withLock { $0[route, default: Route()].record(status: status, milliseconds: milliseconds, body: body) }
    }

    func transportError(_ route: String) {
        routes.withLock { $0[route, default: Route()].transportErrors += 1 }
    }

    /// Answers per second over the seconds `range` (clamped to what was recorded).
    func throughput(seconds range: Range<Int>) -> Double {
        completions.withLock { counts in
            let window = counts[min(range.lowerBound, counts.count)..<min(range.upperBound, counts.count)]
            return window.isEmpty ? 0 : Double(window.reduce(0, +)) / Double(window.count)
        }
    }

    var total: Int { routes.withLock { $0.values.reduce(0) { $0 + $1.latencies.count } } }
    var transportErrors: Int { routes.withLock { $0.values.reduce(0) { $0 + $1.transportErrors } } }
    var serverErrors: Int { routes.withLock { $0.values.reduce(0) { $0 + ($1.statuses[5] ?? 0) } } }
    var examples: [String: [String]] { routes.withLock { $0.filter { !$1.examples.isEmpty }.mapValues(\.examples) } }

    /// One row per route, by name.
    var rows: [Row] {
        routes.withLock { routes in
            routes.keys.sorted().map { name in
                let route = routes[name]!
                let sorted = route.latencies.sorted()
                func percentile(_ p: Double) -> Double {
                    guard !sorted.isEmpty else { return 0 }
                    let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
                    return sorted[min(max(rank, 0), sorted.count - 1)]
                }
                return Row(route: name, count: sorted.count, p50: percentile(0.5), p99: percentile(0.99),
                           max: sorted.last ?? 0, status2xx: route.statuses[2] ?? 0, status3xx: route.statuses[3] ?? 0,
                           status4xx: route.statuses[4] ?? 0, status5xx: route.statuses[5] ?? 0,
                           transportErrors: route.transportErrors)
            }
        }
    }

    /// The rows as a Markdown table.
    var table: String {
        func ms(_ value: Double) -> String { String(format: "%.1f", value) }
        var lines = ["| route | count | p50 ms | p99 ms | max ms | 4xx | 5xx | transport |",
                     "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for row in rows {
            lines.append("| \(row.route) | \(row.count) | \(ms(row.p50)) | \(ms(row.p99)) | \(ms(row.max)) | "
                + "\(row.status4xx) | \(row.status5xx) | \(row.transportErrors) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// The serve child's resident memory and open descriptors, sampled every second
/// from `/proc/PID/status` (VmRSS) and `/proc/PID/fd`.
final class ProcessSampler: Sendable {
    struct Sample: Codable, Sendable {
        let second: Double
        let rssKiB: Int
        let fds: Int
        enum CodingKeys: String, CodingKey { case second, rssKiB = "rss_kib", fds }
    }

    private let samples = Mutex<[Sample]>([])
    private let running = Atomic<Bool>(true)

    /// Starts sampling the process `pid()` names (nil while it is down) on a thread of its own.
    init(pid: @escaping @Sendable () -> pid_t?) {
        let started = ContinuousClock.now
        Thread { [self] in
            while running.load(ordering: .relaxed) {
                if let pid = pid(), let sample = Self.sample(pid, at: started.duration(to: .now)) {
                    samples.withLock { $0.append(sample) }
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }.start()
    }

    func stop() { running.store(false, ordering: .relaxed) }

    var all: [Sample] { samples.withLock { $0 } }

    static func sample(_ pid: pid_t, at elapsed: Duration) -> Sample? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(whereSeparator: \.isWhitespace)[1]),
              let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        else { return nil }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Sample(second: seconds, rssKiB: kib, fds: fds.count)
    }
}
