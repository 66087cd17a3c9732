import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDVerifier

/// `schoolid bench tokens`: `client_credentials` and `refresh_token` grants per second
/// through the real server (HTTP keep-alive, client authentication, signing, and for
/// refresh the rotation committed to SQLite), beside the filesystem's fsync latency; then
/// `SchoolIDVerifier` verifications per second on one core for a guardian's token with
/// two students, beside `openssl speed` verify for the same algorithm, measured in the
/// same run, with the share of the time spent decoding the claims' JSON.
enum TokenBench {
    /// Published anchors the grant rates are read against (issue 9).
    static let anchors = "Keycloak sizes 120 grants/s per vCPU; Hydra publishes 513 grants/s on 2 CPUs"

    static let title = "Tokens: grants over HTTP, offline verification beside openssl speed"

    /// `reference` is `openssl speed` of this run when the caller measured it already.
    static func run(policies: String, seconds: Int, runs: Int, connections: Int, reference: OpenSSLSpeed? = nil)
        async throws -> BenchSection
    {
        if let tool = Subprocess.missing(["wrk"]) { return .skipped("tokens", title: title, reason: "needs \(tool)") }
        return try await BenchServer.run(name: "tokens", policies: policies) { server in
            let setup = try await TokenBenchSetup.prepare(server.application)
            let filesystem = FilesystemProbe.measure(in: server.directory + "/data")
            let credentials = try setup.wrkScript(at: server.directory + "/client-credentials.lua",
                                                  body: "grant_type=client_credentials&scope=diary")
            note("client_credentials over HTTP, \(runs) × \(seconds) s…")
            var grants: [HTTPBench.Figure] = []
            for _ in 0..<runs {
                grants.append(await LoginBench.offPool {
                    HTTPBench.wrk(port: server.port, path: "/oauth/token", seconds: seconds, connections: connections,
                                  script: credentials)
                })
            }
            note("refresh_token over HTTP, \(runs) × \(seconds) s…")
            var refreshes: [HTTPBench.Figure] = []
            for run in 0..<runs {
                // Each request spends an unused token: 8,000/s is well above what two cores reach.
                let tokens = server.directory + "/refresh-\(run).txt"
                try await setup.writeRefreshTokens(count: 8_000 * seconds, to: tokens)
                let script = try setup.wrkScript(at: server.directory + "/refresh-\(run).lua",
                                                 body: "grant_type=refresh_token&refresh_token=", tokensFile: tokens)
                refreshes.append(await LoginBench.offPool {
                    HTTPBench.wrk(port: server.port, path: "/oauth/token", seconds: seconds, connections: connections,
                                  script: script)
                })
            }
            note("openssl speed and SchoolIDVerifier on one core…")
            let reference = reference ?? OpenSSLSpeed.measure(seconds: min(seconds, 3))
            var verifications: [VerifierRow] = []
            for (algorithm, label) in [(JWSAlgorithm.ES256, "ecdsap256"), (.EdDSA, "ed25519"), (.RS256, "rsa3072")] {
                verifications.append(try await verifierRow(server, setup, algorithm, seconds: Double(seconds), runs: runs,
                                                           reference: reference.signatures[label]?.verify))
            }
            return section(grants: grants, refreshes: refreshes, verifications: verifications, filesystem: filesystem,
                          connections: connections, seconds: seconds, runs: runs)
        }
    }

    struct VerifierRow {
        let algorithm: JWSAlgorithm
        let verify: Measurement
        let decode: Measurement
        let reference: Double?
        let tokenBytes: Int
    }

