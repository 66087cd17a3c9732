#if canImport(Glibc)
import Glibc
#endif

/// Why an SMTP connection failed below the dialogue: every case is worth a retry.
///
/// The texts name the step and a native code only, never an address or content.
package enum SMTPTransportError: Error, Hashable, CustomStringConvertible {
    /// `getaddrinfo` failed (its `EAI_*` code).
    case resolve(Int32)
    /// A system call failed with `errno`.
    case system(call: String, errno: Int32)
    /// Connecting, or a read or write, took longer than the timeout.
    case timedOut
    /// The peer closed the connection.
    case closed
    /// The TLS handshake or a TLS record failed (certificate, name, protocol).
    case tls(String)
    /// A reply line longer than RFC 5321 §4.5.3.1.5 allows (512 octets; we accept 4 KiB).
    case lineTooLong
    /// A reply that is not `ddd`, `ddd text` or `ddd-text` (RFC 5321 §4.2).
    case malformedReply

    package var description: String {
        switch self {
        case .resolve(let code): "cannot resolve the SMTP host (\(String(cString: gai_strerror(code))))"
        case .system(let call, let code): "\(call) failed (errno \(code))"
        case .timedOut: "SMTP server timed out"
        case .closed: "SMTP server closed the connection"
        case .tls(let detail): "TLS failed: \(detail)"
        case .lineTooLong: "SMTP reply line too long"
        case .malformedReply: "malformed SMTP reply"
        }
    }
}
