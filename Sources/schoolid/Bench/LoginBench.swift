import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer
import Synchronization

/// `schoolid bench login`: logins per second through the real server (HTTP, sessions,
/// audit, group commit) at the policy's user scrypt cost, beside the hash-only rate of
/// the same cost on every core measured in the same run; then a 1,000-student
/// credential batch, timed against its hashing budget while logins keep coming.
enum LoginBench {
    static let accounts = 64
    static let password = "correct horse battery staple"

    static let title = "Login: logins beside the hash-only rate, a credential batch against its budget"

    static func run(policies: String, seconds: Int, runs: Int, batchSize: Int) async throws -> BenchSection {
        if let tool = Subprocess.missing(["wrk", "curl"]) { return .skipped("login", title: title, reason: "needs \(tool)") }
        return try await BenchServer.run(name: "login", policies: policies, adjust: { copied in
            try relaxAddressLimit(copied + "/lockout.json")
            try widenSequence(copied + "/credentials.json")
        }) { server in
            let application = server.application, port = server.port, dir = server.directory
            let setting = try await LoginBenchSetup.prepare(application, accounts: accounts, password: password)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let userCost = application.policies.passwords.userHashCost
            let temporaryCost = application.policies.passwords.temporaryHashCost
            let script = try luaScript(dir: dir, logins: setting.logins)
            var figures = Figures()
            for run in 1...runs {
                note("run \(run) of \(runs): hash-only (scrypt \(userCost), \(cores) threads), then logins over HTTP, \(seconds) s each…")
                figures.hashOnly.append(await offPool { hashRate(cost: userCost, threads: cores, seconds: Double(seconds)) })
                figures.logins.append(await offPool {
                    HTTPBench.wrk(port: port, path: "/v1/login", seconds: seconds, connections: 2 * cores, script: script)
                })
            }
            for run in 1...runs {
                note("run \(run) of \(runs): a batch of \(batchSize) students with logins running…")
                let hashBefore = await offPool { 1 / hashRate(cost: temporaryCost, threads: 1, seconds: 2) }
                figures.temporaryParallel.append(await offPool { hashRate(cost: temporaryCost, threads: cores, seconds: 2) })
                let started = ContinuousClock.now
                let batchID = try await setting.submitBatch(size: batchSize, first: 1 + (run - 1) * batchSize)
                let probe = LoginProbe(port: port, login: setting.logins[0], password: password)
                async let during = offPool { probe.run() }
                try await setting.waitUntilFinished(batchID)
                figures.batchSeconds.append(elapsedSeconds(since: started))
                probe.stop()
                figures.duringBatch.append(await during)
                // This shared machine's speed drifts: the budget uses one hash's time measured
                // just before and just after the batch.
                let hashAfter = await offPool { 1 / hashRate(cost: temporaryCost, threads: 1, seconds: 2) }
                figures.temporaryHash.append((hashBefore + hashAfter) / 2)
                figures.budget.append(Double(batchSize) * figures.temporaryHash[run - 1] / 2 + 1)
            }
            for run in 1...runs {
                note("run \(run) of \(runs): JWKS while logins saturate the hashing pool, \(seconds) s…")
                // Last: the flood leaves queued logins behind that would disturb later figures.
                async let flood = offPool {
                    HTTPBench.wrk(port: port, path: "/v1/login", seconds: seconds + 2, connections: 32, script: script)
                }
                try await Task.sleep(for: .seconds(1))
                figures.jwks.append(await offPool {
                    HTTPBench.wrk(port: port, path: "/.well-known/jwks.json", seconds: seconds, connections: 16)
                })
                figures.flood.append(await flood)
                try await Task.sleep(for: .seconds(2))
            }
            return section(figures, cores: cores, userCost: userCost, temporaryCost: temporaryCost, batchSize: batchSize,
                           seconds: seconds, runs: runs)
        }
    }

    /// Every run's figures, gathered before the section is built.
    struct Figures {
        var hashOnly: [Double] = []
        var logins: [HTTPBench.Figure] = []
        var temporaryHash: [Double] = []
        var temporaryParallel: [Double] = []
        var batchSeconds: [Double] = []
        var budget: [Double] = []
        var duringBatch: [LoginProbe.Result] = []
        var jwks: [HTTPBench.Figure] = []
        var flood: [HTTPBench.Figure] = []
    }

