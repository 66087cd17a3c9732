/// The HTTP versions a SchoolID server speaks (RFC 9112 §2.3).
///
/// Any other syntactically valid `HTTP-version` is answered with 505.
public enum HTTPVersion: Sendable, Hashable {
    /// `HTTP/1.0`: connections close unless the client asks for keep-alive.
    case http1_0
    /// `HTTP/1.1`: persistent connections by default (RFC 9112 §9.3).
    case http1_1

    /// The protocol text as it appears on the wire, e.g. `"HTTP/1.1"`.
    public var text: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
