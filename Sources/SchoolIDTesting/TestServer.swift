import Foundation
import SchoolIDBase
import SchoolIDHTTP
import SchoolIDServer
import Synchronization

/// A real `ServerApplication` on `127.0.0.1:0` with a temporary data and keys
/// directory, the test policy profile, a manual wall clock and seeded randomness —
/// built exactly as `serve` builds it.
public final class TestServer: Sendable {
    public let application: ServerApplication
    public let port: Int
    public let directory: TemporaryDirectory
    public let clock: ManualWallClock
    public let logs: MemoryLogSink
    private let task: Task<Void, any Error>

    /// Starts the server and waits until it listens.
    /// - Parameters:
    ///   - configure: adjusts the configuration (paths and port are preset).
    ///   - extraRoutes: test-only routes.
    public init(configure: (inout ServeConfiguration) -> Void = { _ in },
                extraRoutes: (inout Router, BlockingWorkPool) -> Void = { _, _ in }) async throws
    {
        directory = try TemporaryDirectory(prefix: "schoolid-server")
        try FileManager.default.copyItem(atPath: Fixtures.url("policies").path, toPath: directory.file("policies"))
        try FileManager.default.removeItem(atPath: directory.file("policies/invalid"))
        var configuration = ServeConfiguration()
        configuration.port = 0
        configuration.data = directory.file("data")
        configuration.keys = directory.file("keys")
        configuration.policies = directory.file("policies")
        configuration.hashingThreads = 2
        configure(&configuration)
        clock = ManualWallClock(UnixTime(seconds: 1_790_000_000))
        logs = MemoryLogSink()
        let application = try await ServerApplication(configuration: configuration, clock: clock,
                                                      random: SeededRandomSource(seed: 42),
                                                      logger: Logger(label: "test", minimumLevel: .debug, sink: logs, clock: clock),
                                                      extraRoutes: extraRoutes)
        self.application = application
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await application.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Cancels the server (as SIGTERM does) and waits until it has drained and stopped.
    public func stop() async throws {
        task.cancel()
        try await task.value
        directory.remove()
    }
}