    /// Runs blocking work (a child process, busy hashing threads) on a thread of its own:
    /// the server under test runs in this process and needs every cooperative thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    /// The bench logs in from one address, far above the classroom limit.
    static func relaxAddressLimit(_ path: String) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""per_address_attempts_per_minute": \d+"#,
                                         with: #""per_address_attempts_per_minute": 10000"#, options: .regularExpression)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A class of 1,000 needs a four-digit student number (the shipped pattern has three).
    static func widenSequence(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "{seq:3}", with: "{seq:4}").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// scrypt hashes per second on `threads` threads.
    static func hashRate(cost: ScryptCost, threads: Int, seconds: Double) -> Double {
        let hasher = PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
        let total = Mutex(0)
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let started = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var count = 0
            while ContinuousClock.now < deadline {
                _ = try? hasher.hash(Array(password.utf8))
                count += 1
            }
            total.withLock { $0 += count }
        }
        return Double(total.withLock { $0 }) / elapsedSeconds(since: started)
    }

    static func elapsedSeconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return elapsed.secondsValue
    }

    /// A wrk script that posts `{"login","password"}` round-robin over the accounts.
    static func luaScript(dir: String, logins: [String]) throws -> String {
        let list = logins.map { "\"\($0)\"" }.joined(separator: ",")
        let path = dir + "/login.lua"
        try """
        local logins = {\(list)}
        local i = 0
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        request = function()
          i = i % #logins + 1
          return wrk.format(nil, nil, nil, '{"login":"' .. logins[i] .. '","password":"\(password)"}')
        end
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func section(_ f: Figures, cores: Int, userCost: ScryptCost, temporaryCost: ScryptCost, batchSize: Int,
                        seconds: Int, runs: Int) -> BenchSection
    {
        let hashOnly = Stat(f.hashOnly), logins = Stat(f.logins.map(\.requestsPerSecond))
        let jwksP99 = Stat(f.jwks.map(\.p99Milliseconds))
        let withinBudget = zip(f.batchSeconds, f.budget).map { 100 * $0 / $1 }
        func row(_ figure: String, _ value: BenchCell, _ unit: String, _ gate: String = "", _ verdict: BenchCell = .none)
            -> [BenchCell]
        {
            [.text(figure), value, .text(unit), .text(gate), verdict]
        }
        func total(_ values: [Int]) -> BenchCell { .value(Double(values.reduce(0, +))) }
        let table = BenchTable(columns: ["figure", "min / median / max", "unit", "gate", "result"], rows: [
            row("hash-only, user profile, \(cores) threads (reference)", .stat(hashOnly), "hashes/s"),
            row("POST /v1/login (wrk, \(2 * cores) connections)", .stat(logins), "logins/s"),
            row("POST /v1/login p99", .stat(Stat(f.logins.map(\.p99Milliseconds))), "ms"),
            row("POST /v1/login non-2xx (all runs)", total(f.logins.map(\.errors)), "responses"),
            row("logins / hash-only (medians)", .ratio(logins.median, hashOnly.median), "%", "≥ 85%",
                .gate(hashOnly.median > 0 ? 100 * logins.median / hashOnly.median : nil) { $0 >= 85 }),
            row("GET /.well-known/jwks.json (16 connections) while 32 connections post logins", .stat(Stat(f.jwks.map(\.requestsPerSecond))),
                "req/s"),
            row("that JWKS p99", .stat(jwksP99), "ms", "median < 20 ms", .gate(jwksP99.median < 20)),
            row("the login flood meanwhile (every answer, 503s included)", .stat(Stat(f.flood.map(\.requestsPerSecond))),
                "answers/s"),
            row("the flood's non-2xx (503 when the pool is full, all runs)", total(f.flood.map(\.errors)), "responses"),
            row("one temporary-profile hash (mean of before and after each batch)", .stat(Stat(f.temporaryHash.map { $0 * 1000 })),
                "ms"),
            row("temporary profile, hash-only on \(cores) threads", .stat(Stat(f.temporaryParallel)), "hashes/s"),
            row("batch of \(batchSize) students", .stat(Stat(f.batchSeconds)), "s"),
            row("its budget (\(batchSize) × hash ÷ 2 + 1 s)", .stat(Stat(f.budget)), "s"),
            row("batch / budget", .stat(Stat(withinBudget)), "%", "median ≤ 100%", .gate(Stat(withinBudget).median <= 100)),
            row("logins during the batches (one at a time, \(Int(LoginProbe.pauseMilliseconds)) ms apart)",
                total(f.duringBatch.map(\.answered)), "answered"),
            row("their slowest", .value(f.duringBatch.map(\.slowestMilliseconds).max() ?? 0), "ms"),
            row("their non-200", total(f.duringBatch.map(\.failures)), "responses", "0", .gate(f.duringBatch.allSatisfy { $0.failures == 0 })),
        ])
        return BenchSection(suite: "login", title: title,
                            notes: ["\(cores) cores; scrypt user profile \(userCost), temporary profile \(temporaryCost); "
                                    + "\(runs) runs × \(seconds) s of each figure, \(runs) batches of \(batchSize)."],
                            tables: [table])
    }
}
