/// Byte classes from RFC 9110 §5.6.2 (tokens), RFC 9110 §5.5 (field values) and
/// RFC 3986 §3.3–3.4 (path and query characters), as 256-entry lookup tables.
enum HTTPSyntax {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let percent: UInt8 = 0x25

    private static let tokenBit: UInt8 = 1
    private static let pathBit: UInt8 = 2
    private static let queryBit: UInt8 = 4
    private static let hostBit: UInt8 = 8
    private static let hexBit: UInt8 = 16

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        func mark(_ characters: String, _ bit: UInt8) { for byte in characters.utf8 { table[Int(byte)] |= bit } }
        let alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        let digit = "0123456789"
        let unreserved = alpha + digit + "-._~"
        let subDelims = "!$&'()*+,;="
        mark(alpha + digit + "!#$%&'*+-.^_`|~", tokenBit)
        mark(unreserved + subDelims + ":@/%", pathBit)
        mark(unreserved + subDelims + ":@/?%", queryBit)
        mark(unreserved + subDelims + ":[]%", hostBit)
        mark(digit + "abcdefABCDEF", hexBit)
        return table
    }()

    /// RFC 9110 §5.6.2 `tchar`.
    @inline(__always) static func isToken(_ byte: UInt8) -> Bool { table[Int(byte)] & tokenBit != 0 }
    /// RFC 3986 `pchar` or `/` (with `%` whose escape is checked separately).
    @inline(__always) static func isPath(_ byte: UInt8) -> Bool { table[Int(byte)] & pathBit != 0 }
    /// RFC 3986 query characters (with `%` whose escape is checked separately).
    @inline(__always) static func isQuery(_ byte: UInt8) -> Bool { table[Int(byte)] & queryBit != 0 }
    /// RFC 3986 `reg-name`/`IP-literal` characters and `:` for a `Host` value.
    @inline(__always) static func isHost(_ byte: UInt8) -> Bool { table[Int(byte)] & hostBit != 0 }
    /// HEXDIG.
    @inline(__always) static func isHex(_ byte: UInt8) -> Bool { table[Int(byte)] & hexBit != 0 }

    /// RFC 9110 §5.5 `field-vchar`, SP or HTAB: anything but controls (NUL, CR, LF…) and DEL.
    @inline(__always) static func isFieldValue(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == tab
    }

    /// SP or HTAB (RFC 9110 §5.6.3 OWS).
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// The value of one hex digit (caller has checked `isHex`).
    @inline(__always) static func hexValue(_ byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        default: Int(byte - 0x61 + 10)
        }
    }

    /// Whether `bytes` is an origin-form request-target: `absolute-path [ "?" query ]`
    /// with every `%` followed by two hex digits (RFC 9112 §3.2.1, RFC 3986 §2.1).
    static func isOriginForm(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.first == 0x2F else { return false }
        var inQuery = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x3F { inQuery = true }
            guard inQuery ? isQuery(byte) : isPath(byte) else { return false }
            if byte == percent {
                guard index + 2 < bytes.endIndex, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
                    return false
                }
                index += 2
            }
            index += 1
        }
        return true
    }
}
