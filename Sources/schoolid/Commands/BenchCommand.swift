import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE

/// `schoolid bench [all|crypto|http|login|tokens|acks]`: our figures beside references
/// measured in the same run; `all` (the default) writes one report, Markdown and JSON.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "measure crypto, HTTP, login, token and acknowledgement throughput beside references"
    static let help = """
    usage: schoolid bench [all] [--out DIR] [--seconds S] [--runs N] [--connections C] [--policies DIR]
           schoolid bench crypto [--seconds S] [--runs N] [--policies DIR]
           schoolid bench http [--seconds S] [--runs N] [--connections C] [--policies DIR]
           schoolid bench login [--seconds S] [--runs N] [--batch N] [--policies DIR]
           schoolid bench tokens [--seconds S] [--runs N] [--connections C] [--policies DIR]
           schoolid bench acks [--seconds S] [--runs N] [--policies DIR]

    all (also 'schoolid bench' alone): runs every suite below in one go and writes ONE
    report, DIR/bench-report.md and DIR/bench-report.json (default DIR ./bench-report/,
    created; keep it outside the repository, or rely on .gitignore, which lists
    bench-report/), and prints the Markdown. The report names the machine (CPU model,
    cores, memory, kernel), the build mode, the date and this command line, the data
    directory's filesystem and 4 KiB write+fsync latency, and every figure as
    min/median/max over N runs beside the references measured in the same run, with
    documented gates as pass/fail columns (never the exit status). A suite whose tools
    are missing says "skipped: needs wrk" instead of failing the report. The login suite
    uses batches of \(BenchAll.batchSize) students here, the token suite \(BenchAll.tokenConnections) connections
    (--connections goes to the http suite). About 10 minutes in release at
    --seconds 5 --runs 3: swift build -c release --product schoolid, then
    .build/release/schoolid bench all --seconds 5 --runs 3 --out /tmp/bench-report

    crypto: full JWS signing and verification of a fixed access-token claim set
    (ES256, EdDSA, RS256 with a 3072-bit key), scrypt at the policy's user and
    temporary-password profiles, HMAC-SHA-256 and AES-256-GCM sealing of 64 bytes,
    beside `openssl speed` figures for the same algorithms measured in the same run.

    http: starts 'schoolid serve' and nginx (Debian's nginx-light, 1 worker) serving the
    same JWKS and /healthz bytes, each pinned to CPU 1 with taskset, and loads each with
    wrk pinned to CPU 0 (one thread, C keep-alive connections, default 64, S seconds);
    requests/s and p99 of N interleaved runs and serve's peak RSS. Then GET /login (a
    CSRF cookie, no hashing) with 16 connections: requests/s, p95 (a wrk Lua done()
    script) and p99 (issue 11 target: p95 < 50 ms). Needs wrk, nginx-light, curl.
    Uses ports 18080 and 18081.

    login: runs the server in-process at the policy's real scrypt costs and measures,
    N times each: the hash-only rate of the user profile on every core and POST
    /v1/login through wrk; a credential batch of --batch students (default 1000)
    against its budget (batch x one temporary-profile hash / 2 + 1 s) while logins
    continue; JWKS while 32 connections flood the login route. Needs wrk and curl.

    tokens: runs the server in-process and measures, with wrk (C connections, N runs
    of S seconds), POST /oauth/token grants per second for client_credentials and for
    refresh_token (each request spends an unused refresh token, rotated and committed),
    beside the data directory's filesystem and 4 KiB write+fsync latency; then
    SchoolIDVerifier verifications per second on one core of a guardian's token with
    two students for ES256, EdDSA and RS256, beside `openssl speed` verify measured in
    the same run, and the share of that time spent decoding the claims' JSON. Needs wrk.

    acks: runs the server in-process and measures acknowledgements signed per second
    (16 signers: the bound SMS code checked and consumed, the receipt signed, appended
    to the ledger and committed; requests and challenges are prepared before each run),
    then at the resulting ledger size inclusion proofs built by the server, and verified
    on one core alone and with the receipt's and checkpoint's signatures.

    Build in release mode for meaningful figures (a debug build only shows the shape).

    options:
      --out DIR     where 'all' writes its report (default ./bench-report)
      --seconds S   length of each timed run (default 1 for crypto, 10 otherwise, 5 for all)
      --runs N      timed runs per figure (default 3)
    \(CommonPaths.helpText)
    """

    static let suites = ["all", "crypto", "http", "login", "tokens", "acks"]

    static func run(_ arguments: consuming Arguments) async throws {
        let secondsText = try arguments.option("--seconds")
        let runs = try Int(arguments.option("--runs") ?? "3") ?? 0
        let connections = try Int(arguments.option("--connections") ?? "64") ?? 0
        let batchText = try arguments.option("--batch")
        let outText = try arguments.option("--out")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        let suite = arguments.positional() ?? "all"
        try arguments.finish()
        guard suites.contains(suite) else { throw UsageError("unknown benchmark '\(suite)'") }
        let seconds = Double(secondsText ?? (suite == "crypto" ? "1" : suite == "all" ? "5" : "10")) ?? 0
        guard seconds > 0, runs > 0 else { throw UsageError("--seconds and --runs take positive numbers") }
        guard connections > 0 else { throw UsageError("--connections takes a positive number") }
        let batch = Int(batchText ?? (suite == "all" ? "\(BenchAll.batchSize)" : "1000")) ?? 0
        guard batch > 0 else { throw UsageError("--batch takes a positive number") }
        guard outText == nil || suite == "all" else { throw UsageError("--out goes with 'bench all'") }
        let whole = Int(seconds.rounded(.up)), policiesPath = environment.paths.policies
        let section: BenchSection
        switch suite {
        case "all":
            let out = outText ?? "./bench-report"
            let report = try await BenchAll.run(policiesPath: policiesPath, policies: try environment.policies(),
                                                seconds: seconds, runs: runs, connections: connections, out: out)
            print(report.markdown, terminator: "")
            note("wrote \(out)/bench-report.md and \(out)/bench-report.json")
            return
        case "login":
            section = try await LoginBench.run(policies: policiesPath, seconds: whole, runs: runs, batchSize: batch)
        case "acks":
            section = try await AckBench.run(policies: policiesPath, seconds: whole, runs: runs)
        case "tokens":
            section = try await TokenBench.run(policies: policiesPath, seconds: whole, runs: runs, connections: connections)
        case "http":
            section = try HTTPBench.run(policies: policiesPath, seconds: whole, runs: runs, connections: connections)
        default:
            let policies = try environment.policies()
            note("openssl speed (\(whole) s per figure)…")
            let reference = OpenSSLSpeed.measure(seconds: whole)
            section = try CryptoBench.run(policies: policies, reference: reference, seconds: seconds, runs: runs)
        }
        print(section.markdown)
    }
}
