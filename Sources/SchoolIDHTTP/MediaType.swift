/// Why a `Content-Type` value could not be parsed.
public struct MediaTypeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code.
    public let code: String

    /// Not `type "/" subtype *( OWS ";" OWS parameter )` (RFC 9110 §8.3.1), a repeated
    /// parameter, or more than one `Content-Type` field line.
    public static let invalidMediaType = MediaTypeError(code: "invalid_media_type")

    public var description: String { code }
}

/// A parsed `Content-Type` (RFC 9110 §8.3.1): type and subtype lower-cased, parameters
/// with lower-cased names (quoted-string values unquoted, RFC 9110 §5.6.6).
///
/// Parameter values keep their case: a multipart `boundary` is case-sensitive
/// (RFC 2046 §5.1.1), a `charset` is not, and comparing it is the caller's business.
public struct MediaType: Sendable, Hashable {
    /// The top-level type, e.g. `"multipart"`.
    public let type: String
    /// The subtype, e.g. `"form-data"`.
    public let subtype: String
    /// Parameters by lower-cased name, e.g. `["boundary": "----WebKitFormBoundaryX"]`.
    public let parameters: [String: String]

    /// Parses a `Content-Type` field value.
    ///
    /// `type` and `subtype` are tokens (RFC 9110 §5.6.2); each parameter is
    /// `token "=" ( token / quoted-string )` with no whitespace around `=` (RFC 9110 §5.6.6).
    /// Surrounding whitespace is ignored.
    /// - Throws: `MediaTypeError.invalidMediaType` on any deviation from that grammar,
    ///   or when a parameter name repeats (case-insensitively).
    public init(parsing text: String) throws(MediaTypeError) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, HTTPSyntax.isWhitespace(bytes[index]) { index += 1 }
        guard let type = HTTPParameters.token(bytes, &index), index < bytes.count, bytes[index] == 0x2F else {
            throw .invalidMediaType
        }
        index += 1
        guard let subtype = HTTPParameters.token(bytes, &index),
              let parameters = HTTPParameters.parse(bytes, from: index) else {
            throw .invalidMediaType
        }
        self.type = HTTPHeaders.key(type)
        self.subtype = HTTPHeaders.key(subtype)
        self.parameters = parameters
    }

    /// `type/subtype` without parameters, e.g. `"multipart/form-data"` (WHATWG MIME
    /// Sniffing §2.1 calls this the essence).
    public var essence: String { "\(type)/\(subtype)" }

    /// Whether the essence equals `essence`, ASCII case-insensitively:
    /// `mediaType.matches("application/json")`.
    public func matches(_ essence: String) -> Bool {
        HTTPHeaders.key(essence) == self.essence
    }
}

extension Request {
    /// The parsed Content-Type, or nil when absent; throws when malformed.
    ///
    /// `Content-Type` is a singleton field (RFC 9110 §8.3): two field lines are refused
    /// rather than guessing which one the sender meant.
    /// - Throws: `MediaTypeError.invalidMediaType` for a malformed value or repeated field.
    public func mediaType() throws(MediaTypeError) -> MediaType? {
        let values = headers.values(for: "Content-Type")
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw .invalidMediaType }
        return try MediaType(parsing: value)
    }
}
