import Foundation
import SchoolIDCrypto
import SchoolIDTesting

/// Paths and contexts over the test-only material in `Tests/Fixtures/keys/tls/`.
enum TLSFixtures {
    static func path(_ name: String) -> String { Fixtures.url("keys/tls/\(name)").path }

    static func serverContext() throws -> TLSContext {
        try TLSContext.server(certificateChainPEMPath: path("server-chain.pem"), privateKeyPEMPath: path("server.key"))
    }

    static func clientContext(trusting caFile: String? = "ca.pem") throws -> TLSContext {
        try TLSContext.client(trustedCAPEMPath: caFile.map(path))
    }
}

/// Why a test's socket plumbing failed (not a TLS outcome).
struct TLSTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
    static func errno(_ call: String) -> TLSTestError { TLSTestError("\(call): \(String(cString: strerror(Glibc.errno)))") }
}

/// Writes to a peer that has gone must fail with EPIPE instead of killing the test
/// process; a server does the same at startup.
func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

/// Sets `O_NONBLOCK` on `fd`.
func setNonBlocking(_ fd: Int32) throws {
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw TLSTestError.errno("fcntl") }
}

/// A connected pair of non-blocking `AF_UNIX` stream sockets, closed in `deinit`.
final class SocketPair {
    let server: Int32
    let client: Int32

    init() throws {
        ignoreSIGPIPE()
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw TLSTestError.errno("socketpair")
        }
        server = fds[0]
        client = fds[1]
        try setNonBlocking(server)
        try setNonBlocking(client)
    }

    deinit {
        close(server)
        close(client)
    }
}

/// A TCP listener on 127.0.0.1 and a kernel-chosen port, closed in `deinit`.
final class LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        ignoreSIGPIPE()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TLSTestError.errno("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard bound else { close(fd); throw TLSTestError.errno("bind/listen") }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }

    /// Waits (at most 10 s) for one connection and returns it non-blocking; the caller closes it.
    func accept() throws -> Int32 {
        var ready = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        guard poll(&ready, 1, 10_000) == 1 else { throw TLSTestError("no connection within 10 s") }
        let connection = descriptorCreationLock.withLock { _ in
            let connection = Glibc.accept(fd, nil, nil)
            if connection >= 0 { _ = fcntl(connection, F_SETFD, FD_CLOEXEC) }
            return connection
        }
        guard connection >= 0 else { throw TLSTestError.errno("accept") }
        try setNonBlocking(connection)
        return connection
    }
}

/// A non-blocking TCP connection to 127.0.0.1:`port`; the caller closes it.
func connectToLoopback(port: UInt16) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw TLSTestError.errno("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
    guard connected else { close(fd); throw TLSTestError.errno("connect") }
    do { try setNonBlocking(fd) } catch { close(fd); throw error }
    return fd
}

/// Drives non-blocking TLS steps with a poll(2) loop: no sleeps, and a stall fails the
/// test after 10 s instead of hanging it.
enum TLSPump {
    /// One side: its socket and a step that returns `.wantRead`/`.wantWrite` to be polled
    /// and retried, or a final `.done`/`.closed`.
    struct Party {
        let fd: Int32
        let step: () throws -> TLSIOResult
    }

    /// Steps every party, in order, until each has a final result; rethrows the first error.
    @discardableResult
    static func run(_ parties: [Party]) throws -> [TLSIOResult] {
        var results = [TLSIOResult?](repeating: nil, count: parties.count)
        var events = [Int16](repeating: 0, count: parties.count)
        for _ in 0..<10_000 {
            for index in parties.indices where results[index] == nil {
                switch try parties[index].step() {
                case .wantRead: events[index] = Int16(POLLIN)
                case .wantWrite: events[index] = Int16(POLLOUT)
                case let final: results[index] = final
                }
            }
            let waiting = parties.indices.filter { results[$0] == nil }
            if waiting.isEmpty { return results.map { $0! } }
            var fds = waiting.map { pollfd(fd: parties[$0].fd, events: events[$0], revents: 0) }
            guard poll(&fds, nfds_t(fds.count), 10_000) > 0 else { throw TLSTestError("stalled: nothing ready in 10 s") }
        }
        throw TLSTestError("stalled: 10,000 rounds")
    }

    /// A step that performs the handshake.
    static func handshake(_ session: TLSSession, _ fd: Int32) -> Party {
        Party(fd: fd) { try session.handshake() }
    }

    /// A step that writes all of `bytes` (partial writes continue where they stopped).
    static func write(_ bytes: [UInt8], with session: TLSSession, _ fd: Int32) -> Party {
        var offset = 0
        return Party(fd: fd) {
            while offset < bytes.count {
                let result = try session.write(Array(bytes[offset...]))
                guard case .done(let count) = result else { return result }
                offset += count
            }
            return .done(offset)
        }
    }

    /// A step that reads until `count` bytes are in `box` (or the peer closes).
    static func read(_ count: Int, into box: ByteBox, with session: TLSSession, _ fd: Int32) -> Party {
        Party(fd: fd) {
            while box.bytes.count < count {
                let result = try session.read(into: &box.bytes, maximum: count - box.bytes.count)
                guard case .done = result else { return result }
            }
            return .done(box.bytes.count)
        }
    }
}

/// Bytes read by a ``TLSPump`` step.
final class ByteBox {
    var bytes: [UInt8] = []
}

/// A server and a client session over one ``SocketPair``, in-process.
final class TLSLoopbackPair {
    let sockets: SocketPair
    let server: TLSSession
    let client: TLSSession

    init(client clientContext: TLSContext, serverName: String = "localhost") throws {
        sockets = try SocketPair()
        server = try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: sockets.server)
        client = try TLSSession(context: clientContext, fileDescriptor: sockets.client, serverName: serverName)
    }

    /// Runs both handshakes to completion, the client stepping first: a client that
    /// rejects the server's certificate throws before the server sees its alert.
    func handshake() throws {
        try TLSPump.run([TLSPump.handshake(client, sockets.client), TLSPump.handshake(server, sockets.server)])
    }
}
