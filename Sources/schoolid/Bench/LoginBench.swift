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
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-login-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: policies, toPath: dir + "/policies")
        try relaxAddressLimit(dir + "/policies/lockout.json")

        var configuration = ServeConfiguration()
        configuration.port = 0
        configuration.data = dir + "/data"
        configuration.keys = dir + "/keys"
        configuration.policies = dir + "/policies"
        let application = try await ServerApplication(
            configuration: configuration, clock: SystemWallClock(), random: SystemRandomSource(),
            logger: Logger(label: "bench", minimumLevel: .error, sink: StandardErrorSink(), clock: SystemWallClock()))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = Task { try await application.run { continuation.yield($0) } }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CommandFailure("the server did not start") }
        let setting = try await LoginBenchSetup.prepare(application, accounts: accounts, password: password)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let userCost = application.policies.passwords.userHashCost
        let temporaryCost = application.policies.passwords.temporaryHashCost

        note("hash-only: scrypt \(userCost) on \(cores) threads, \(seconds) s…")
        let hashOnly = hashRate(cost: userCost, threads: cores, seconds: Double(seconds))
        note("logins over HTTP, \(seconds) s…")
        let script = try luaScript(dir: dir, logins: setting.logins)
        let logins = HTTPBench.wrk(port: port, path: "/v1/login", seconds: seconds, connections: 2 * cores, script: script)

        note("one temporary-profile hash…")
        let temporaryHash = 1 / hashRate(cost: temporaryCost, threads: 1, seconds: 2)
        let budget = Double(batchSize) * temporaryHash / 2 + 1
        note("batch of \(batchSize) students with logins running…")
        let started = ContinuousClock.now
        let batchID = try await setting.submitBatch(size: batchSize)
        let during = Task.detached { HTTPBench.wrk(port: port, path: "/v1/login", seconds: max(3, Int(budget)), connections: 2,
                                                   script: script) }
        try await setting.waitUntilFinished(batchID)
        let batchSeconds = elapsedSeconds(since: started)
        let loginsDuringBatch = await during.value
        return report(cores: cores, userCost: userCost, hashOnly: hashOnly, logins: logins, batchSize: batchSize,
                      temporaryCost: temporaryCost, temporaryHash: temporaryHash, budget: budget, batchSeconds: batchSeconds,
                      duringBatch: loginsDuringBatch)
    }

    /// The bench logs in from one address, far above the classroom limit.
    static func relaxAddressLimit(_ path: String) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""per_address_attempts_per_minute": \d+"#,
                                         with: #""per_address_attempts_per_minute": 10000"#, options: .regularExpression)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
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
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
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
                       temporaryCost: ScryptCost, temporaryHash: Double, budget: Double, batchSeconds: Double,
                       duringBatch: HTTPBench.Figure) -> String
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
            String(format: "| one temporary-profile hash | %.1f ms | |", temporaryHash * 1000),
            String(format: "| batch of %d students | %.2f s | ≤ %.2f s (%d × hash ÷ 2 + 1 s) |", batchSize, batchSeconds,
                   budget, batchSize),
            String(format: "| logins during the batch | %.2f logins/s, p99 %.0f ms, non-2xx %d | keep answering |",
                   duringBatch.requestsPerSecond, duringBatch.p99Milliseconds, duringBatch.errors),
        ].joined(separator: "\n")
    }
}
