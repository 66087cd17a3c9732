/// RFC 7578 multipart/form-data, parsed from a complete body (bodies are already
/// size-limited by the server).
///
/// Framing follows RFC 2046 §5.1.1: an ignored preamble, `--boundary` delimiter lines
/// (`CRLF--boundary`, optional spaces or tabs, CRLF), and the close delimiter
/// `--boundary--` after which the epilogue is ignored. Part bodies are raw bytes, never
/// decoded or re-encoded (a Windows-1251 CSV arrives as sent). Typical use:
///
/// ```swift
/// guard let type = try request.mediaType(), type.matches("multipart/form-data"),
///       let boundary = type.parameters["boundary"] else { … }
/// let form = try MultipartFormData(body: request.body, boundary: boundary)
/// let roster = form["roster"]?.body
/// ```
public struct MultipartFormData: Sendable {
    /// One form field (RFC 7578 §4.2).
    public struct Part: Sendable {
        /// The field name, from `Content-Disposition: form-data; name="…"`.
        public let name: String
        /// The `filename` parameter (RFC 7578 §4.2) reduced to its last path component
        /// (after the last `/` or `\`); `filename*` is ignored (RFC 7578 §4.2 forbids it).
        /// `""` when a file field was submitted without a file, `nil` for a plain field.
        /// Still untrusted text: never use it as a file-system path.
        public let filename: String?
        /// The part's `Content-Type` field value as sent, if any (RFC 7578 §4.4).
        public let contentType: String?
        /// The part's content, byte for byte.
        public let body: [UInt8]
    }

    /// Bounds on what one body may make the parser do (RFC 7578 §7).
    public struct Limits: Sendable {
        /// The most parts accepted; one more is `too_many_parts`.
        public var maximumParts = 32
        /// The most bytes in one part's header section, blank line included.
        public var maximumPartHeaderBytes = 8192

        /// The defaults: 32 parts, 8 KiB of headers per part.
        public init() {}
    }

    /// The parts in body order.
    public let parts: [Part]

    /// Parses `body` framed by `boundary` (the `boundary` parameter of the request's
    /// `Content-Type`, already unquoted by `MediaType`).
    ///
    /// Runs in time linear in `body.count`: delimiters are found with one
    /// Knuth–Morris–Pratt pass, never by rescanning after a partial match.
    /// - Throws: `MultipartError` with code `invalid_multipart` for a boundary outside
    ///   RFC 2046 §5.1.1 (1–70 `bchars`, not ending in space), malformed framing, a
    ///   missing close delimiter, part headers that are not CRLF-terminated lines, a
    ///   header section over `limits.maximumPartHeaderBytes`, or a missing, repeated or
    ///   invalid `Content-Disposition` (it must be `form-data` with a `name`);
    ///   `too_many_parts` beyond `limits.maximumParts`.
    public init(body: [UInt8], boundary: String, limits: Limits = Limits()) throws(MultipartError) {
        let parser = try MultipartParser(body: body, boundary: boundary, limits: limits)
        parts = try parser.parts()
    }

    /// The first part named `name` (names compare exactly, as the form sent them).
    public subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The UTF-8 text of the first part named `name`; `nil` when there is none or its
    /// body is not valid UTF-8 (no byte-order mark is removed).
    public func text(_ name: String) -> String? {
        self[name].flatMap { String(validating: $0.body, as: UTF8.self) }
    }
}
