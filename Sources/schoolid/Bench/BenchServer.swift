import Foundation
import SchoolIDBase
import SchoolIDServer

/// A SchoolID server run in this process on a loopback port, over a scratch installation
/// (a copy of the policies, a fresh database and keyring) that goes when it stops.
struct BenchServer {
    let application: ServerApplication
    let port: Int
    /// The scratch directory (for scripts and files the benchmark writes).
    let directory: String
    private let task: Task<Void, any Error>

    /// Runs `body` with a server started over a copy of `policies`, then stops it and
    /// removes the scratch installation. `adjust` may edit the copied policy files (their
    /// directory is its argument) before the server reads them.
    static func run<T>(name: String, policies: String, adjust: (String) throws -> Void = { _ in },
                       _ body: (BenchServer) async throws -> T) async throws -> T
    {
        let server = try await start(name: name, policies: policies, adjust: adjust)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func start(name: String, policies: String, adjust: (String) throws -> Void) async throws
        -> BenchServer
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schoolid-bench-\(name)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: policies, toPath: directory + "/policies")
        try adjust(directory + "/policies")
        var configuration = ServeConfiguration()
        configuration.port = 0
        configuration.data = directory + "/data"
        configuration.keys = directory + "/keys"
        configuration.policies = directory + "/policies"
        let application = try await ServerApplication(
            configuration: configuration, clock: SystemWallClock(), random: SystemRandomSource(),
            logger: Logger(label: "bench", minimumLevel: .error, sink: StandardErrorSink(), clock: SystemWallClock()))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await application.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw CommandFailure("the server did not start")
        }
        return BenchServer(application: application, port: port, directory: directory, task: task)
    }

    private func stop() async {
        task.cancel()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }
}