    /// Verifications per second of one guardian token with `SchoolIDVerifier` (keys
    /// cached after the first call), and decodes per second of its claims alone.
    static func verifierRow(_ server: BenchServer, _ setup: TokenBenchSetup, _ algorithm: JWSAlgorithm, seconds: Double,
                            runs: Int, reference: Double?) async throws -> VerifierRow
    {
        let application = server.application, environment = application.environment
        let now = environment.clock.now()
        let issuer = TokenIssuer(issuer: application.issuer, policy: environment.policies.tokens,
                                 keys: application.keyring.snapshot, random: environment.random)
        let token = try await environment.storage.read { tx in
            let actor = try Actor.load(setup.guardian, session: nil, at: now, in: tx)
            return try issuer.accessToken(for: actor, clientID: TokenBenchSetup.clientID,
                                          audience: TokenBenchSetup.clientID, scopes: ["openid", "diary"],
                                          algorithm: algorithm, session: nil, at: now, in: tx).compact
        }
        let verifier = Verifier(configuration: VerifierConfiguration(
            issuer: application.issuer, audience: TokenBenchSetup.clientID,
            jwksURI: URL(string: application.issuer + Routes.jwks), clock: environment.clock))
        let verify = try await measureAsync("SchoolIDVerifier \(algorithm.rawValue)", seconds: seconds, runs: runs) {
            _ = try await verifier.verifyAccessToken(token)
        }
        guard let payload = Base64URL.decode(String(token.split(separator: ".")[1])) else {
            throw CommandFailure("the bench token has no payload")
        }
        let decode = try Measurement.measure("claims JSON", seconds: seconds / 2, runs: runs) {
            let claims = try JWTClaims(jsonBytes: payload)
            _ = try claims.claim("students", as: [StudentClaim].self)
        }
        return VerifierRow(algorithm: algorithm, verify: verify, decode: decode, reference: reference,
                           tokenBytes: token.utf8.count)
    }

    /// ``Measurement/measure(_:seconds:runs:_:)`` for an async operation, awaited in turn
    /// on one task (so on one core at a time).
    static func measureAsync(_ name: String, seconds: Double, runs: Int, _ operation: () async throws -> Void)
        async rethrows -> Measurement
    {
        try await operation()
        var rates: [Double] = []
        for _ in 0..<runs {
            var count = 0
            let start = ContinuousClock.now
            let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
            repeat {
                try await operation()
                count += 1
            } while ContinuousClock.now < deadline
            rates.append(Double(count) / start.duration(to: .now).secondsValue)
        }
        return Measurement(name: name, rates: rates)
    }

    static func section(grants: [HTTPBench.Figure], refreshes: [HTTPBench.Figure], verifications: [VerifierRow],
                        filesystem: FilesystemProbe, connections: Int, seconds: Int, runs: Int) -> BenchSection
    {
        var grantTable = BenchTable(columns: ["grant over HTTP", "grants/s", "gate ≥ 2 000/s (median)", "p99 ms",
                                              "non-2xx (all runs)"])
        for (name, figures) in [("client_credentials", grants), ("refresh_token (rotation committed)", refreshes)] {
            let rate = Stat(figures.map(\.requestsPerSecond))
            grantTable.rows.append([.text(name), .stat(rate), .gate(rate.median >= 2_000),
                                    .stat(Stat(figures.map(\.p99Milliseconds))),
                                    .value(Double(figures.map(\.errors).reduce(0, +)))])
        }
        var verifierTable = BenchTable(columns: ["SchoolIDVerifier, one core, guardian token with 2 students",
                                                 "verifications/s", "openssl speed verify/s", "median / openssl", "gate",
                                                 "result", "claims JSON share of a verification"])
        for row in verifications {
            let gate: Double? = row.algorithm == .ES256 ? 70 : row.algorithm == .EdDSA ? 75 : nil
            let share = row.reference.map { 100 * row.verify.stat.median / $0 }
            verifierTable.rows.append([
                .text("\(row.algorithm.rawValue) (\(row.tokenBytes) B)"), .stat(row.verify.stat),
                row.reference.map { .value($0) } ?? .none, share.map { .percent($0) } ?? .none,
                .text(gate.map { "≥ \(Int($0))%" } ?? "-"),
                gate.map { minimum in .gate(share) { $0 >= minimum } } ?? .none,
                .ratio(row.verify.stat.median, row.decode.stat.median),
            ])
        }
        return BenchSection(suite: "tokens", title: title,
                            notes: ["wrk -t1 -c\(connections), \(runs) runs × \(seconds) s per grant; the server's data "
                                    + "directory: \(filesystem.summary). Anchors: \(anchors)."],
                            tables: [grantTable, verifierTable])
    }
}
