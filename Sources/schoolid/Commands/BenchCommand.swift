import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE

/// `schoolid bench crypto|http|login|tokens`: our figures beside references measured in
/// the same run.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "measure crypto, HTTP, login, token and acknowledgement throughput beside references"
    static let help = """
    usage: schoolid bench crypto [--seconds S] [--runs N] [--policies DIR]
           schoolid bench http [--seconds S] [--runs N] [--connections C] [--policies DIR]
           schoolid bench login [--seconds S] [--batch N] [--policies DIR]
           schoolid bench tokens [--seconds S] [--runs N] [--connections C] [--policies DIR]
           schoolid bench acks [--seconds S] [--runs N] [--policies DIR]

    Measures full JWS signing and verification of a fixed access-token claim set
    (ES256, EdDSA, RS256 with a 3072-bit key), scrypt at the policy's user and
    temporary-password profiles, HMAC-SHA-256 and AES-256-GCM sealing of 64 bytes,
    each as min/median/max operations per second over N runs of S seconds, printed
    beside `openssl speed` figures for the same algorithms measured in the same run.
    Build in release mode for meaningful figures: swift run -c release schoolid bench crypto

    http: starts 'schoolid serve' and nginx (Debian's nginx-light, 1 worker) serving the
    same JWKS and /healthz bytes, each pinned to CPU 1 with taskset, and loads each with
    wrk pinned to CPU 0 (one thread, C keep-alive connections, default 64, S seconds,
    default 10); prints requests/s and p99 (median of N runs) and serve's peak RSS.
    Then GET /login (the login page: a CSRF cookie, no hashing) with 16 connections,
    requests/s, p95 (a wrk Lua done() script) and p99 (issue 11 target: p95 < 50 ms).
    Needs: apt-get install wrk nginx-light curl. Uses ports 18080 and 18081.

    login: runs the server in-process at the policy's real scrypt costs and measures,
    in one run, the hash-only rate of the user profile on every core, then POST
    /v1/login through wrk for S seconds (default 10), then a credential batch of N
    students (default 1000) against its budget (N x one temporary-profile hash / 2 + 1 s)
    while logins continue. Needs wrk.

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

    options:
      --seconds S   length of each timed run (default 1)
      --runs N      timed runs per operation (default 3)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let suite = try arguments.required("benchmark (crypto, http, login, tokens or acks)")
        guard ["crypto", "http", "login", "tokens", "acks"].contains(suite) else { throw UsageError("unknown benchmark '\(suite)'") }
        let seconds = try Double(arguments.option("--seconds") ?? (suite == "crypto" ? "1" : "10")) ?? 0
        let runs = try Int(arguments.option("--runs") ?? "3") ?? 0
        guard seconds > 0, runs > 0 else { throw UsageError("--seconds and --runs take positive numbers") }
        let connections = try Int(arguments.option("--connections") ?? "64") ?? 0
        guard connections > 0 else { throw UsageError("--connections takes a positive number") }
        let batch = try Int(arguments.option("--batch") ?? "1000") ?? 0
        guard batch > 0 else { throw UsageError("--batch takes a positive number") }
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        if suite == "login" {
            print(try await LoginBench.run(policies: environment.paths.policies, seconds: Int(seconds.rounded(.up)),
                                           batchSize: batch))
            return
        }
        if suite == "acks" {
            print(try await AckBench.run(policies: environment.paths.policies, seconds: Int(seconds.rounded(.up)),
                                         runs: runs))
            return
        }
        if suite == "tokens" {
            print(try await TokenBench.run(policies: environment.paths.policies, seconds: Int(seconds.rounded(.up)),
                                           runs: runs, connections: connections))
            return
        }
        let policies = try environment.policies()
        if suite == "http" {
            print(try HTTPBench.run(policies: environment.paths.policies, seconds: Int(seconds.rounded(.up)), runs: runs,
                                    connections: connections))
            return
        }

        note("openssl speed (\(Int(seconds.rounded(.up))) s per figure)…")
        let reference = OpenSSLSpeed.measure(seconds: Int(seconds.rounded(.up)))
        var rows: [Row] = []
        for (algorithm, label) in [(JWSAlgorithm.ES256, "ecdsap256"), (.EdDSA, "ed25519"), (.RS256, "rsa3072")] {
            note("JWS \(algorithm.rawValue)…")
            let (sign, verify) = try measureJWS(algorithm, seconds: seconds, runs: runs)
            rows.append(Row(sign, reference: reference.signatures[label]?.sign, referenceName: "openssl speed \(label) sign"))
            rows.append(Row(verify, reference: reference.signatures[label]?.verify, referenceName: "openssl speed \(label) verify"))
        }
        note("scrypt, HMAC, AES-GCM…")
        for (profile, cost) in [("user", policies.passwords.userHashCost), ("temporary", policies.passwords.temporaryHashCost)] {
            let hasher = PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
            let password = Array("correct horse battery staple".utf8)
            rows.append(Row(try Measurement.measure("scrypt hash, \(profile) profile (\(cost))", seconds: max(seconds, 2), runs: runs) {
                _ = try hasher.hash(password)
            }, reference: nil, referenceName: "-"))
        }
        let key = SymmetricKey.generate()
        let block = [UInt8](repeating: 0x5A, count: 64)
        rows.append(Row(Measurement.measure("HMAC-SHA-256, 64 bytes", seconds: seconds, runs: runs) {
            _ = HMAC.sha256(key: key.unsafeBytes, data: block)
        }, reference: reference.perBlock["hmac-sha256"], referenceName: "openssl speed -hmac sha256 (64 B)"))
        let aad = Array("schoolid:v1:bench".utf8)
        rows.append(Row(try Measurement.measure("AES-256-GCM seal, 64 bytes", seconds: seconds, runs: runs) {
            _ = try AES256GCM.seal(block, using: key, authenticating: aad)
        }, reference: reference.perBlock["aes-256-gcm"], referenceName: "openssl speed -evp aes-256-gcm (64 B)"))
        print(Row.table(rows, runs: runs, seconds: seconds))
    }

    /// Full JWS: claims → JSON → base64url → signature → compact, and back with every check.
    static func measureJWS(_ algorithm: JWSAlgorithm, seconds: Double, runs: Int) throws -> (Measurement, Measurement) {
        let key = try SigningKey.generate(algorithm)
        let keys = try KeySet([key.verificationKey])
        let now = UnixTime(seconds: 1_800_000_000)
        var claims = JWTClaims(issuer: "https://id.school.example", subject: "acc_Qm9ndXNBY2NvdW50SWQwMQ",
                               audience: ["diary"], expiresAt: now.adding(seconds: 300), issuedAt: now,
                               jwtID: "7Zk3pQ9xW2mN4vB8cD1eF6")
        try claims.setClaim("client_id", "diary")
        try claims.setClaim("scope", "openid diary")
        let token = try JWT.sign(claims, type: "at+jwt", key: key)
        let sign = try Measurement.measure("JWS \(algorithm.rawValue) sign (full JWT)", seconds: seconds, runs: runs) {
            _ = try JWT.sign(claims, type: "at+jwt", key: key)
        }
        let verify = try Measurement.measure("JWS \(algorithm.rawValue) verify (full JWT)", seconds: seconds, runs: runs) {
            _ = try JWT.verify(token, keys: keys, expectedType: "at+jwt", now: now, leeway: 60,
                               issuer: "https://id.school.example", audience: "diary")
        }
        return (sign, verify)
    }

    struct Row {
        let measurement: Measurement
        let reference: Double?
        let referenceName: String

        init(_ measurement: Measurement, reference: Double?, referenceName: String) {
            self.measurement = measurement
            self.reference = reference
            self.referenceName = referenceName
        }

        static func table(_ rows: [Row], runs: Int, seconds: Double) -> String {
            var lines = [
                "SchoolID crypto benchmark: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs x \(seconds) s, operations per second",
                "",
                "| operation | min | median | max | reference | reference ops/s | median / reference |",
                "| --- | ---: | ---: | ---: | --- | ---: | ---: |",
            ]
            for row in rows {
                let m = row.measurement
                let ratio = row.reference.map { String(format: "%.0f%%", 100 * m.median / $0) } ?? "-"
                lines.append("| \(m.name) | \(formatRate(m.minimum)) | \(formatRate(m.median)) | \(formatRate(m.maximum)) | \(row.referenceName) | \(row.reference.map(formatRate) ?? "-") | \(ratio) |")
            }
            return lines.joined(separator: "\n")
        }
    }
}
