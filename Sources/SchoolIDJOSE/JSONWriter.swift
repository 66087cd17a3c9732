/// Compact JSON serialization of ``JSONValue`` (RFC 8259) for JOSE signing input.
///
/// Deterministic: object members are sorted by the UTF-8 bytes of their names (the Unicode
/// code point order of RFC 7638 §3.3), there is no whitespace, `/` is not escaped (so
/// `https://` URLs read as in the RFCs), and only `"`, `\` and control characters are
/// escaped (RFC 8259 §7). Integers are printed exactly; other numbers in the shortest form
/// that round-trips, without a trailing `.0`.
enum JSONWriter {
    /// Serializes `value`.
    /// - Throws: `JOSEError.malformed` for a non-finite number, which JSON cannot express.
    static func encode(_ value: JSONValue) throws(JOSEError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, to: &out)
        return out
    }

    /// Serializes an object with these members.
    static func encode(object members: [String: JSONValue]) throws(JOSEError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try writeObject(members, to: &out)
        return out
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) throws(JOSEError) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer): writeInteger(integer, to: &out)
        case .number(let number): try writeNumber(number, to: &out)
        case .string(let string): writeString(string, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members): try writeObject(members, to: &out)
        }
    }

    static func writeObject(_ members: [String: JSONValue], to out: inout [UInt8]) throws(JOSEError) {
        out.append(UInt8(ascii: "{"))
        let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (position, member) in sorted.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            writeString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            try write(member.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func writeInteger(_ integer: Int64, to out: inout [UInt8]) {
        if integer < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    static func writeNumber(_ number: Double, to out: inout [UInt8]) throws(JOSEError) {
        guard number.isFinite else { throw .malformed }
        // Swift's description is the shortest round-tripping form ("1.5", "1e+20", "5e-324").
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
