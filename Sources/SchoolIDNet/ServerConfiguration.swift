public import SchoolIDCrypto
public import SchoolIDHTTP

/// Everything ``HTTPServer`` needs to know before it binds: address, limits, threads,
/// shutdown deadline and how protocol errors are rendered.
public struct ServerConfiguration: Sendable {
    /// IPv4 or IPv6 literal to bind: "127.0.0.1" (default), "::1", "0.0.0.0", "::".
    /// An IPv6 address binds IPv6 only (`IPV6_V6ONLY`); bind "0.0.0.0" for IPv4.
    public var host: String
    /// TCP port; 0 picks an ephemeral port, reported through `run(onListening:)`.
    public var port: Int
    /// Parser limits, timeouts and connection caps.
    public var limits: HTTPLimits
    /// Number of epoll reactor threads (connections are spread round-robin); default 1.
    public var reactorCount: Int
    /// How long in-flight requests may run after shutdown begins before they are cancelled.
    public var drainTimeout: Duration
    /// When set, every accepted connection speaks TLS 1.2+ with this server context
    /// (RFC 8446, RFC 9325): the handshake runs under the first request's header timeout,
    /// and the connection ends with a best-effort close_notify. `nil` (default): plain HTTP.
    public var tls: TLSContext?
    /// Renders parser errors and timeouts (408) into a response; the server layer supplies
    /// its JSON error shape. The connection adds `Connection: close` and closes after it.
    public var errorResponse: @Sendable (HTTPParseError) -> Response

    /// Creates a configuration with one reactor, a 10 s drain and `{"error":"<code>"}` errors.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port to bind (0: ephemeral).
    ///   - limits: parser limits, timeouts and caps.
    public init(host: String = "127.0.0.1", port: Int = 8080, limits: HTTPLimits = HTTPLimits()) {
        self.host = host
        self.port = port
        self.limits = limits
        reactorCount = 1
        tls = nil
        drainTimeout = .seconds(10)
        errorResponse = ServerConfiguration.defaultErrorResponse
    }

    /// `application/json` `{"error":"<code>"}` with the error's status. Codes are
    /// snake_case ASCII chosen by the parser, so no JSON escaping is needed.
    public static let defaultErrorResponse: @Sendable (HTTPParseError) -> Response = { error in
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json; charset=utf-8")
        return Response(status: error.status, headers: headers, body: Array("{\"error\":\"\(error.code)\"}".utf8))
    }
}
