#if canImport(Glibc)
import Glibc
#endif
import SchoolIDCrypto
import SchoolIDHTTP

/// How one connection moves bytes: straight on the socket, or through a ``TLSSession``
/// (RFC 8446). ``HTTPConnection`` speaks only to this type and waits on the reactor for
/// whatever readiness it names, so the plain path stays a direct `read`/`send`.
enum ConnectionTransport {
    case plain
    case tls(TLSChannel)

    /// What a read or write did.
    enum Outcome: Equatable {
        /// This many bytes were fed to the parser (read) or consumed from the buffer (write).
        case bytes(Int)
        /// Nothing moved: wait for this readiness, then call again (with the same bytes).
        case wait(Reactor.Interest)
        /// The peer closed, or an error ended the connection.
        case closed
    }

    /// A server transport for an accepted socket: TLS when the configuration has a context.
    /// - Returns: nil when OpenSSL cannot make a session (the connection is dropped).
    static func accepted(fd: Int32, tls: TLSContext?) -> ConnectionTransport? {
        guard let tls else { return .plain }
        guard let session = try? TLSSession(context: tls, fileDescriptor: fd) else { return nil }
        return .tls(TLSChannel(session: session))
    }

    /// Whether to wait for readability before reading. A plain socket has nothing to read
    /// until epoll says so; OpenSSL may already hold decrypted bytes of a record whose
    /// ciphertext the socket no longer signals, so a TLS read is tried first.
    var waitsBeforeReading: Bool {
        if case .plain = self { return true }
        return false
    }

    /// Advances the TLS handshake (RFC 8446 §4): `.bytes(0)` when complete (at once for plain).
    func handshake() -> Outcome {
        guard case .tls(let channel) = self else { return .bytes(0) }
        return channel.map { try channel.session.handshake() }
    }

    /// Reads at most `chunk` bytes and feeds them to `parser`.
    func read(_ fd: Int32, chunk: Int, into parser: inout RequestParser) -> Outcome {
        switch self {
        case .plain:
            let result = try? withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 1) { buffer in
                let result = try Socket.read(fd, into: buffer)
                if case .done(let count) = result, count > 0 { parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) }
                return result
            }
            switch result {
            case .done(let count)?: return count > 0 ? .bytes(count) : .closed
            case .wouldBlock?: return .wait(.read)
            case nil: return .closed
            }
        case .tls(let channel):
            channel.buffer.removeAll(keepingCapacity: true)
            let outcome = channel.map { try channel.session.read(into: &channel.buffer, maximum: chunk) }
            if case .bytes(let count) = outcome, count > 0 { parser.feed(channel.buffer) }
            return outcome
        }
    }

    /// Sends a prefix of `bytes[offset...]`. After `.wait`, call again with the same
    /// `bytes` and `offset`: a TLS retry must present the same bytes (SSL_write_ex).
    func write(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> Outcome {
        switch self {
        case .plain:
            let sent = try? bytes.withUnsafeBytes { try Socket.send(fd, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch sent {
            case .done(let count)?: return .bytes(count)
            case .wouldBlock?: return .wait(.write)
            case nil: return .closed
            }
        case .tls(let channel):
            // One record's worth per call: the session takes an array, and copying the
            // whole remainder for every 16 KiB record would be quadratic.
            let end = min(bytes.count, offset + TLSChannel.writeChunk)
            return channel.map { try channel.session.write(Array(bytes[offset..<end])) }
        }
    }

    /// Sends close_notify (RFC 8446 §6.1) once, best effort: if the socket cannot take it
    /// now, the connection closes without it rather than wait.
    func close() {
        guard case .tls(let channel) = self, !channel.closeNotifySent else { return }
        channel.closeNotifySent = true
        _ = channel.session.shutdown()
    }
}

/// The TLS state of one connection: its session and a reusable plaintext buffer.
///
/// Not `Sendable`, like the session: it lives inside one connection task.
final class TLSChannel {
    /// Plaintext bytes handed to one `SSL_write_ex` (one TLS record, RFC 8446 §5.1).
    static let writeChunk = 16 * 1024

    let session: TLSSession
    var buffer: [UInt8] = []
    var closeNotifySent = false

    init(session: TLSSession) {
        self.session = session
        buffer.reserveCapacity(HTTPConnection.readChunk)
    }

    /// Runs one session call and maps its result; a thrown TLS error closes the connection.
    func map(_ call: () throws -> TLSIOResult) -> ConnectionTransport.Outcome {
        switch try? call() {
        case .done(let count)?: .bytes(count)
        case .wantRead?: .wait(.read)
        case .wantWrite?: .wait(.write)
        case .closed?, nil: .closed
        }
    }
}
