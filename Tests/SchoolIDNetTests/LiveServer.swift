import SchoolIDBase
import SchoolIDHTTP
@testable import SchoolIDNet
import SchoolIDTesting

/// A real ``HTTPServer`` on an ephemeral loopback port, run in a task until ``stop()``.
struct LiveServer {
    let server: HTTPServer
    let task: Task<Void, any Error>
    let port: Int
    let logs: MemoryLogSink

    /// Starts the server and waits for its port.
    ///
    /// The request timeouts default to five minutes: with every suite running at once a
    /// client's next bytes can come seconds late, and a test about something else must not
    /// meet a 408. Tests about the timeouts set their own.
    static func start(host: String = "127.0.0.1", configure: (inout ServerConfiguration) -> Void = { _ in },
                      handler: @escaping @Sendable (Request) async -> Response = LiveServer.echo) async throws -> LiveServer
    {
        var configuration = ServerConfiguration(host: host, port: 0)
        configuration.limits.headerTimeout = .seconds(300)
        configuration.limits.bodyTimeout = .seconds(300)
        configuration.limits.idleTimeout = .seconds(300)
        configure(&configuration)
        let logs = MemoryLogSink()
        let server = HTTPServer(configuration: configuration, logger: Logger(label: "net-test", sink: logs), handler: handler)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw TestClient.Failure.closed
        }
        return LiveServer(server: server, task: task, port: port, logs: logs)
    }

    /// Cancels `run` and waits for it to return.
    func stop() async throws {
        task.cancel()
        try await task.value
    }

    /// Connects a new raw client.
    func client() async throws -> TestClient { try await TestClient(host: "127.0.0.1", port: port) }

    /// Answers 200 with "<METHOD> <target> <body>" and the peer address in `X-Remote`.
    @Sendable static func echo(_ request: Request) async -> Response {
        var headers = HTTPHeaders()
        headers.add("X-Remote", request.remoteAddress)
        return Response(status: .ok, headers: headers,
                        body: Array("\(request.method.rawValue) \(request.target) ".utf8) + request.body)
    }
}

/// A one-shot signal a test can await (handler started, etc.).
final class Signal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self) }

    func fire() { continuation.yield() }

    func wait() async {
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
    }
}
