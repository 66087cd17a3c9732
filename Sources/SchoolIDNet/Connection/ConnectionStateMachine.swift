/// The timeout rules of one HTTP/1.1 connection, as a pure state machine: the connection
/// reports what happened and performs the returned ``Action``; time comes from an
/// injected `Clock`, so tests drive it with a manual clock (Hummingbird's `StateMachine<C>`).
///
/// - Header timeout (slowloris): a request's head must be complete within
///   `headerTimeout` of its first byte, however slowly the bytes trickle in. A fresh
///   connection's first request starts at accept, so a connection that never sends
///   anything is treated like a slow sender rather than an idle keep-alive one.
/// - Body timeout: the body must be complete within `bodyTimeout` of the head; a response
///   write that makes no progress for `bodyTimeout` (a peer that stopped reading) also
///   closes the connection, which bounds what a slow reader can pin.
/// - Idle timeout: between keep-alive requests.
/// - No timeout while the handler runs: handlers own their own deadlines.
struct ConnectionStateMachine<C: Clock> where C.Duration == Duration {
    /// How far the parser is into the next request (mirrors `RequestParser.Phase`).
    enum ReadPhase: Sendable, Equatable { case idle, head, body }

    /// What the connection must do next.
    enum Action: Equatable {
        /// Wait with this deadline (replacing any earlier one).
        case scheduleTimeout(deadline: C.Instant)
        /// Wait without a deadline.
        case cancelTimeout
        /// Answer 408 Request Timeout with `Connection: close`, then close.
        case respondTimeoutAndClose
        /// Close without a response (idle timeout, stalled write, or no keep-alive).
        case close
        /// Keep going as before.
        case nothing
    }

    private enum State: Equatable {
        case awaitingRequest(deadline: C.Instant)
        case readingHead(deadline: C.Instant)
        case readingBody(deadline: C.Instant)
        case handling
        case writing(deadline: C.Instant)
        case closed
    }

    private let clock: C
    private let headerTimeout: Duration
    private let bodyTimeout: Duration
    private let idleTimeout: Duration
    private var state: State

    /// Creates the machine for a just-accepted connection; call ``start()`` next.
    init(headerTimeout: Duration, bodyTimeout: Duration, idleTimeout: Duration, clock: C) {
        self.clock = clock
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        state = .closed
    }

    /// The deadline of the current wait, if any.
    var deadline: C.Instant? {
        switch state {
        case .awaitingRequest(let deadline), .readingHead(let deadline), .readingBody(let deadline),
             .writing(let deadline): deadline
        case .handling, .closed: nil
        }
    }

    /// The connection was accepted: the first request's header clock starts now.
    mutating func start() -> Action {
        enter(.readingHead(deadline: clock.now.advanced(by: headerTimeout)))
    }

    /// Bytes were fed to the parser (or a response finished with bytes still buffered).
    /// - Parameter phase: the parser's phase after feeding.
    mutating func readProgress(phase: ReadPhase) -> Action {
        switch (state, phase) {
        case (.awaitingRequest, .head):
            return enter(.readingHead(deadline: clock.now.advanced(by: headerTimeout)))
        case (.awaitingRequest, .body), (.readingHead, .body):
            return enter(.readingBody(deadline: clock.now.advanced(by: bodyTimeout)))
        default:
            // Deadlines are not extended by progress: that is the point of slowloris defence.
            return .nothing
        }
    }

    /// A complete request was parsed and goes to the handler.
    mutating func requestReceived() -> Action {
        guard state != .closed else { return .nothing }
        return enter(.handling)
    }

    /// Writing a response (or a 100 Continue) begins, or a blocked write made progress.
    mutating func writeStarted() -> Action {
        guard state != .closed else { return .nothing }
        return enter(.writing(deadline: clock.now.advanced(by: bodyTimeout)))
    }

    /// The interim 100 Continue was written: back to reading the body.
    mutating func continueWritten() -> Action {
        guard state != .closed else { return .nothing }
        return enter(.readingBody(deadline: clock.now.advanced(by: bodyTimeout)))
    }

    /// The response was written completely.
    /// - Parameter keepAlive: whether the connection stays open for another request.
    mutating func responseWritten(keepAlive: Bool) -> Action {
        guard keepAlive, state != .closed else { return enter(.closed) }
        return enter(.awaitingRequest(deadline: clock.now.advanced(by: idleTimeout)))
    }

    /// A wait ended with a timeout; decides whether it is real (the clock may be early).
    mutating func timeoutFired() -> Action {
        guard let deadline, clock.now >= deadline else {
            return deadline.map { .scheduleTimeout(deadline: $0) } ?? .nothing
        }
        switch state {
        case .readingHead, .readingBody:
            state = .closed
            return .respondTimeoutAndClose
        case .awaitingRequest, .writing:
            state = .closed
            return .close
        case .handling, .closed:
            return .nothing
        }
    }

    private mutating func enter(_ next: State) -> Action {
        state = next
        switch next {
        case .closed: return .close
        case .handling: return .cancelTimeout
        default: return deadline.map { .scheduleTimeout(deadline: $0) } ?? .nothing
        }
    }
}
