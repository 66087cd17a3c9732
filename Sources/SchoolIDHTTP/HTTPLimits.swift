/// Limits for one connection's parser and timers (swift-nio's decoder limits).
///
/// Every limit an attacker can push against has a status: 414 for the request line,
/// 431 for header fields (RFC 6585 §5), 413 for the content (RFC 9110 §15.5.14).
public struct HTTPLimits: Sendable, Hashable {
    /// Longest request line, without its CRLF → 414 `uri_too_long` (RFC 9112 §3).
    public var maxRequestLineBytes: Int
    /// Total bytes of all field lines (CRLF included), trailers counted too → 431.
    public var maxHeaderBytes: Int
    /// Number of field lines, trailers counted too → 431 `too_many_headers`.
    public var maxHeaderCount: Int
    /// Largest decoded content → 413 `body_too_large`, checked up front for
    /// `Content-Length` and before each chunk's data for chunked bodies.
    public var maxBodyBytes: Int
    /// Longest chunk-size line, extensions included (RFC 9112 §7.1.1) → 400 `invalid_chunk`.
    public var maxChunkLineBytes: Int
    /// Empty lines tolerated before a request line (RFC 9112 §2.2) → 400 `bad_request_line`.
    public var maxLeadingEmptyLines: Int
    /// Time allowed to receive a whole request head (slowloris).
    public var headerTimeout: Duration
    /// Time allowed between body bytes.
    public var bodyTimeout: Duration
    /// Time an idle keep-alive connection stays open.
    public var idleTimeout: Duration
    /// Open connections for the whole server; beyond it the listener stops accepting.
    public var maxConnections: Int
    /// Open connections from one peer address. Generous by default: behind a reverse
    /// proxy or a school's NAT every client shares one address, so a tight cap would
    /// turn away a whole school; per-client throttles belong to the application.
    public var maxConnectionsPerAddress: Int

    /// The defaults: 8 KiB request line, 16 KiB / 100 header fields, 1 MiB body,
    /// 10 s head, 30 s body, 60 s idle, 10 000 connections (256 per address).
    public init() {
        maxRequestLineBytes = 8 * 1024
        maxHeaderBytes = 16 * 1024
        maxHeaderCount = 100
        maxBodyBytes = 1024 * 1024
        maxChunkLineBytes = 1024
        maxLeadingEmptyLines = 4
        headerTimeout = .seconds(10)
        bodyTimeout = .seconds(30)
        idleTimeout = .seconds(60)
        maxConnections = 10_000
        maxConnectionsPerAddress = 2_048
    }
}
