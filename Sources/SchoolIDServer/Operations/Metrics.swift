import Foundation
import Synchronization

/// Request counters and latency histograms, rendered in the Prometheus text format
/// (version 0.0.4). Labels are route templates, never raw paths, so ids and query
/// strings never reach `/metrics` and the series count stays bounded.
public final class Metrics: Sendable {
    /// Latency bucket upper bounds, in seconds.
    public static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Series: Hashable { let route: String; let method: String; let status: Int }
    private struct Histogram { var counts = [Int](repeating: 0, count: Metrics.buckets.count); var sum = 0.0; var total = 0 }
    private struct State { var requests: [Series: Int] = [:]; var latency: [String: Histogram] = [:] }

    private let state = Mutex(State())

    /// Creates an empty registry.
    public init() {}

    /// Records one answered request.
    public func record(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[Series(route: route, method: method, status: status), default: 0] += 1
            var histogram = state.latency[route, default: Histogram()]
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            state.latency[route] = histogram
        }
    }

    /// The exposition text, with `gauges` (name → value, already prefixed) appended.
    public func render(gauges: [(name: String, help: String, value: Double)]) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP schoolid_http_requests_total Requests answered, by route template, method and status.\n"
        out += "# TYPE schoolid_http_requests_total counter\n"
        for (series, count) in snapshot.requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            out += "schoolid_http_requests_total{route=\"\(Self.escape(series.route))\",method=\"\(series.method)\",status=\"\(series.status)\"} \(count)\n"
        }
        out += "# HELP schoolid_http_request_duration_seconds Time from a complete request to its response.\n"
        out += "# TYPE schoolid_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "schoolid_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "schoolid_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.total)\n"
            out += "schoolid_http_request_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            out += "schoolid_http_request_duration_seconds_count{\(label)} \(histogram.total)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(gauge.value)\n"
        }
        return out
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
