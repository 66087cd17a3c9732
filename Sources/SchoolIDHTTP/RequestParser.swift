/// Incremental, strict HTTP/1.1 request parser (RFC 9112). Feed bytes as they arrive;
/// take events with `next()`.
///
/// - Every line must end in CRLF (RFC 9112 §2.2: bare LF is refused, bare CR too).
/// - Framing follows RFC 9112 §6: `Content-Length` or a single final `chunked`, never
///   both; anything ambiguous fails instead of being guessed (request smuggling).
/// - Scanning resumes where it stopped, so bytes arriving one at a time cost O(n).
/// - Pipelined bytes after a complete request stay buffered for the next `next()`.
/// - After `.failed` (returned exactly once) the parser stays failed: `next()` returns
///   `nil`, `feed` discards bytes, and `failure` keeps the error. The connection answers
///   the error's status and closes (RFC 9112 §9.6).
public struct RequestParser: Sendable {
    /// What the parser produced.
    public enum Event: Sendable {
        /// The head is complete with `Expect: 100-continue` (HTTP/1.1) and content to
        /// come: the connection writes `ResponseWriter.continueResponse` (once).
        case expectContinue
        /// One complete request (content fully read, chunked coding removed).
        case request(Request)
        /// The request is malformed; answer `error.status` and close.
        case failed(HTTPParseError)
    }

    /// Where the parser is, so the connection can pick the right timeout.
    public enum Phase: Sendable, Equatable {
        /// No byte of the next request yet (idle keep-alive timeout).
        case idle
        /// Reading a request line or header fields (header timeout).
        case head
        /// Reading content or trailers (body timeout).
        case body
    }

    enum State: Sendable {
        case requestLine(emptyLines: Int)
        case fields
        case fixedBody(length: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed
    }

    /// The limits this parser enforces.
    public let limits: HTTPLimits
    var buffer: [UInt8] = []
    /// Index of the first unconsumed byte.
    var start = 0
    /// Bytes after `start` already searched for LF without finding one.
    var scanned = 0
    var state: State = .requestLine(emptyLines: 0)
    /// The request being read (head complete or in progress).
    var pending: Request?
    /// Bytes and count of field lines (CRLF included) in this request, trailers too.
    var fieldBytes = 0
    var fieldCount = 0
    var hostCount = 0
    var chunkedBody: [UInt8] = []
    /// The error once failed.
    public private(set) var failure: HTTPParseError?

    /// A parser with `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Buffers `bytes`; pipelined bytes are kept. Ignored once failed.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        guard failure == nil else { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next event, or `nil` when more bytes are needed (or after a failure).
    public mutating func next() -> Event? {
        if case .failed = state { return nil }
        do {
            return try step()
        } catch {
            state = .failed
            failure = error
            buffer = []
            start = 0
            scanned = 0
            pending = nil
            chunkedBody = []
            return .failed(error)
        }
    }

    /// Where the parser is: idle before the first byte of a request, then head, then body.
    public var phase: Phase {
        switch state {
        case .requestLine: return start == buffer.count ? .idle : .head
        case .fields: return .head
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: return .body
        case .failed: return .idle
        }
    }

    /// Bytes received and not yet consumed (a connection may stop reading above a bound).
    public var bufferedByteCount: Int { buffer.count - start }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .requestLine(let emptyLines):
                guard let line = try takeLine(limit: limits.maxRequestLineBytes, tooLong: .uriTooLong) else {
                    return nil
                }
                if line.isEmpty {
                    guard emptyLines < limits.maxLeadingEmptyLines else { throw .badRequestLine }
                    state = .requestLine(emptyLines: emptyLines + 1)
                } else {
                    pending = try parseRequestLine(buffer[line])
                    state = .fields
                }
            case .fields:
                guard let line = try takeFieldLine() else { return nil }
                if line.isEmpty {
                    if let event = try finishHead() { return event }
                } else {
                    let (name, value) = try parseFieldLine(buffer[line])
                    if HTTPHeaders.key(name) == "host" { hostCount += 1 }
                    pending?.headers.add(name, value)
                }
            case .fixedBody(let length):
                guard buffer.count - start >= length else { return nil }
                pending?.body = Array(buffer[start..<start + length])
                start += length
                return complete()
            case .chunkSize:
                guard let line = try takeLine(limit: limits.maxChunkLineBytes, tooLong: .invalidChunk) else {
                    return nil
                }
                try parseChunkSize(buffer[line])
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - start)
                guard take > 0 else { return nil }
                chunkedBody.append(contentsOf: buffer[start..<start + take])
                start += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .chunkDataEnd:
                let available = buffer.count - start
                guard available > 0 else { return nil }
                guard buffer[start] == HTTPSyntax.cr else { throw .invalidChunk }
                guard available > 1 else { return nil }
                guard buffer[start + 1] == HTTPSyntax.lf else { throw .invalidChunk }
                start += 2
                state = .chunkSize
            case .trailers:
                guard let line = try takeFieldLine() else { return nil }
                if line.isEmpty {
                    pending?.body = chunkedBody
                    chunkedBody = []
                    return complete()
                }
                _ = try parseFieldLine(buffer[line])  // validated, counted, discarded (RFC 9112 §7.1.2)
            case .failed:
                return nil
            }
        }
    }

    /// Hands out the finished request and resets for the next one.
    private mutating func complete() -> Event? {
        guard let request = pending else { return nil }
        pending = nil
        fieldBytes = 0
        fieldCount = 0
        hostCount = 0
        state = .requestLine(emptyLines: 0)
        return .request(request)
    }

    /// Drops consumed bytes: all of them when everything was read, otherwise the
    /// prefix once it is both large and at least half the buffer (amortised O(1)).
    private mutating func compact() {
        if start == buffer.count {
            if buffer.capacity > 64 * 1024 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
            start = 0
        } else if start >= 4096 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// The content range of the next CRLF-terminated line, consuming it, or `nil` when
    /// no LF has arrived yet. `limit` bounds the content length (without CRLF) and is
    /// enforced before the LF arrives, so a line can never grow past it.
    mutating func takeLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        let end = buffer.count
        let lineFeed: Int? = buffer.withUnsafeBufferPointer { bytes in
            var index = start + scanned
            while index < end {
                if bytes[index] == HTTPSyntax.lf { return index }
                index += 1
            }
            return nil
        }
        guard let lineFeed else {
            scanned = end - start
            let content = scanned > 0 && buffer[end - 1] == HTTPSyntax.cr ? scanned - 1 : scanned
            if content > 0 && content > limit { throw tooLong }
            return nil
        }
        let hasCR = lineFeed > start && buffer[lineFeed - 1] == HTTPSyntax.cr
        let contentEnd = hasCR ? lineFeed - 1 : lineFeed
        let lineStart = start
        if contentEnd > lineStart && contentEnd - lineStart > limit { throw tooLong }
        guard hasCR else { throw .bareLineFeed }
        start = lineFeed + 1
        scanned = 0
        return lineStart..<contentEnd
    }

    /// A field line (header or trailer), counted against `maxHeaderBytes` (CRLF
    /// included) and `maxHeaderCount`; an empty range ends the section.
    private mutating func takeFieldLine() throws(HTTPParseError) -> Range<Int>? {
        let limit = limits.maxHeaderBytes - fieldBytes - 2
        guard let line = try takeLine(limit: limit, tooLong: .headerTooLarge) else { return nil }
        if line.isEmpty { return line }
        fieldCount += 1
        guard fieldCount <= limits.maxHeaderCount else { throw .tooManyHeaders }
        fieldBytes += line.count + 2
        return line
    }
}
