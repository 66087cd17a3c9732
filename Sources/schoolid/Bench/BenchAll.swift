import Foundation
import SchoolIDCore

/// `schoolid bench all`: every suite in one go, one report. A suite whose tools are
/// missing becomes a "skipped" section; one that fails becomes a section naming the
/// failure, so the rest of the report still comes out.
enum BenchAll {
    /// The credential batch of the login suite here: small enough that the whole report
    /// takes minutes, large enough to measure the batch lane.
    static let batchSize = 200
    /// wrk's connections for the token grants here (the http suite takes `--connections`):
    /// enough to fill the group commit without queueing whole seconds of requests.
    static let tokenConnections = 16

    static func run(policiesPath: String, policies: PolicySet, seconds: Double, runs: Int, connections: Int,
                    out: String) async throws -> BenchReport
    {
        let whole = Int(seconds.rounded(.up))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-fs-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let filesystem = FilesystemProbe.measure(in: scratch)
        try? FileManager.default.removeItem(atPath: scratch)
        note("openssl speed (\(whole) s per figure)…")
        let reference = await LoginBench.offPool { OpenSSLSpeed.measure(seconds: whole) }
        var sections: [BenchSection] = []
        sections.append(await guarded("crypto", CryptoBench.title) {
            try CryptoBench.run(policies: policies, reference: reference, seconds: seconds, runs: runs)
        })
        sections.append(await guarded("http", HTTPBench.title) {
            try HTTPBench.run(policies: policiesPath, seconds: whole, runs: runs, connections: connections)
        })
        sections.append(await guarded("login", LoginBench.title) {
            try await LoginBench.run(policies: policiesPath, seconds: whole, runs: runs, batchSize: batchSize)
        })
        sections.append(await guarded("tokens", TokenBench.title) {
            try await TokenBench.run(policies: policiesPath, seconds: whole, runs: runs,
                                     connections: tokenConnections, reference: reference)
        })
        sections.append(await guarded("acks", AckBench.title) {
            try await AckBench.run(policies: policiesPath, seconds: whole, runs: runs)
        })
        let report = BenchReport(machine: .current(), filesystem: filesystem, sections: sections, runs: runs,
                                 seconds: seconds)
        try report.write(to: out)
        return report
    }

    /// Runs one suite; its failure is reported in its section instead of ending the report.
    static func guarded(_ suite: String, _ title: String, _ body: () async throws -> BenchSection) async -> BenchSection {
        do {
            return try await body()
        } catch {
            note("\(suite): failed: \(error)")
            return .skipped(suite, title: title, reason: "failed: \(error)")
        }
    }
}
