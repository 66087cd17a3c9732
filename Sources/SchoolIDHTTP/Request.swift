/// One parsed request, plus what the layers above the parser attach to it.
public struct Request: Sendable {
    /// The method (RFC 9110 §9).
    public var method: HTTPMethod
    /// The request-target as sent (origin-form, or `*` for OPTIONS), e.g. `"/v1/x?a=1"`.
    public var target: String
    /// The target before `?`, raw (not percent-decoded).
    public var path: String
    /// The target after the first `?`, raw; `nil` when there is no `?`.
    public var query: String?
    /// The protocol version of the request line.
    public var version: HTTPVersion
    /// The header fields in the order sent (trailers are discarded).
    public var headers: HTTPHeaders
    /// The content, chunked coding removed.
    public var body: [UInt8]
    /// Path parameters, percent-decoded; filled by the router.
    public var pathParameters: [String: String] = [:]
    /// The matched route pattern, e.g. `"/v1/things/:id"`; filled by the router.
    public var routeTemplate: String?
    /// The peer IP as text (`"127.0.0.1"`, `"::1"`); filled by the connection.
    public var remoteAddress: String = ""
    /// The request id; filled by the server.
    public var requestID: String = ""

    /// Creates a request; `path` and `query` are split from `target` at the first `?`.
    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection may stay open after this request (RFC 9112 §9.3):
    /// HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        let options = headers.tokens(for: "Connection")
        if options.contains("close") { return false }
        switch version {
        case .http1_1: return true
        case .http1_0: return options.contains("keep-alive")
        }
    }
}
