import Foundation

/// `schoolid bench http`: SchoolID and nginx serving the same bytes, each pinned to CPU 1,
/// loaded by wrk pinned to CPU 0 (64 keep-alive connections, one thread).
enum HTTPBench {
    struct Figure {
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var errors = 0
        /// From a Lua `done()` script printing `p95_ms` (wrk's `--latency` stops at 50/75/90/99).
        var p95Milliseconds: Double? = nil
    }

    /// The login page's load: wrk's connections for `GET /login` (issue 11: p95 < 50 ms).
    static let loginPageConnections = 16

    /// A wrk script whose `done()` prints the 95th percentile latency in milliseconds.
    static let percentileScript = """
        done = function(summary, latency, requests)
          io.write(string.format("p95_ms %.3f\\n", latency:percentile(95) / 1000))
        end

        """

    struct Row {
        let route: String
        let schoolID: [Figure]
        let nginx: [Figure]
    }

    static let schoolIDPort = 18_080
    static let nginxPort = 18_081

    static let title = "HTTP: SchoolID beside nginx serving the same bytes"

    /// Runs the whole comparison; a section saying "skipped" when wrk, nginx or curl is missing.
    static func run(policies: String, seconds: Int, runs: Int, connections: Int) throws -> BenchSection {
        if let tool = Subprocess.missing(["wrk", "nginx", "curl", "taskset"]) {
            return .skipped("http", title: title, reason: "needs \(tool)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-http-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir + "/www", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: policies, toPath: dir + "/policies")

        // Resolved here: inside taskset, /proc/self/exe would be taskset itself.
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let serve = try Subprocess.start(["taskset", "-c", "1", executable, "serve", "--port", "\(schoolIDPort)",
                                          "--data", dir + "/data", "--keys", dir + "/keys", "--policies", dir + "/policies"])
        defer { serve.terminate() }
        try waitUntilServing(port: schoolIDPort)
        let routes = ["/.well-known/jwks.json", "/healthz"]
        for route in routes {
            let body = Subprocess.run(["curl", "-s", "http://127.0.0.1:\(schoolIDPort)\(route)"])
            try body.write(toFile: dir + "/www" + route.replacingOccurrences(of: "/.well-known", with: ""), atomically: true, encoding: .utf8)
        }
        try nginxConfiguration(dir).write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
        // nginx's worker runs as www-data; schoolid's umask (077) would hide the files from it.
        for path in [dir, dir + "/www"] + routes.map({ dir + "/www" + $0.replacingOccurrences(of: "/.well-known", with: "") }) {
            try FileManager.default.setAttributes([.posixPermissions: path.hasSuffix("www") || path == dir ? 0o755 : 0o644],
                                                  ofItemAtPath: path)
        }
        let nginx = try Subprocess.start(["taskset", "-c", "1", "nginx", "-c", dir + "/nginx.conf", "-p", dir])
        defer { nginx.terminate() }
        try waitUntilServing(port: nginxPort)

        var rows: [Row] = []
        for route in routes {
            note("wrk \(route): SchoolID and nginx, \(runs) × \(seconds) s…")
            let nginxPath = route.replacingOccurrences(of: "/.well-known", with: "")
            var ours: [Figure] = [], theirs: [Figure] = []
            for _ in 0..<runs {
                // Interleaved, so a slower minute of this shared machine hits both alike.
                ours.append(wrk(port: schoolIDPort, path: route, seconds: seconds, connections: connections))
                theirs.append(wrk(port: nginxPort, path: nginxPath, seconds: seconds, connections: connections))
            }
            rows.append(Row(route: route, schoolID: ours, nginx: theirs))
        }
        note("wrk /login: SchoolID, \(loginPageConnections) connections, \(runs) × \(seconds) s…")
        try percentileScript.write(toFile: dir + "/p95.lua", atomically: true, encoding: .utf8)
        let loginPage = (0..<runs).map { _ in
            wrk(port: schoolIDPort, path: "/login", seconds: seconds, connections: loginPageConnections,
                script: dir + "/p95.lua")
        }
        return section(rows, loginPage: loginPage, peakRSS: serve.peakResidentBytes, seconds: seconds, runs: runs,
                       connections: connections)
    }

    static func wrk(port: Int, path: String, seconds: Int, connections: Int, script: String? = nil) -> Figure {
        let pinning = script == nil ? ["taskset", "-c", "0"] : []
        let output = Subprocess.run(pinning + ["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "30s", "--latency"]
                                    + (script.map { ["-s", $0] } ?? []) + ["http://127.0.0.1:\(port)\(path)"])
        var figure = Figure(requestsPerSecond: 0, p99Milliseconds: .infinity)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.first == "Requests/sec:", fields.count > 1 { figure.requestsPerSecond = Double(fields[1]) ?? 0 }
            if fields.first == "99%", fields.count > 1 { figure.p99Milliseconds = milliseconds(String(fields[1])) }
            if fields.first == "p95_ms", fields.count > 1 { figure.p95Milliseconds = Double(fields[1]) }
            if line.hasPrefix("  Non-2xx or 3xx responses:"), let count = fields.last.flatMap({ Int($0) }) { figure.errors = count }
        }
        return figure
    }

    /// wrk prints latencies as `812.00us`, `2.31ms` or `1.02s`.
    static func milliseconds(_ text: String) -> Double {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .infinity) * scale
        }
        return .infinity
    }

