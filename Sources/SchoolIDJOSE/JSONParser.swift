/// A strict RFC 8259 JSON parser over UTF-8 bytes, producing ``JSONValue``.
///
/// Built for JOSE token bytes (headers, claims, JWKs), so it is strict where Foundation is lenient:
/// - duplicate member names in one object are rejected in the same pass (RFC 7515 §4,
///   RFC 7519 §4: a parser differential such as `{"alg":"none","alg":"ES256"}` is closed);
///   names are compared after unescaping, so `"a"` and `"\u0061"` collide;
/// - invalid UTF-8, lone surrogates (`\uD800`), unescaped control characters (RFC 8259 §7),
///   leading zeros, `NaN`/`Infinity`, numbers that overflow `Double` (RFC 8259 §6) and trailing
///   bytes are rejected;
/// - nesting is limited to ``maximumDepth`` so hostile input cannot exhaust the stack.
///
/// Integers without fraction or exponent that fit in `Int64` become `.integer`; every
/// other number becomes `.number`.
struct JSONParser {
    /// The deepest accepted nesting of objects and arrays.
    static let maximumDepth = 32

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses `bytes` as exactly one JSON value (RFC 8259 §2), surrounded only by whitespace.
    /// - Throws: `JOSEError.malformed` for anything that is not strict JSON.
    static func parse(_ bytes: some Collection<UInt8>) throws(JOSEError) -> JSONValue {
        let result: Result<JSONValue, JOSEError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(JOSEError) {
                parser.skipWhitespace()
                let value = try parser.parseValue()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw .malformed }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes))
    }

    /// Parses `bytes` as one JSON object (a JOSE header, claims set or JWK).
    /// - Throws: `JOSEError.malformed` when it is not strict JSON or not an object.
    static func object(from bytes: some Collection<UInt8>) throws(JOSEError) -> [String: JSONValue] {
        guard case .object(let members) = try parse(bytes) else { throw .malformed }
        return members
    }

    // MARK: - Values

    private mutating func parseValue() throws(JOSEError) -> JSONValue {
        guard index < bytes.count else { throw .malformed }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw .malformed
        }
    }

    private mutating func parseObject() throws(JOSEError) -> [String: JSONValue] {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return members
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw .malformed }
            let name = try parseString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw .malformed }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            guard members.updateValue(value, forKey: name) == nil else { throw .malformed }
            skipWhitespace()
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { throw .malformed }
            skipWhitespace()
        }
        depth -= 1
        return members
    }

    private mutating func parseArray() throws(JOSEError) -> [JSONValue] {
        try enterContainer()
        var items: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return items
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw .malformed }
            skipWhitespace()
        }
        depth -= 1
        return items
    }

    /// Consumes the opening bracket and enforces ``maximumDepth``.
    private mutating func enterContainer() throws(JOSEError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw .malformed }
        index += 1
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JOSEError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .malformed }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { throw .malformed }
        index += count
    }

    // MARK: - Strings (RFC 8259 §7)

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JOSEError) -> String {
        index += 1
        let start = index
        var isASCII = true
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if isASCII { return String(decoding: slice, as: UTF8.self) }
                guard let string = String(validating: slice, as: UTF8.self) else { throw .malformed }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw .malformed }
            if byte >= 0x80 { isASCII = false }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: scratch, as: UTF8.self) else { throw .malformed }
                return string
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw .malformed
            default:
                scratch.append(byte)
            }
        }
        throw .malformed
    }

    /// Parses the escape after a backslash into `scratch`.
    private mutating func parseEscape() throws(JOSEError) {
        guard index < bytes.count else { throw .malformed }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var code = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .malformed }
                index += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw .malformed }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw .malformed
            }
            guard let scalar = Unicode.Scalar(code) else { throw .malformed }
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw .malformed
        }
    }

    private mutating func parseHex4() throws(JOSEError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw .malformed }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .malformed
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: - Numbers (RFC 8259 §6)

    private mutating func parseNumber() throws(JOSEError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count else { throw .malformed }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard isDigit(at: index) else { throw .malformed }
            while isDigit(at: index) { index += 1 }
        }
        let integerEnd = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(at: index) else { throw .malformed }
            while isDigit(at: index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(at: index) else { throw .malformed }
            while isDigit(at: index) { index += 1 }
        }
        if isInteger, let integer = exactInteger(from: negative ? start + 1 : start, to: integerEnd, negative: negative) {
            return .integer(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw .malformed }
        return .number(number)
    }

    /// The digits in `start..<end` as an `Int64`, or nil when they overflow it.
    private func exactInteger(from start: Int, to end: Int, negative: Bool) -> Int64? {
        var value: Int64 = 0
        for position in start..<end {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so that Int64.min is reachable.
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    // MARK: - Helpers

    private func isDigit(at position: Int) -> Bool {
        position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
    }

    private func peek() throws(JOSEError) -> UInt8 {
        guard index < bytes.count else { throw .malformed }
        return bytes[index]
    }

    /// RFC 8259 §2: space, horizontal tab, line feed, carriage return.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
