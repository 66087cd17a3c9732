import SchoolIDHTTP
import Testing

@Suite struct MediaTypeTests {
    struct Valid: Sendable, CustomStringConvertible {
        let input: String
        let essence: String
        let parameters: [String: String]
        var description: String { input }
    }

    @Test("parses Content-Type values (RFC 9110 §8.3.1, §5.6.6)", arguments: [
        Valid(input: "text/html", essence: "text/html", parameters: [:]),
        Valid(input: "Text/HTML; Charset=UTF-8", essence: "text/html", parameters: ["charset": "UTF-8"]),
        Valid(input: "multipart/form-data; boundary=----WebKitFormBoundaryq3kPl7B2xR1sYm9e",
              essence: "multipart/form-data", parameters: ["boundary": "----WebKitFormBoundaryq3kPl7B2xR1sYm9e"]),
        Valid(input: "multipart/mixed; boundary=\"simple boundary\"", essence: "multipart/mixed",
              parameters: ["boundary": "simple boundary"]),
        Valid(input: "text/plain ; charset=utf-8 ;\tformat=flowed", essence: "text/plain",
              parameters: ["charset": "utf-8", "format": "flowed"]),
        Valid(input: "  application/json  ", essence: "application/json", parameters: [:]),
        Valid(input: #"text/plain; title="a \"quoted\" \\ word""#, essence: "text/plain",
              parameters: ["title": #"a "quoted" \ word"#]),
        Valid(input: "text/plain;;charset=x;", essence: "text/plain", parameters: ["charset": "x"]),
        Valid(input: #"text/plain; a="""#, essence: "text/plain", parameters: ["a": ""]),
        Valid(input: #"text/plain; title="Классный журнал""#, essence: "text/plain",
              parameters: ["title": "Классный журнал"]),
        Valid(input: "application/vnd.api+json; ext=a.b_c!#$%&'*+-.^_`|~", essence: "application/vnd.api+json",
              parameters: ["ext": "a.b_c!#$%&'*+-.^_`|~"]),
    ])
    func valid(_ test: Valid) throws {
        let type = try MediaType(parsing: test.input)
        #expect(type.essence == test.essence)
        #expect(type.parameters == test.parameters)
        #expect(type.matches(test.essence.uppercased()))
    }

    @Test("rejects malformed values, bad tokens and repeated parameters", arguments: [
        "", "   ", "text", "text/", "/html", "text/html/x", "text /html", "text/ html", "text/html x",
        "te(x)t/html", "tëxt/html", "text/h@ml",
        "text/html; charset", "text/html; charset=", "text/html; charset = utf-8", "text/html; charset =utf-8",
        "text/html; =utf-8", "text/html; charset=a b", "text/html; charset=\"utf-8", "text/html; a=\"x\\",
        "text/html; a=\"\u{1}\"", "text/html; a=\"\u{7F}\"", "text/html; a=é",
        "text/html; charset=utf-8; Charset=koi8-r", "text/html; a=1; a=1",
        "text/html, text/plain",
    ])
    func invalid(_ input: String) {
        #expect(throws: MediaTypeError.invalidMediaType) { try MediaType(parsing: input) }
    }

    @Test("type and subtype are lower-cased; parameter values keep their case")
    func caseHandling() throws {
        let type = try MediaType(parsing: "MULTIPART/Form-Data; BOUNDARY=AbC")
        #expect(type.type == "multipart")
        #expect(type.subtype == "form-data")
        #expect(type.parameters == ["boundary": "AbC"])
        #expect(type.matches("multipart/form-data"))
        #expect(!type.matches("multipart/mixed"))
        #expect(type == (try MediaType(parsing: "multipart/form-data;boundary=AbC")))
    }

    @Test("a request's media type is nil when absent and refused when repeated or malformed")
    func request() throws {
        #expect(try Request(method: .POST, target: "/").mediaType() == nil)
        let json = Request(method: .POST, target: "/", headers: HTTPHeaders([("content-type", "application/json")]))
        #expect(try json.mediaType()?.matches("application/json") == true)
        let twice = Request(method: .POST, target: "/",
                            headers: HTTPHeaders([("Content-Type", "text/plain"), ("Content-Type", "text/html")]))
        #expect(throws: MediaTypeError.invalidMediaType) { try twice.mediaType() }
        let malformed = Request(method: .POST, target: "/", headers: HTTPHeaders([("Content-Type", "json")]))
        #expect(throws: MediaTypeError.invalidMediaType) { try malformed.mediaType() }
        #expect(MediaTypeError.invalidMediaType.code == "invalid_media_type")
    }
}
