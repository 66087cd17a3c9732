#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A raw-socket loopback HTTP client for server tests: sends arbitrary (malformed, split,
/// pipelined) bytes, reads responses with a timeout, and tells whether the server closed
/// the connection.
///
/// Its socket is blocking and every blocking call runs on a fresh thread, never on the
/// cooperative pool the server's handlers need (the test machine may have two cores).
public final class TestClient: Sendable {
    /// Errors from the client.
    public enum Failure: Error, Equatable {
        /// Nothing (or not enough) arrived before the timeout.
        case timedOut
        /// The server closed the connection before a whole response arrived.
        case closed
        /// The bytes are not an HTTP/1.1 response.
        case malformed
        /// A system call failed with this errno.
        case system(call: String, errno: Int32)
    }

    /// The client's socket descriptor.
    public let fd: Int32
    private let buffer = Mutex<[UInt8]>([])
    private let closed = Atomic<Bool>(false)

    /// Connects to `host:port` (IPv4 or IPv6 literal).
    /// - Throws: ``Failure/system(call:errno:)``.
    public init(host: String = "127.0.0.1", port: Int) async throws {
        fd = try await Self.blocking { try Self.connect(host: host, port: port) }
    }

    /// Connects to `host:port` and sends `request` on one thread, so that no wait for the
    /// cooperative pool falls between the two: a busy test process could otherwise leave
    /// the connection silent until the server's request timeout.
    /// - Throws: ``Failure/system(call:errno:)``.
    public init(host: String = "127.0.0.1", port: Int, sending request: [UInt8]) async throws {
        fd = try await Self.blocking {
            let fd = try Self.connect(host: host, port: port)
            do {
                try Self.sendAll(request, on: fd)
            } catch {
                Glibc.close(fd)
                throw error
            }
            return fd
        }
    }

    deinit { close() }

    /// Closes the connection (idempotent).
    public func close() {
        if !closed.exchange(true, ordering: .relaxed) { Glibc.close(fd) }
    }

    /// Sends `bytes` completely.
    /// - Throws: ``Failure/system(call:errno:)`` (`EPIPE`/`ECONNRESET` once the server closed).
    public func send(_ bytes: [UInt8]) async throws {
        let fd = fd
        try await Self.blocking { try Self.sendAll(bytes, on: fd) }
    }

    /// Sends all of `bytes` on the blocking socket `fd`.
    /// - Throws: ``Failure/system(call:errno:)``.
    package static func sendAll(_ bytes: [UInt8], on fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw Failure.system(call: "send", errno: errno)
            }
            offset += sent
        }
    }

    /// How long a test waits for something that should happen (a response, a close)
    /// unless it says otherwise; waits for something that must NOT happen pass a short
    /// timeout of their own.
    public static let expectedWait: Duration = .seconds(30)

    /// Sends the UTF-8 bytes of `text`.
    public func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Reads one response (interim 1xx responses count as one), keeping any bytes after it
    /// for the next call.
    /// - Parameters:
    ///   - timeout: how long to wait for the whole response. The default is generous
    ///     (``expectedWait``): it only matters when the test is about to fail anyway, and
    ///     a test process running every suite at once may keep the server's tasks waiting
    ///     for seconds.
    ///   - headRequest: the request was HEAD, so the response has no body whatever its length.
    /// - Throws: ``Failure/timedOut``, ``Failure/closed``, ``Failure/malformed``.
    public func readResponse(timeout: Duration = expectedWait, headRequest: Bool = false) async throws -> TestResponse {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let response = try takeResponse(headRequest: headRequest) { return response }
            let chunk = try await receive(until: deadline)
            guard !chunk.isEmpty else { throw Failure.closed }
            buffer.withLock { $0.append(contentsOf: chunk) }
        }
    }

    /// Waits until the server closes the connection (end of stream or reset), discarding
    /// anything it still sends.
    /// - Returns: true when closed within `timeout` (default ``expectedWait``), false when
    ///   the connection is still open.
    public func waitForClose(timeout: Duration = expectedWait) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            do {
                if try await receive(until: deadline).isEmpty { return true }
            } catch Failure.timedOut {
                return false
            } catch {
                return true  // ECONNRESET: closed as well
            }
        }
    }

    /// Whether any byte arrives within `timeout` (buffered for the next ``readResponse(timeout:)``).
    public func receivesData(within timeout: Duration) async throws -> Bool {
        if buffer.withLock({ !$0.isEmpty }) { return true }
        do {
            let chunk = try await receive(until: ContinuousClock.now.advanced(by: timeout))
            buffer.withLock { $0.append(contentsOf: chunk) }
            return !chunk.isEmpty
        } catch Failure.timedOut {
            return false
        }
    }

    /// Reads what is available, waiting until `deadline`; empty at end of stream.
    private func receive(until deadline: ContinuousClock.Instant) async throws -> [UInt8] {
        let fd = fd
        return try await Self.blocking {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let millis = max(0, Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, millis)
            if ready == 0 { throw Failure.timedOut }
            if ready < 0 { throw Failure.system(call: "poll", errno: errno) }
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw Failure.system(call: "recv", errno: errno) }
            return Array(chunk[..<count])
        }
    }

    /// Parses one whole response off the front of the buffer, if there is one.
    private func takeResponse(headRequest: Bool) throws -> TestResponse? {
        try buffer.withLock { bytes -> TestResponse? in
            guard let (response, length) = try TestResponse.parse(bytes, headRequest: headRequest) else { return nil }
            bytes.removeFirst(length)
            return response
        }
    }

    /// Runs a blocking call on its own thread.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// A blocking socket connected to `host:port` (IPv4 or IPv6 literal).
    /// - Throws: ``Failure/system(call:errno:)``.
    package static func connect(host: String, port: Int) throws -> Int32 {
        let v6 = host.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.system(call: "socket", errno: errno) }
        var result: Int32
        if v6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port)).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure.system(call: "connect", errno: code)
        }
        return fd
    }
}
