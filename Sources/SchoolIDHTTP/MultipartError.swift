/// Why a `multipart/form-data` body was refused: a stable code and a short detail for logs.
///
/// The detail names the rule broken (never any bytes of the body), so it may be logged
/// and shown to the client.
public struct MultipartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `"invalid_multipart"` or `"too_many_parts"`.
    public let code: String
    /// What was wrong, e.g. `"missing close delimiter"`.
    public let detail: String

    /// Malformed framing or part headers (RFC 2046 §5.1.1, RFC 7578 §4).
    static func invalid(_ detail: String) -> MultipartError {
        MultipartError(code: "invalid_multipart", detail: detail)
    }

    /// More parts than `MultipartFormData.Limits.maximumParts` (RFC 7578 §7 asks
    /// receivers to limit what they accept).
    static func tooManyParts(limit: Int) -> MultipartError {
        MultipartError(code: "too_many_parts", detail: "more than \(limit) parts")
    }

    public var description: String { "\(code): \(detail)" }
}
