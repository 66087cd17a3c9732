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

    static func run(policies: String, seconds: Int, batchSize: Int) async throws -> String {
        try await BenchServer.run(name: "login", policies: policies, adjust: { copied in
            try relaxAddressLimit(copied + "/lockout.json")
            try widenSequence(copied + "/credentials.json")
        }) { server in
            let application = server.application, port = server.port, dir = server.directory
            let setting = try await LoginBenchSetup.prepare(application, accounts: accounts, password: password)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let userCost = application.policies.passwords.userHashCost
            let temporaryCost = application.policies.passwords.temporaryHashCost

            note("hash-only: scrypt \(userCost) on \(cores) threads, \(seconds) s…")
            let hashOnly = await offPool { hashRate(cost: userCost, threads: cores, seconds: Double(seconds)) }
            note("logins over HTTP, \(seconds) s…")
            let script = try luaScript(dir: dir, logins: setting.logins)
            let logins = await offPool {
                HTTPBench.wrk(port: port, path: "/v1/login", seconds: seconds, connections: 2 * cores, script: script)
            }

            note("one temporary-profile hash…")
            let hashBefore = await offPool { 1 / hashRate(cost: temporaryCost, threads: 1, seconds: 3) }
            let temporaryParallel = await offPool { hashRate(cost: temporaryCost, threads: cores, seconds: 3) }
            note("batch of \(batchSize) students with logins running…")
            let started = ContinuousClock.now
            let batchID = try await setting.submitBatch(size: batchSize)
            let probe = LoginProbe(port: port, login: setting.logins[0], password: password)
            async let during = offPool { probe.run() }
            try await setting.waitUntilFinished(batchID)
            let batchSeconds = elapsedSeconds(since: started)
            probe.stop()
            let loginsDuringBatch = await during
            // This shared machine's speed drifts: the budget uses one hash's time measured
            // just before and just after the batch.
            let hashAfter = await offPool { 1 / hashRate(cost: temporaryCost, threads: 1, seconds: 3) }
            let temporaryHash = (hashBefore + hashAfter) / 2
            let budget = Double(batchSize) * temporaryHash / 2 + 1
            note("JWKS while logins saturate the hashing pool, \(seconds) s…")
            // Last: the flood leaves queued logins behind that would disturb later figures.
            async let flood = offPool {
                HTTPBench.wrk(port: port, path: "/v1/login", seconds: seconds + 2, connections: 32, script: script)
            }
            try await Task.sleep(for: .seconds(1))
            let jwks = await offPool { HTTPBench.wrk(port: port, path: "/.well-known/jwks.json", seconds: seconds, connections: 16) }
            let floodFigure = await flood

            return report(cores: cores, userCost: userCost, hashOnly: hashOnly, logins: logins, batchSize: batchSize,
                          temporaryCost: temporaryCost, temporaryHash: temporaryHash, temporaryParallel: temporaryParallel,
                          budget: budget, batchSeconds: batchSeconds,
                          duringBatch: loginsDuringBatch, jwks: jwks, flood: floodFigure)
        }
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

    static func report(cores: Int, userCost: ScryptCost, hashOnly: Double, logins: HTTPBench.Figure, batchSize: Int,
                       temporaryCost: ScryptCost, temporaryHash: Double, temporaryParallel: Double, budget: Double, batchSeconds: Double,
                       duringBatch: LoginProbe.Result, jwks: HTTPBench.Figure, flood: HTTPBench.Figure) -> String
    {
        [
            "SchoolID login benchmark: \(cores) cores, scrypt user profile \(userCost), temporary profile \(temporaryCost)",
            "",
            "| figure | value | gate |",
            "| --- | ---: | --- |",
            String(format: "| hash-only, %d threads | %.2f hashes/s | |", cores, hashOnly),
            String(format: "| POST /v1/login (wrk, %d connections) | %.2f logins/s, p99 %.0f ms, non-2xx %d | |",
                   2 * cores, logins.requestsPerSecond, logins.p99Milliseconds, logins.errors),
            String(format: "| logins / hash-only | %.0f%% | ≥ 85%% |", 100 * logins.requestsPerSecond / max(hashOnly, 0.001)),
            String(format: "| GET /.well-known/jwks.json (wrk, 16 connections) while 32 connections post logins | %.0f req/s, p99 %.2f ms | p99 < 20 ms |",
                   jwks.requestsPerSecond, jwks.p99Milliseconds),
            String(format: "| the login flood meanwhile | %.2f logins/s, non-2xx %d (503 when the pool is full) | |",
                   flood.requestsPerSecond, flood.errors),
            String(format: "| one temporary-profile hash (mean of before and after the batch) | %.1f ms | |", temporaryHash * 1000),
            String(format: "| temporary profile, hash-only on %d threads | %.1f hashes/s | |", cores, temporaryParallel),
            String(format: "| batch of %d students | %.2f s | ≤ %.2f s (%d × hash ÷ 2 + 1 s) |", batchSize, batchSeconds,
                   budget, batchSize),
            String(format: "| logins during the batch (one at a time, %.0f ms apart) | %d answered, slowest %.0f ms, non-200 %d | keep answering |",
                   LoginProbe.pauseMilliseconds, duringBatch.answered, duringBatch.slowestMilliseconds, duringBatch.failures),
        ].joined(separator: "\n")
    }
}
