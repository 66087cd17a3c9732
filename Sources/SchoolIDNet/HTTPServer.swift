#if canImport(Glibc)
import Glibc
#endif
public import SchoolIDBase
public import SchoolIDHTTP
import Synchronization

/// SchoolID's HTTP/1.1 server: epoll reactor threads for readiness, one child task per
/// connection (in a discarding task group), handlers on the Swift cooperative pool.
///
/// Lifecycle: ``run(onListening:)`` binds, serves until its task is cancelled, then
/// shuts down gracefully — it stops accepting, closes idle keep-alive connections, lets
/// in-flight requests finish (their responses carry `Connection: close`) and cancels
/// whatever is still running after ``ServerConfiguration/drainTimeout``.
public final class HTTPServer: Sendable {
    let configuration: ServerConfiguration
    let logger: Logger
    let handler: @Sendable (Request) async -> Response
    let limiter: ConnectionLimiter

    /// Creates the server; nothing is bound until ``run(onListening:)``.
    /// - Parameters:
    ///   - configuration: address, limits, reactors, drain deadline, error rendering.
    ///   - logger: receives start, shutdown and accept-failure lines.
    ///   - handler: answers every parsed request; errors are the handler's to render.
    public init(configuration: ServerConfiguration, logger: Logger,
                handler: @escaping @Sendable (Request) async -> Response)
    {
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
        limiter = ConnectionLimiter(maxConnections: configuration.limits.maxConnections,
                                    maxPerAddress: configuration.limits.maxConnectionsPerAddress)
    }

    /// Connections currently open (for metrics).
    public var openConnections: Int { limiter.openConnections }

    /// Binds and listens, calls `onListening` with the bound port, serves until the calling
    /// task is cancelled, then stops accepting, lets in-flight requests finish within
    /// `drainTimeout`, and closes everything before returning.
    /// - Parameter onListening: called once with the bound port (useful with port 0).
    /// - Throws: ``SocketError`` when the reactors cannot be created or the address bound.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let reactors = try (0..<max(1, configuration.reactorCount)).map { _ in try Reactor() }
        for (index, reactor) in reactors.enumerated() { reactor.start(name: "schoolid-reactor-\(index)") }
        let listener: (fd: Int32, port: Int)
        let registration: Reactor.Registration
        do {
            listener = try Socket.listen(host: configuration.host, port: configuration.port)
            registration = try reactors[0].register(listener.fd)
        } catch {
            for reactor in reactors { await reactor.stop() }
            throw error
        }
        logger.info("listening", ["host": .string(configuration.host), "port": .int(Int64(listener.port))])
        onListening(listener.port)

        // Unstructured on purpose: cancelling `run` must not cancel in-flight handlers;
        // they are cancelled only when the drain deadline passes. The accept loop runs on
        // the first reactor's thread, as connections run on theirs, so a cooperative pool
        // busy with other work does not hold up accepting.
        let serving = Task(executorPreference: reactors[0]) { [self] in
            await serve(listener: listener.fd, registration: registration, reactors: reactors)
        }
        let drainTimer = Mutex<Task<Void, Never>?>(nil)
        await withTaskCancellationHandler {
            await serving.value
        } onCancel: {
            beginShutdown(reactors: reactors, serving: serving, drainTimer: drainTimer)
        }
        drainTimer.withLock { $0?.cancel() }
        reactors[0].deregister(registration)
        close(listener.fd)
        for reactor in reactors { await reactor.stop() }
        logger.info("stopped", ["port": .int(Int64(listener.port))])
    }

    private func beginShutdown(reactors: [Reactor], serving: Task<Void, Never>,
                               drainTimer: borrowing Mutex<Task<Void, Never>?>)
    {
        logger.info("shutting down", ["open_connections": .int(Int64(openConnections))])
        limiter.close()
        for reactor in reactors { reactor.beginShutdown() }
        let timeout = configuration.drainTimeout
        let logger = logger
        drainTimer.withLock {
            $0 = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                logger.warning("drain deadline passed; cancelling in-flight requests")
                serving.cancel()
            }
        }
    }
}