    static func waitUntilServing(port: Int) throws {
        for _ in 0..<200 {
            if Subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/healthz"]) == "200" { return }
            usleep(50_000)
        }
        throw CommandFailure("nothing answered on port \(port) within 10 s")
    }

    static func nginxConfiguration(_ dir: String) -> String {
        """
        worker_processes 1;
        daemon off;
        pid \(dir)/nginx.pid;
        error_log \(dir)/nginx-error.log;
        events { worker_connections 1024; }
        http {
            access_log off;
            client_body_temp_path \(dir)/tmp;
            server {
                listen 127.0.0.1:\(nginxPort);
                root \(dir)/www;
                default_type application/json;
                keepalive_requests 1000000;
            }
        }
        """
    }

    static func section(_ rows: [Row], loginPage: [Figure], peakRSS: Int?, seconds: Int, runs: Int, connections: Int)
        -> BenchSection
    {
        var routes = BenchTable(columns: ["route", "SchoolID req/s", "nginx req/s", "SchoolID / nginx (median)",
                                          "gate ≥ 40%", "SchoolID p99 ms", "gate p99 < 10 ms (median)", "nginx p99 ms",
                                          "SchoolID non-2xx"])
        for row in rows {
            let ours = Stat(row.schoolID.map(\.requestsPerSecond)), theirs = Stat(row.nginx.map(\.requestsPerSecond))
            let p99 = Stat(row.schoolID.map(\.p99Milliseconds))
            let ratio = theirs.median > 0 ? 100 * ours.median / theirs.median : nil
            routes.rows.append([.text(row.route), .stat(ours), .stat(theirs), ratio.map { .percent($0) } ?? .none,
                                .gate(ratio) { $0 >= 40 }, .stat(p99), .gate(p99.median < 10),
                                .stat(Stat(row.nginx.map(\.p99Milliseconds))),
                                .value(Double(row.schoolID.map(\.errors).reduce(0, +)))])
        }
        let p95s = loginPage.compactMap(\.p95Milliseconds)
        let p95 = p95s.isEmpty ? nil : Stat(p95s)
        let page = BenchTable(columns: ["page (wrk -c\(loginPageConnections))", "req/s", "p95 ms", "target p95 < 50 ms (median)",
                                        "p99 ms"],
                              rows: [[.text("GET /login"), .stat(Stat(loginPage.map(\.requestsPerSecond))),
                                      p95.map { .stat($0) } ?? .none, .gate(p95?.median) { $0 < 50 },
                                      .stat(Stat(loginPage.map(\.p99Milliseconds)))]])
        let memory = BenchTable(columns: ["figure", "value", "gate < 50 MiB"],
                                rows: [[.text("serve peak RSS (VmHWM) after the runs"),
                                        peakRSS.map { .value(Double($0) / 1_048_576, unit: "MiB") } ?? .none,
                                        .gate(peakRSS.map(Double.init)) { $0 < 50 * 1_048_576 }]])
        return BenchSection(suite: "http", title: title,
                            notes: ["wrk -t1 -c\(connections) pinned to CPU 0; SchoolID `serve` and nginx (1 worker) pinned to "
                                    + "CPU 1; \(runs) interleaved runs × \(seconds) s per route; GET /login with "
                                    + "\(loginPageConnections) connections (p95 from a wrk Lua `done()` script)."],
                            tables: [routes, page, memory])
    }
}
