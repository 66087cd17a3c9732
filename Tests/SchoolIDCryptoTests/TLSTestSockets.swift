import Foundation

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
