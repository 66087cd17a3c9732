import Foundation

/// A loopback TCP port that refuses every connection for as long as this value holds
/// it: the socket is bound but never listens, so a connect gets `ECONNREFUSED` and no
/// other test can bind the port meanwhile (a stopped server's port, by contrast, may be
/// taken by a server of a test running in parallel).
public final class ClosedPort: Sendable {
    private let descriptor: Int32
    /// The port number.
    public let port: Int

    /// Binds a socket to `127.0.0.1:0` without listening.
    /// - Throws: `POSIXError` when the system refuses.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            let code = errno
            Glibc.close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Releases the port.
    public func close() { Glibc.close(descriptor) }
}
