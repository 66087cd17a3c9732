/// Why percent-encoded text could not be decoded.
public struct PercentDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code.
    public let code: String

    /// `%` not followed by two hex digits (RFC 3986 §2.1).
    public static let invalidPercentEscape = PercentDecodingError(code: "invalid_percent_escape")
    /// The decoded bytes are not UTF-8.
    public static let invalidUTF8 = PercentDecodingError(code: "invalid_utf8")
    /// A raw control character or non-ASCII byte (must be percent-encoded).
    public static let invalidCharacter = PercentDecodingError(code: "invalid_character")

    public var description: String { code }
}

/// Strict percent-decoding (RFC 3986 §2.1), optionally with `+` as space
/// (application/x-www-form-urlencoded, WHATWG URL §5.1).
public enum PercentDecoding {
    /// Decodes `text`. Every `%` must start a two-hex-digit escape, raw bytes must be
    /// printable ASCII, and the result must be UTF-8. Decoded controls (`%00`) are
    /// kept: callers validate their own values.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false)
        throws(PercentDecodingError) -> String {
        try decode(bytes: Array(text.utf8), plusAsSpace: plusAsSpace)
    }

    /// Decodes raw bytes, as `decode(_:plusAsSpace:)`.
    public static func decode(bytes: some Collection<UInt8>, plusAsSpace: Bool = false)
        throws(PercentDecodingError) -> String {
        let input = Array(bytes)
        if !input.contains(HTTPSyntax.percent) && !(plusAsSpace && input.contains(0x2B)) {
            guard input.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw .invalidCharacter }
            return String(decoding: input, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case HTTPSyntax.percent:
                guard index + 2 < input.count, HTTPSyntax.isHex(input[index + 1]), HTTPSyntax.isHex(input[index + 2])
                else { throw .invalidPercentEscape }
                output.append(UInt8(HTTPSyntax.hexValue(input[index + 1]) << 4 | HTTPSyntax.hexValue(input[index + 2])))
                index += 3
            case 0x2B where plusAsSpace:
                output.append(HTTPSyntax.space)
                index += 1
            default:
                guard byte >= 0x20 && byte < 0x7F else { throw .invalidCharacter }
                output.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }
}
