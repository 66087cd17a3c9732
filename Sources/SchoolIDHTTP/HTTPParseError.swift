/// Why a request could not be parsed: the status to answer and a stable snake_case code.
///
/// The connection answers `status` and closes (RFC 9112 §9.6). Compare with the
/// static members: `#expect(throws: HTTPParseError.invalidChunk)`.
public struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status to answer: 400, 413, 414, 417, 431, 501 or 505.
    public let status: HTTPStatus
    /// A stable snake_case code for logs and the JSON error body.
    public let code: String

    /// Creates an error; prefer the static members.
    public init(status: HTTPStatus, code: String) {
        self.status = status
        self.code = code
    }

    public var description: String { "\(status.code) \(code)" }

    // MARK: Request line (RFC 9112 §3)

    /// The request line is not `method SP request-target SP HTTP-version`, or leading
    /// empty lines exceeded `HTTPLimits.maxLeadingEmptyLines` (RFC 9112 §2.2).
    public static let badRequestLine = HTTPParseError(status: .badRequest, code: "bad_request_line")
    /// The target is not origin-form (or `*` for OPTIONS): absolute-form, authority-form,
    /// fragments and characters outside RFC 3986 `pchar` are refused (RFC 9112 §3.2).
    public static let invalidRequestTarget = HTTPParseError(status: .badRequest, code: "invalid_request_target")
    /// The request line is longer than `HTTPLimits.maxRequestLineBytes` (RFC 9112 §3).
    public static let uriTooLong = HTTPParseError(status: .uriTooLong, code: "uri_too_long")
    /// A well-formed method token that SchoolID does not implement (RFC 9110 §9.1).
    public static let methodNotImplemented = HTTPParseError(status: .notImplemented, code: "method_not_implemented")
    /// A well-formed HTTP-version other than 1.0 or 1.1 (RFC 9110 §15.6.6).
    public static let versionNotSupported = HTTPParseError(status: .httpVersionNotSupported, code: "version_not_supported")

    // MARK: Field lines (RFC 9112 §5)

    /// A line ended by LF without CR (RFC 9112 §2.2; SchoolID does not accept bare LF).
    public static let bareLineFeed = HTTPParseError(status: .badRequest, code: "bare_line_feed")
    /// Field lines exceeded `HTTPLimits.maxHeaderBytes` (RFC 6585 §5).
    public static let headerTooLarge = HTTPParseError(status: .requestHeaderFieldsTooLarge, code: "header_too_large")
    /// More field lines than `HTTPLimits.maxHeaderCount` (RFC 6585 §5).
    public static let tooManyHeaders = HTTPParseError(status: .requestHeaderFieldsTooLarge, code: "too_many_headers")
    /// A field line starting with SP or HTAB (RFC 9112 §5.2).
    public static let obsoleteLineFolding = HTTPParseError(status: .badRequest, code: "obsolete_line_folding")
    /// Whitespace between the field name and the colon (RFC 9112 §5.1).
    public static let whitespaceBeforeColon = HTTPParseError(status: .badRequest, code: "whitespace_before_colon")
    /// A field name that is empty or not a token, or a line without a colon (RFC 9110 §5.1).
    public static let invalidHeaderName = HTTPParseError(status: .badRequest, code: "invalid_header_name")
    /// A field value with NUL, CR, LF, other controls or invalid UTF-8 (RFC 9110 §5.5).
    public static let invalidHeaderValue = HTTPParseError(status: .badRequest, code: "invalid_header_value")
    /// An HTTP/1.1 request without `Host` (RFC 9112 §3.2).
    public static let missingHost = HTTPParseError(status: .badRequest, code: "missing_host")
    /// More than one `Host` field line (RFC 9112 §3.2).
    public static let duplicateHost = HTTPParseError(status: .badRequest, code: "duplicate_host")
    /// A `Host` value that is not `uri-host [":" port]` (RFC 9110 §7.2).
    public static let invalidHost = HTTPParseError(status: .badRequest, code: "invalid_host")
    /// An `Expect` other than `100-continue` (RFC 9110 §10.1.1).
    public static let unsupportedExpectation = HTTPParseError(status: .expectationFailed, code: "unsupported_expectation")

    // MARK: Framing (RFC 9112 §6)

    /// Both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.1: request smuggling).
    public static let contentLengthAndTransferEncoding = HTTPParseError(
        status: .badRequest, code: "content_length_and_transfer_encoding")
    /// `Content-Length` given twice, even with equal values, or as a comma list (RFC 9112 §6.3).
    public static let duplicateContentLength = HTTPParseError(status: .badRequest, code: "duplicate_content_length")
    /// `Content-Length` that is not 1*DIGIT or does not fit in an `Int` (RFC 9112 §6.3).
    public static let invalidContentLength = HTTPParseError(status: .badRequest, code: "invalid_content_length")
    /// A transfer coding SchoolID does not implement before a final `chunked` (RFC 9112 §6.1: 501).
    public static let unsupportedTransferEncoding = HTTPParseError(
        status: .notImplemented, code: "unsupported_transfer_encoding")
    /// `Transfer-Encoding` whose final coding is not one `chunked`, an empty list member,
    /// or any `Transfer-Encoding` on HTTP/1.0 (RFC 9112 §6.1, §6.3: 400 and close).
    public static let invalidTransferEncoding = HTTPParseError(status: .badRequest, code: "invalid_transfer_encoding")
    /// A malformed chunk: bad or overflowing size, bad extension, overlong size line, or
    /// chunk data not followed by CRLF (RFC 9112 §7.1).
    public static let invalidChunk = HTTPParseError(status: .badRequest, code: "invalid_chunk")
    /// Content longer than `HTTPLimits.maxBodyBytes` (RFC 9110 §15.5.14).
    public static let bodyTooLarge = HTTPParseError(status: .payloadTooLarge, code: "body_too_large")
}
