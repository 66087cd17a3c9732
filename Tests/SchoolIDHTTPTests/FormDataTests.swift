import SchoolIDHTTP
import Testing

@Suite struct FormDataTests {
    struct Valid: Sendable, CustomStringConvertible {
        let input: String
        let pairs: [String]
        var description: String { input }
    }

    @Test("parses form-urlencoded pairs: + is space, escapes decoded, order kept", arguments: [
        Valid(input: "a=1&b=2", pairs: ["a=1", "b=2"]),
        Valid(input: "q=a+b%2Bc", pairs: ["q=a b+c"]),
        Valid(input: "name=%D0%90%D0%BD%D0%BD%D0%B0", pairs: ["name=Анна"]),
        Valid(input: "flag&x=&=y", pairs: ["flag=", "x=", "=y"]),
        Valid(input: "a=1&&a=2&", pairs: ["a=1", "a=2"]),
        Valid(input: "eq=a=b", pairs: ["eq=a=b"]),
        Valid(input: "", pairs: []),
    ])
    func valid(_ test: Valid) throws {
        #expect(try FormData.parse(Array(test.input.utf8)).map { "\($0.0)=\($0.1)" } == test.pairs)
    }

    @Test("rejects bad escapes, raw controls, raw non-ASCII and invalid UTF-8", arguments: [
        ("a=%", PercentDecodingError.invalidPercentEscape),
        ("a=%4", .invalidPercentEscape),
        ("a=%G1", .invalidPercentEscape),
        ("%zz=1", .invalidPercentEscape),
        ("a=\t", .invalidCharacter),
        ("a=ä", .invalidCharacter),
        ("a=%FF", .invalidUTF8),
        ("a=%C3", .invalidUTF8),
    ])
    func invalid(_ input: String, _ error: PercentDecodingError) {
        #expect(throws: error) { try FormData.parse(Array(input.utf8)) }
    }

    @Test("query items decode a request's query")
    func queryItems() throws {
        let request = Request(method: .GET, target: "/search?q=a%20b&page=2&q=c")
        let items = try request.queryItems()
        #expect(items["q"] == "a b")
        #expect(items.values(for: "q") == ["a b", "c"])
        #expect(items["missing"] == nil)
        #expect(try Request(method: .GET, target: "/").queryItems().pairs.isEmpty)
        #expect(throws: PercentDecodingError.invalidPercentEscape) {
            try Request(method: .GET, target: "/?a=%").queryItems()
        }
    }

    @Test("percent-decoding leaves + alone outside forms")
    func plusInPaths() throws {
        #expect(try PercentDecoding.decode("a+b%20c") == "a+b c")
    }
}
