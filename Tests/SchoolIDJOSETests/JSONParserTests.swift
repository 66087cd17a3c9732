@testable import SchoolIDJOSE
import Testing

@Suite struct JSONParserTests {
    @Test("parses valid RFC 8259 documents into JSONValue", arguments: [
        (#" {"a" : [1, -0, 2.5, -1e3, true, false, null]}"# + "\n", JSONValue.object(["a": .array([
            .integer(1), .integer(0), .number(2.5), .number(-1000), .bool(true), .bool(false), .null])])),
        (#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#, .string("\"\\/\u{8}\u{C}\n\r\té😀")),
        ("\"é😀\"", .string("é😀")),
        ("9223372036854775807", .integer(.max)),
        ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ("1.0", .number(1)),
        ("[]", .array([])),
        ("{}", .object([:])),
    ])
    func valid(_ json: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(Array(json.utf8)) == expected)
    }

    @Test("rejects documents that are not strict JSON", arguments: [
        #"{"a":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"[{"k":1,"k":2}]"#,
        "", " ", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity", "-Infinity", "1e400",
        "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "'a'", "tru", "nul", "[1]x", "1 2",
        "\"\\x\"", "\"\\u12\"", "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"a\tb\"", "\"abc",
        "\u{0C}1", String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
    ])
    func invalid(_ json: String) {
        #expect(throws: JOSEError.malformed) { try JSONParser.parse(Array(json.utf8)) }
    }

    @Test("rejects invalid UTF-8 inside strings", arguments: [[0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22]] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JOSEError.malformed) { try JSONParser.parse(bytes) }
    }

    @Test("accepts nesting up to the depth limit")
    func depthLimit() throws {
        let json = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(Array(json.utf8)) }
    }
}

@Suite struct JSONWriterTests {
    @Test("writes sorted keys, unescaped slashes, escaped quotes and control characters")
    func format() throws {
        let value = JSONValue.object([
            "b": .string("https://x/\"q\"\\\n\u{1}é"), "a": .integer(-42), "c": .number(1.5), "d": .number(100),
            "e": .array([.null, .bool(true)]),
        ])
        let text = String(decoding: try JSONWriter.encode(value), as: UTF8.self)
        #expect(text == #"{"a":-42,"b":"https://x/\"q\"\\\n\u0001é","c":1.5,"d":100,"e":[null,true]}"#)
    }

    @Test("round-trips through the parser", arguments: [
        JSONValue.object(["n": .number(0.1), "t": .number(5e-324), "big": .number(1e300), "i": .integer(.min),
                          "s": .string("\u{0}\u{1F}\u{7F}😀"), "o": .object(["x": .array([.integer(.max)])])]),
    ])
    func roundTrip(_ value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.encode(value)) == value)
    }

    @Test("refuses non-finite numbers")
    func nonFinite() {
        #expect(throws: JOSEError.malformed) { try JSONWriter.encode(.number(.infinity)) }
        #expect(throws: JOSEError.malformed) { try JSONWriter.encode(.number(.nan)) }
    }
}
