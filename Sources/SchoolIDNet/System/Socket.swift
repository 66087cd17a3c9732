#if canImport(Glibc)
import Glibc
#endif
internal import CSchoolIDLinux

/// Thin, throwing wrappers over the socket calls SchoolIDNet uses. Every call goes
/// through ``retryingSyscall(_:_:)``; descriptors are plain `Int32` owned by their caller.
enum Socket {
    /// Creates a non-blocking listening socket bound to `host:port` (IPv4 or IPv6 literal),
    /// with `SO_REUSEADDR` so a restarted server can bind while old connections linger.
    /// - Returns: the descriptor and the port actually bound (useful when `port` is 0).
    /// - Throws: ``SocketError``; an unparsable host is `EINVAL` from `"inet_pton"`.
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> (fd: Int32, port: Int) {
        var storage = try address(host: host, port: port)
        let family = Int32(storage.ss_family)
        let fd = try checkedSyscall("socket") {
            socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if family == AF_INET6 { try setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
            let length = socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
            try withUnsafePointer(to: &storage) { pointer throws(SocketError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SocketError) in
                    _ = try checkedSyscall("bind") { bind(fd, address, length) }
                }
            }
            try checkedSyscall("listen") { Glibc.listen(fd, backlog) }
            return (fd, try localPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    /// Accepts one pending connection, non-blocking and close-on-exec, with `TCP_NODELAY`
    /// (responses are written whole, so Nagle would only add latency).
    /// - Returns: the descriptor and the peer's IP as text, or `nil` when none is pending.
    /// - Throws: ``SocketError`` (callers treat `EMFILE`/`ECONNABORTED` as transient).
    static func accept(_ listener: Int32) throws(SocketError) -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SocketError) in
                try retryingSyscall("accept4") {
                    accept4(listener, address, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
        }
        guard case .done(let fd) = result else { return nil }
        try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        return (fd, ipText(storage))
    }

    /// Reads up to `count` bytes into `buffer`.
    /// - Returns: `.done(0)` at end of stream, `.wouldBlock` when nothing is available.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> SyscallResult<Int> {
        try retryingSyscall("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Sends bytes with `MSG_NOSIGNAL`, so a peer that went away yields `EPIPE`, not `SIGPIPE`.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SocketError) -> SyscallResult<Int> {
        try retryingSyscall("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// The peer IP of a `sockaddr_storage` as text ("127.0.0.1", "::1"); IPv4-mapped IPv6
    /// addresses are shown as IPv6 text, exactly as the kernel reports them.
    static func ipText(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafePointer(to: &copy) { pointer -> String in
            if Int32(storage.ss_family) == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var address = v6.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var address = v4.pointee.sin_addr
                inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }

    /// Parses an IPv4 or IPv6 literal into a socket address with `port`.
    static func address(host: String, port: Int) throws(SocketError) -> sockaddr_storage {
        var storage = sockaddr_storage()
        var ok: Int32 = 0
        withUnsafeMutablePointer(to: &storage) { pointer in
            if host.contains(":") {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    v6.pointee.sin6_family = sa_family_t(AF_INET6)
                    v6.pointee.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
                    ok = inet_pton(AF_INET6, host, &v6.pointee.sin6_addr)
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    v4.pointee.sin_family = sa_family_t(AF_INET)
                    v4.pointee.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
                    ok = inet_pton(AF_INET, host, &v4.pointee.sin_addr)
                }
            }
        }
        guard ok == 1, (0...65_535).contains(port) else { throw SocketError(errno: EINVAL, call: "inet_pton") }
        return storage
    }

    /// Sets an integer socket option.
    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        try checkedSyscall("setsockopt") { setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// The local port a socket is bound to.
    static func localPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SocketError) in
                _ = try checkedSyscall("getsockname") { getsockname(fd, address, &length) }
            }
        }
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}
