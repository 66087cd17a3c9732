import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDServer
import Synchronization

/// A real `ServerApplication` on `127.0.0.1:0` with a temporary data and keys
/// directory, the test policy profile, a manual wall clock and seeded randomness —
/// built exactly as `serve` builds it.
///
/// With a `monotonic` clock the server runs on the production ``SystemWallClock`` instead:
/// ``clock`` is then the operating system's clock it reads (tests step it back and
/// forth) and `monotonic` the elapsed time it trusts, as in `serve`.
public final class TestServer: Sendable {
    public let application: ServerApplication
    public let port: Int
    public let directory: TemporaryDirectory
    /// The server's wall clock, or the system clock under its ``SystemWallClock``.
    public let clock: ManualWallClock
    /// The clock the server reads: ``clock`` itself, or the ``SystemWallClock`` over it.
    public let serviceClock: any WallClock
    public let logs: MemoryLogSink
    private let task: Task<Void, any Error>

    /// Starts the server and waits until it listens.
    /// - Parameters:
    ///   - monotonic: when given, the server's clock is a ``SystemWallClock`` reading
    ///     ``clock`` as system time and this clock as monotonic time.
    ///   - configure: adjusts the configuration (paths and port are preset).
    ///   - extraRoutes: test-only routes.
    public init(monotonic: ManualClock? = nil, configure: (inout ServeConfiguration) -> Void = { _ in },
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
        if configuration.keys == directory.file("keys"), configuration.data == directory.file("data") {
            try Self.installTemplateKeys(into: configuration)
        }
        let clock = ManualWallClock(Self.startTime)
        self.clock = clock
        serviceClock = monotonic.map { monotonic in
            let origin = ContinuousClock.now
            return SystemWallClock(systemTime: { clock.now() }, monotonicNow: { origin.advanced(by: monotonic.now.offset) })
        } ?? clock
        logs = MemoryLogSink()
        let application = try await ServerApplication(configuration: configuration, clock: serviceClock,
                                                      random: SeededRandomSource(seed: 42),
                                                      logger: Logger(label: "test", minimumLevel: .debug, sink: logs,
                                                                     clock: serviceClock),
                                                      extraRoutes: extraRoutes)
        self.application = application
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await application.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    /// One keyring per test process, generated on first use and copied into every
    /// server's keys directory: generating RSA keys dominates a server's start (and runs
    /// on the cooperative pool, starving every other test's server), while tests need a
    /// fresh database each, not fresh keys.
    private static let keyTemplate = Mutex<String?>(nil)

    /// Where every test server's clock starts.
    private static let startTime = UnixTime(seconds: 1_790_000_000)

    /// Copies the template keyring and creates the empty database file beside it, so the
    /// server starts on an existing installation instead of initialising one.
    private static func installTemplateKeys(into configuration: ServeConfiguration) throws {
        let template = try keyTemplate.withLock { template in
            if let template { return template }
            let path = try TemporaryDirectory(prefix: "schoolid-keys").file("keys")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            try KeyringDirectory(path: path).create(now: startTime)
            template = path
            return path
        }
        let manager = FileManager.default
        try manager.copyItem(atPath: template, toPath: configuration.keys)
        try manager.createDirectory(atPath: configuration.data, withIntermediateDirectories: false,
                                    attributes: [.posixPermissions: 0o700])
        guard manager.createFile(atPath: configuration.databaseFile, contents: nil,
                                 attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
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
