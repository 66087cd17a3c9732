#if canImport(Glibc)
import Glibc
#endif
import SchoolIDHTTP

/// One accepted TCP connection serving HTTP/1.1 requests strictly one after another.
///
/// Pipelined requests stay in the parser's buffer and are parsed only after the previous
/// response is written; the socket is not read while a request is handled or a response
/// is written. So per connection at most one response plus one read chunk and the
/// parser's bounded head/body are buffered, and a peer that does not read its responses
/// only stalls itself (until the write deadline closes it).
struct HTTPConnection {
    /// Bytes requested from the kernel per `read`.
    static let readChunk = 16 * 1024

    let fd: Int32
    let peer: String
    let registration: Reactor.Registration
    let reactor: Reactor
    let configuration: ServerConfiguration
    let handler: @Sendable (Request) async -> Response
    let transport: ConnectionTransport
    var machine: ConnectionStateMachine<ContinuousClock>
    var parser: RequestParser

    init(fd: Int32, peer: String, registration: Reactor.Registration, reactor: Reactor, transport: ConnectionTransport,
         configuration: ServerConfiguration, handler: @escaping @Sendable (Request) async -> Response)
    {
        self.fd = fd
        self.transport = transport
        self.peer = peer
        self.registration = registration
        self.reactor = reactor
        self.configuration = configuration
        self.handler = handler
        let limits = configuration.limits
        machine = ConnectionStateMachine(headerTimeout: limits.headerTimeout, bodyTimeout: limits.bodyTimeout,
                                         idleTimeout: limits.idleTimeout, clock: ContinuousClock())
        parser = RequestParser(limits: limits)
    }

    /// Serves requests until the peer closes, an error or timeout ends the connection, or
    /// shutdown finds it between requests; over TLS, completes the handshake first (under
    /// the first request's header timeout) and sends close_notify at the end. Does not
    /// close the descriptor.
    mutating func run() async {
        _ = machine.start()
        if await handshake() { await serveRequests() }
        transport.close()
    }

    /// Drives the TLS handshake through the reactor (at once for plain connections).
    /// - Returns: false when it failed, timed out, or shutdown came first.
    private mutating func handshake() async -> Bool {
        while true {
            switch transport.handshake() {
            case .bytes: return true
            case .closed: return false
            case .wait(let interest):
                switch await reactor.wait(registration, for: interest, deadline: machine.deadline, interruptible: true) {
                case .ready: continue
                case .timedOut:
                    switch machine.timeoutFired() {
                    case .respondTimeoutAndClose, .close: return false
                    default: continue
                    }
                case .shutdown, .cancelled: return false
                }
            }
        }
    }

    private mutating func serveRequests() async {
        while true {
            while let event = parser.next() {
                guard await handle(event) else { return }
            }
            guard await readMore() else { return }
        }
    }

    /// Handles one parser event. - Returns: whether the connection stays open.
    private mutating func handle(_ event: RequestParser.Event) async -> Bool {
        switch event {
        case .expectContinue:
            _ = machine.writeStarted()
            guard await write(ResponseWriter.continueResponse) else { return false }
            _ = machine.continueWritten()
            return true
        case .request(var request):
            _ = machine.requestReceived()
            request.remoteAddress = peer
            // The connection's reading, parsing and writing run on its reactor thread; the
            // handler runs on the cooperative pool, so a slow handler never holds up the
            // other connections of this reactor.
            var response = await withTaskExecutorPreference(globalConcurrentExecutor) { await handler(request) }
            // RFC 9112 §9.6: once shutting down, the response announces the close; so does
            // a handler that asked for it.
            let handlerCloses = response.headers["Connection"]?.lowercased().contains("close") ?? false
            let keepAlive = request.wantsKeepAlive && !reactor.isShuttingDown && !handlerCloses
            // RFC 9112 §9.3: an HTTP/1.0 client keeps the connection only if told so.
            if keepAlive && request.version == .http1_0 { response.headers.set("Connection", "keep-alive") }
            _ = machine.writeStarted()
            let bytes = ResponseWriter.serialize(response, keepAlive: keepAlive, headRequest: request.method == .HEAD)
            guard await write(bytes), machine.responseWritten(keepAlive: keepAlive) != .close else { return false }
            _ = machine.readProgress(phase: Self.phase(parser.phase))
            return true
        case .failed(let error):
            await respondAndClose(error)
            return false
        }
    }

    /// Waits for and reads the next bytes. - Returns: whether the connection stays open.
    private mutating func readMore() async -> Bool {
        let idle = parser.phase == .idle
        var interest: Reactor.Interest? = transport.waitsBeforeReading ? .read : nil
        while true {
            if let interest {
                switch await reactor.wait(registration, for: interest, deadline: machine.deadline, interruptible: idle) {
                case .ready: break
                case .shutdown, .cancelled: return false
                case .timedOut:
                    switch machine.timeoutFired() {
                    case .respondTimeoutAndClose:
                        await respondAndClose(HTTPParseError(status: .requestTimeout, code: "request_timeout"))
                        return false
                    case .close: return false
                    default: continue
                    }
                }
            }
            switch transport.read(fd, chunk: Self.readChunk, into: &parser) {
            case .bytes:
                _ = machine.readProgress(phase: Self.phase(parser.phase))
                return true
            case .wait(let next): interest = next
            case .closed: return false
            }
        }
    }

    /// Writes all of `bytes`, waiting for writability under the machine's write deadline.
    /// - Returns: false when the peer is gone, the write stalled too long, or the task was cancelled.
    private mutating func write(_ bytes: [UInt8]) async -> Bool {
        var offset = 0
        while offset < bytes.count {
            switch transport.write(fd, bytes, from: offset) {
            case .bytes(let count):
                offset += count
                if count > 0 && offset < bytes.count { _ = machine.writeStarted() }
            case .wait(let interest):
                switch await reactor.wait(registration, for: interest, deadline: machine.deadline, interruptible: false) {
                case .ready: continue
                case .timedOut: if machine.timeoutFired() == .close { return false }
                case .shutdown, .cancelled: return false
                }
            case .closed: return false
            }
        }
        return true
    }

    /// Answers a protocol error or timeout with `Connection: close`, then lingers briefly.
    private mutating func respondAndClose(_ error: HTTPParseError) async {
        _ = machine.writeStarted()
        let response = configuration.errorResponse(error)
        guard await write(ResponseWriter.serialize(response, keepAlive: false, headRequest: false)) else { return }
        await lingeringClose()
    }

    /// RFC 9112 §9.6: half-close, then discard what the client is still sending for a
    /// moment, so the kernel does not answer unread input with a RST that would destroy
    /// the error response before the client reads it.
    /// Over TLS the close_notify goes first; what follows is discarded undecrypted.
    private func lingeringClose() async {
        transport.close()
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now.advanced(by: .seconds(2))
        var discarded = 0
        while discarded < 1 << 20 {
            guard await reactor.wait(registration, for: .read, deadline: deadline, interruptible: true) == .ready else {
                return
            }
            let result = try? withUnsafeTemporaryAllocation(byteCount: Self.readChunk, alignment: 1) {
                try Socket.read(fd, into: $0)
            }
            switch result {
            case .done(let count)? where count > 0: discarded += count
            case .wouldBlock?: continue
            default: return
            }
        }
    }

    static func phase(_ phase: RequestParser.Phase) -> ConnectionStateMachine<ContinuousClock>.ReadPhase {
        switch phase {
        case .idle: .idle
        case .head: .head
        case .body: .body
        }
    }
}
