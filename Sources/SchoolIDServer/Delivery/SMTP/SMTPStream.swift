#if canImport(Glibc)
import Glibc
#endif
import SchoolIDCrypto

/// A blocking TCP stream with optional TLS, read and written line by line: the transport
/// under the SMTP dialogue (client side in `SMTPConnection`, server side in the tests'
/// fake server).
///
/// Blocking I/O bounded by `SO_RCVTIMEO` / `SO_SNDTIMEO`: a read or write that waits
/// longer throws ``SMTPTransportError/timedOut``. Because it blocks, it must run on a
/// thread of its own, never on the cooperative pool. Plain writes use `MSG_NOSIGNAL`;
/// TLS writes go through OpenSSL's `write(2)`, so the process must ignore `SIGPIPE`
/// (`schoolid serve` does).
package final class SMTPStream {
    private let descriptor: Int32
    private var session: TLSSession?
    private var buffer: [UInt8] = []
    private var isClosed = false

    /// Wraps a connected socket, setting its timeouts; the stream owns it from now on.
    package init(descriptor: Int32, timeout: Duration) throws(SMTPTransportError) {
        self.descriptor = descriptor
        var limit = timeval(tv_sec: Int(timeout.components.seconds),
                            tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        if limit.tv_sec == 0 && limit.tv_usec == 0 { limit.tv_usec = 1 }
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            guard setsockopt(descriptor, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
                let code = errno
                Glibc.close(descriptor)
                throw .system(call: "setsockopt", errno: code)
            }
        }
    }

    deinit { close() }

    /// Connects to `host:port`, trying each address `getaddrinfo` gives (IPv6 and IPv4).
    /// - Throws: ``SMTPTransportError`` (`.timedOut` when connecting takes longer than `timeout`).
    package static func connect(host: String, port: Int, timeout: Duration) throws(SMTPTransportError) -> SMTPStream {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { throw .resolve(status) }
        defer { freeaddrinfo(list) }
        var failure = SMTPTransportError.closed
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { failure = .system(call: "socket", errno: errno); continue }
            // Linux bounds a blocking connect by SO_SNDTIMEO (EINPROGRESS when it expires).
            let stream = try SMTPStream(descriptor: fd, timeout: timeout)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return stream }
            let code = errno
            failure = code == EINPROGRESS || code == EAGAIN ? .timedOut : .system(call: "connect", errno: code)
        }
        throw failure
    }

    /// Runs a TLS handshake on the connection; later reads and writes go through it.
    /// - Parameters:
    ///   - context: a client or server context.
    ///   - serverName: client: the name the peer's certificate must carry; server: `nil`.
    /// - Throws: ``SMTPTransportError/tls(_:)``, `.timedOut` or `.closed`.
    package func startTLS(context: TLSContext, serverName: String?) throws(SMTPTransportError) {
        precondition(session == nil, "TLS is already on")
        // Bytes read past the STARTTLS reply would be plaintext injected before the
        // handshake (RFC 3207 §6, CVE-2011-0411): refuse them.
        guard buffer.isEmpty else { throw .tls("plaintext after STARTTLS") }
        do {
            let session = try TLSSession(context: context, fileDescriptor: descriptor, serverName: serverName)
            self.session = session
            _ = try retrying { try session.handshake() }
        } catch let error as SMTPTransportError {
            throw error
        } catch {
            throw .tls(String(describing: error))
        }
    }

    /// Whether TLS protects the stream.
    package var isEncrypted: Bool { session != nil }

    /// Writes every byte.
    package func write(_ bytes: [UInt8]) throws(SMTPTransportError) {
        var offset = 0
        while offset < bytes.count {
            offset += try writeSome(Array(bytes[offset...]))
        }
    }

    /// Writes `line` and CRLF.
    package func write(line: String) throws(SMTPTransportError) {
        try write(Array((line + "\r\n").utf8))
    }

    /// Reads one line, without its line ending (CRLF, or a bare LF from a lax peer).
    /// - Throws: `.closed` at end of stream, `.timedOut`, `.lineTooLong` past `maximum` bytes.
    package func readLine(maximum: Int = 4096) throws(SMTPTransportError) -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count <= maximum else { throw .lineTooLong }
            try fill()
        }
    }

    /// Sends TLS close_notify when TLS is on, then closes the socket; safe to call twice.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = session?.shutdown()
        session = nil
        Glibc.close(descriptor)
    }

    // MARK: - I/O

    private func fill() throws(SMTPTransportError) {
        if let session {
            let count = try retrying { try session.read(into: &buffer, maximum: 4096) }
            if count == 0 { throw .closed }
            return
        }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { buffer += chunk[..<count]; return }
            if count == 0 { throw .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut
            case let code: throw .system(call: "recv", errno: code)
            }
        }
    }

    private func writeSome(_ bytes: [UInt8]) throws(SMTPTransportError) -> Int {
        if let session { return try retrying { try session.write(bytes) } }
        while true {
            let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw .timedOut
            case EPIPE, ECONNRESET: throw .closed
            case let code: throw .system(call: "send", errno: code)
            }
        }
    }

    /// Runs one TLS operation on the blocking socket: "want read/write" can only mean the
    /// socket timeout expired.
    private func retrying(_ operation: () throws -> TLSIOResult) throws(SMTPTransportError) -> Int {
        let result: TLSIOResult
        do {
            result = try operation()
        } catch {
            throw .tls(String(describing: error))
        }
        switch result {
        case .done(let count): return count
        case .wantRead, .wantWrite: throw .timedOut
        case .closed: throw .closed
        }
    }
}
