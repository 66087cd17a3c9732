/// The parameter list shared by `Content-Type` (RFC 9110 §5.6.6) and a multipart part's
/// `Content-Disposition` (RFC 7578 §4.2, grammar of RFC 6266 §4.1).
enum HTTPParameters {
    private static let semicolon: UInt8 = 0x3B
    private static let equals: UInt8 = 0x3D
    private static let quote: UInt8 = 0x22
    private static let backslash: UInt8 = 0x5C

    /// Parses `*( OWS ";" OWS [ token "=" ( token / quoted-string ) ] )` from `start` to
    /// the end of `bytes`.
    ///
    /// Names are ASCII-lowercased (RFC 9110 §5.6.6: parameter names are case-insensitive);
    /// values keep their case, quoted-string values are unquoted (RFC 9110 §5.6.4). Empty
    /// list members (`;;`) are allowed, as the grammar allows. No whitespace around `=`.
    /// - Returns: the parameters, or `nil` on a syntax error, a value that is not UTF-8,
    ///   or a repeated name (which value wins would be a guess, so neither does).
    static func parse(_ bytes: [UInt8], from start: Int) -> [String: String]? {
        var parameters: [String: String] = [:]
        var index = start
        while true {
            skipWhitespace(bytes, &index)
            if index == bytes.count { return parameters }
            guard bytes[index] == semicolon else { return nil }
            index += 1
            skipWhitespace(bytes, &index)
            if index == bytes.count || bytes[index] == semicolon { continue }
            guard let name = token(bytes, &index), index < bytes.count, bytes[index] == equals else { return nil }
            index += 1
            let value = index < bytes.count && bytes[index] == quote
                ? quotedString(bytes, &index) : token(bytes, &index)
            let key = HTTPHeaders.key(name)
            guard let value, parameters[key] == nil else { return nil }
            parameters[key] = value
        }
    }

    /// A non-empty run of `tchar` (RFC 9110 §5.6.2) at `index`, advancing past it.
    static func token(_ bytes: [UInt8], _ index: inout Int) -> String? {
        let start = index
        while index < bytes.count, HTTPSyntax.isToken(bytes[index]) { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// RFC 9110 §5.6.4 `quoted-string` at `index` (which holds `"`), unescaped,
    /// advancing past the closing quote; `nil` when unterminated or holding controls.
    private static func quotedString(_ bytes: [UInt8], _ index: inout Int) -> String? {
        var value: [UInt8] = []
        index += 1
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            if byte == quote { return String(validating: value, as: UTF8.self) }
            if byte == backslash {
                guard index < bytes.count else { return nil }
                byte = bytes[index]
                index += 1
            }
            // qdtext and quoted-pair both allow HTAB, SP, VCHAR and obs-text.
            guard HTTPSyntax.isFieldValue(byte) else { return nil }
            value.append(byte)
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, HTTPSyntax.isWhitespace(bytes[index]) { index += 1 }
    }
}
