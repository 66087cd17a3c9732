import Foundation
import Synchronization
import SchoolIDCrypto
import SchoolIDServer

/// A fake SMTP relay: a real server on `127.0.0.1:<ephemeral>`, one thread per
/// connection, speaking enough of RFC 5321 for `SMTPChannel`.
///
/// Modes: ``Mode/plain`` (never offers STARTTLS), ``Mode/startTLS`` (offers it, RFC 3207,
/// and refuses MAIL before it with 530), ``Mode/implicitTLS`` (RFC 8314). TLS uses the
/// test-only fixture certificate (`Tests/Fixtures/keys/tls/server.pem`, names `localhost`
/// and `127.0.0.1`, signed by ``caFile``). With ``init(mode:credentials:)`` credentials it
/// offers AUTH PLAIN inside TLS only and answers MAIL with 530 until they are given.
///
/// It records every command line (``commands``) and every accepted message
/// (``received``, with the subject and body decoded); ``respond(with:times:)`` makes the
/// next messages' end-of-data reply 451, 550 or any other code.
public final class FakeSMTPServer: Sendable {
    /// How the server protects connections.
    public enum Mode: Sendable, Hashable { case plain, startTLS, implicitTLS }

    /// A message accepted after DATA.
    public struct Received: Sendable, Hashable {
        /// The MAIL FROM address.
        public let envelopeFrom: String
        /// The RCPT TO addresses.
        public let recipients: [String]
        /// The message as sent (CRLF lines), dot-stuffing removed.
        public let data: String
        /// The DATA lines as they came over the wire, dot-stuffing included.
        public let wireLines: [String]
        /// Header fields by lower-cased name (unfolded, last one wins).
        public let headers: [String: String]
        /// The Subject, RFC 2047 encoded words decoded.
        public let subject: String
        /// The body, base64 decoded, `\n` line endings.
        public let body: String
        /// The Message-ID header.
        public let messageID: String?
        /// Whether the message came over TLS.
        public let encrypted: Bool
    }

    struct State {
        var script: [Int] = []
        var received: [Received] = []
        var commands: [String] = []
        var connections = 0
        var stopped = false
    }

    /// The bound port.
    public let port: Int
    let mode: Mode
    let credentials: Credentials?
    let tls: TLSContext?
    let state = Mutex(State())
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)

    struct Credentials: Sendable { let username: String; let password: String }

    /// The CA that signed the fixture certificate: the trust anchor for clients.
    public static var caFile: String { Fixtures.url("keys/tls/ca.pem").path }

    /// Starts listening and accepting.
    /// - Parameters:
    ///   - mode: plain, STARTTLS or implicit TLS.
    ///   - credentials: the AUTH PLAIN user and password to require, or `nil` for none.
    ///   - port: the loopback port to bind, 0 for an ephemeral one (a fixed one brings a
    ///     relay back on the port it had before an outage).
    /// - Throws: a description of the failing system call, or a TLS fixture error.
    public init(mode: Mode, credentials: (username: String, password: String)? = nil, port: Int = 0) throws {
        signal(SIGPIPE, SIG_IGN)
        self.mode = mode
        self.credentials = credentials.map { Credentials(username: $0.username, password: $0.password) }
        tls = mode == .plain ? nil : try TLSContext.server(
            certificateChainPEMPath: Fixtures.url("keys/tls/server-chain.pem").path,
            privateKeyPEMPath: Fixtures.url("keys/tls/server.key").path)
        (listener, self.port) = try Self.listen(port: port)
        let server = self
        Thread { server.acceptLoop() }.start()
    }

    /// Answers the end of the next `times` messages' data with `code` instead of 250
    /// (after anything already queued); such messages are not recorded as received.
    public func respond(with code: Int, times: Int = 1) {
        state.withLock { $0.script += Array(repeating: code, count: times) }
    }

    /// Accepted messages, in arrival order.
    public var received: [Received] { state.withLock { $0.received } }
    /// Every command line received, in order, over every connection.
    public var commands: [String] { state.withLock { $0.commands } }
    /// Connections accepted so far.
    public var connections: Int { state.withLock { $0.connections } }

    /// Stops accepting and closes the listener; returns once the port is closed.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break
            }
            let stopped = state.withLock { state in
                state.connections += 1
                return state.stopped
            }
            if stopped { close(fd); break }
            let server = self
            Thread { server.serve(descriptor: fd) }.start()
        }
        close(listener)
        finished.signal()
    }

    private static func listen(port: Int) throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw FakeServerError("socket: errno \(errno)") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else {
            close(fd)
            throw FakeServerError("bind/listen: errno \(errno)")
        }
        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }
}

/// Why the fake could not start.
struct FakeServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
