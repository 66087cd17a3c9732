#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: the native `errno` and the call's name (NIO's `IOError`).
///
/// Thrown by ``retryingSyscall(_:_:)`` for every error other than `EINTR` (retried) and
/// `EAGAIN`/`EWOULDBLOCK` (reported as ``SyscallResult/wouldBlock``).
public struct SocketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value the call left behind.
    public let errno: Int32
    /// The system call that failed, e.g. `"accept4"`.
    public let call: String

    /// Creates the error.
    /// - Parameters:
    ///   - errno: the native error code.
    ///   - call: the system call's name.
    public init(errno: Int32, call: String) {
        self.errno = errno
        self.call = call
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The outcome of a non-blocking system call that did not fail.
enum SyscallResult<Value> {
    /// The call completed with this value.
    case done(Value)
    /// The call would have blocked (`EAGAIN`/`EWOULDBLOCK`): wait for readiness and retry.
    case wouldBlock
}

/// Runs one system call the way every call in SchoolIDNet must: retried on `EINTR`,
/// `EAGAIN`/`EWOULDBLOCK` mapped to ``SyscallResult/wouldBlock``, any other negative
/// result thrown as ``SocketError`` carrying `errno` and `name`.
///
/// - Parameters:
///   - name: the call's name, for the error.
///   - body: performs the call and returns its raw result (negative on failure, `errno` set).
/// - Returns: `.done(result)` or `.wouldBlock`.
/// - Throws: ``SocketError`` for every other failure.
@inline(__always)
func retryingSyscall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> SyscallResult<T> {
    while true {
        let result = body()
        if result >= 0 { return .done(result) }
        let code = Glibc.errno
        switch code {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        default: throw SocketError(errno: code, call: name)
        }
    }
}

/// ``retryingSyscall(_:_:)`` for calls that cannot legitimately block (socket, bind,
/// epoll_ctl…): `EAGAIN` there is an error like any other.
@discardableResult
func checkedSyscall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> T {
    switch try retryingSyscall(name, body) {
    case .done(let value): return value
    case .wouldBlock: throw SocketError(errno: EAGAIN, call: name)
    }
}
