import Foundation
import SchoolIDBase
import SchoolIDHTTP
import SchoolIDNet
import Synchronization

/// A fake SMS aggregator: a real HTTP server on `127.0.0.1:<ephemeral>` (our own
/// ``HTTPServer``) that takes the JSON POST `HTTPSMSChannel` sends.
///
/// It requires `Authorization: Bearer <token>` (401 otherwise), de-duplicates accepted
/// messages by `Idempotency-Key` the way real gateways do (a repeated key answers 200,
/// is not recorded again and counts as a duplicate), and answers from a script:
/// ``respond(with:times:)`` queues statuses (two 500s, then the default 200),
/// ``respondAlways(with:)`` changes the default, ``stall(for:times:)`` delays answers
/// past a client's timeout.
public final class FakeSMSGateway: Sendable {
    /// A message the gateway accepted.
    public struct Received: Sendable, Hashable {
        public let to: String
        public let text: String
        public let id: String
        public let idempotencyKey: String?
        public let authorization: String?
        public let contentType: String?
    }

    /// One request, whatever came of it.
    public struct Attempt: Sendable, Hashable {
        public let idempotencyKey: String?
        /// The status answered (503 after a stall, whether or not the client still listened).
        public let status: Int
    }

    fileprivate enum Reply: Sendable {
        case status(Int)
        case stall(Duration)
    }

    fileprivate struct State {
        var script: [Reply] = []
        var defaultStatus = 200
        var received: [Received] = []
        var attempts: [Attempt] = []
        var acceptedKeys: Set<String> = []
        var duplicates = 0
    }

    /// The bearer token required.
    public let token: String
    /// The bound port.
    public let port: Int
    private let recorder: Recorder
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>/v1/sms`.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)/v1/sms")! }

    /// Starts the gateway and waits until it listens.
    /// - Parameters:
    ///   - token: the bearer token to require.
    ///   - port: the loopback port to bind, 0 for an ephemeral one (a fixed one brings a
    ///     gateway back on the port it had before an outage).
    /// - Throws: what binding throws.
    public init(token: String = "fake-gateway-token-0123456789", port: Int = 0) async throws {
        self.token = token
        let recorder = Recorder()
        self.recorder = recorder
        var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
        configuration.drainTimeout = .milliseconds(200)
        let expected = "Bearer \(token)"
        let server = HTTPServer(configuration: configuration, logger: Logger(label: "fake-sms", sink: MemoryLogSink())) {
            await recorder.handle($0, expectedAuthorization: expected)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task {
            defer { continuation.finish() }
            try await server.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        self.port = port
    }

    /// Stops the server and waits until it has closed.
    /// - Throws: what the server's run threw.
    public func stop() async throws {
        task.cancel()
        try await task.value
    }

    /// Answers the next `times` requests with `status` (after anything already queued).
    public func respond(with status: Int, times: Int = 1) {
        recorder.state.withLock { $0.script += Array(repeating: .status(status), count: times) }
    }

    /// Answers every unscripted request with `status` (200 at first).
    public func respondAlways(with status: Int) { recorder.state.withLock { $0.defaultStatus = status } }

    /// Holds the next `times` requests for `duration`, then answers 503.
    public func stall(for duration: Duration, times: Int = 1) {
        recorder.state.withLock { $0.script += Array(repeating: .stall(duration), count: times) }
    }

    /// Accepted messages, once per idempotency key, in arrival order.
    public var received: [Received] { recorder.state.withLock { $0.received } }
    /// Every request, in arrival order.
    public var attempts: [Attempt] { recorder.state.withLock { $0.attempts } }
    /// Accepted requests whose key had been accepted before.
    public var duplicates: Int { recorder.state.withLock { $0.duplicates } }
    /// The distinct idempotency keys of every request.
    public var distinctKeys: Set<String> { Set(attempts.compactMap(\.idempotencyKey)) }
}

/// The gateway's state and request handler, shared with the server's handler closure.
private final class Recorder: Sendable {
    let state = Mutex(FakeSMSGateway.State())

    typealias Received = FakeSMSGateway.Received
    typealias Attempt = FakeSMSGateway.Attempt
    typealias Reply = FakeSMSGateway.Reply

    private struct Body: Decodable {
        let to: String
        let text: String
        let id: String
    }

    func handle(_ request: Request, expectedAuthorization: String) async -> Response {
        let key = request.headers["Idempotency-Key"]
        func answer(_ status: Int) -> Response {
            state.withLock { $0.attempts.append(Attempt(idempotencyKey: key, status: status)) }
            return Response(status: HTTPStatus(status, status < 300 ? "OK" : "Refused"),
                            headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array("{}".utf8))
        }
        guard request.method == .POST, request.headers["Authorization"] == expectedAuthorization else { return answer(401) }
        // A gateway answers a key it already accepted at once, whatever else it is doing.
        let repeated = state.withLock { state in
            guard let key, state.acceptedKeys.contains(key) else { return false }
            state.duplicates += 1
            return true
        }
        if repeated { return answer(200) }
        let reply: Reply = state.withLock { $0.script.isEmpty ? .status($0.defaultStatus) : $0.script.removeFirst() }
        switch reply {
        case .stall(let duration):
            try? await Task.sleep(for: duration)
            return answer(503)
        case .status(let status) where !(200..<300).contains(status):
            return answer(status)
        case .status(let status):
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(request.body)) else { return answer(400) }
            state.withLock { state in
                if let key { state.acceptedKeys.insert(key) }
                state.received.append(Received(to: body.to, text: body.text, id: body.id, idempotencyKey: key,
                                               authorization: request.headers["Authorization"],
                                               contentType: request.headers["Content-Type"]))
            }
            return answer(status)
        }
    }
}
