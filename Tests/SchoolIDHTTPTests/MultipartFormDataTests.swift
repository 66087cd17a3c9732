import SchoolIDBase
import SchoolIDHTTP
import SchoolIDTesting
import Testing

@Suite struct MultipartFormDataTests {
    /// Joins text and raw bytes into one body.
    static func body(_ pieces: [UInt8]...) -> [UInt8] { pieces.flatMap { $0 } }
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A part with a `Content-Disposition` naming `name`, as browsers write it.
    static func field(_ name: String, _ value: String) -> String {
        "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)"
    }

    /// Parses a body given as text with boundary `b`.
    static func parse(_ text: String, boundary: String = "b",
                      limits: MultipartFormData.Limits = .init()) throws(MultipartError) -> MultipartFormData {
        try MultipartFormData(body: Array(text.utf8), boundary: boundary, limits: limits)
    }

    /// "Фамилия;Имя\r\nИванов;Иван\r\n" in Windows-1251: not UTF-8, with CRLF inside.
    static let windows1251CSV: [UInt8] = [
        0xD4, 0xE0, 0xEC, 0xE8, 0xEB, 0xE8, 0xFF, 0x3B, 0xC8, 0xEC, 0xFF, 0x0D, 0x0A,
        0xC8, 0xE2, 0xE0, 0xED, 0xEE, 0xE2, 0x3B, 0xC8, 0xE2, 0xE0, 0xED, 0x0D, 0x0A,
    ]

    @Test("parses a Chromium upload: a text field and a Windows-1251 CSV kept byte for byte")
    func chromium() throws {
        let boundary = "----WebKitFormBoundaryq3kPl7B2xR1sYm9e"
        let body = Self.body(
            Self.ascii("------WebKitFormBoundaryq3kPl7B2xR1sYm9e\r\n"
                       + "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
                       + "k3J9-x_Q\r\n"
                       + "------WebKitFormBoundaryq3kPl7B2xR1sYm9e\r\n"
                       + "Content-Disposition: form-data; name=\"roster\"; filename=\"класс.csv\"\r\n"
                       + "Content-Type: text/csv\r\n\r\n"),
            Self.windows1251CSV,
            Self.ascii("\r\n------WebKitFormBoundaryq3kPl7B2xR1sYm9e--\r\n"))
        let request = Request(method: .POST, target: "/classes/7b/roster", headers: HTTPHeaders([
            ("Content-Type", "multipart/form-data; boundary=\(boundary)"),
        ]), body: body)
        let type = try #require(try request.mediaType())
        #expect(type.matches("multipart/form-data"))
        let form = try MultipartFormData(body: request.body, boundary: try #require(type.parameters["boundary"]))

        #expect(form.parts.map(\.name) == ["csrf_token", "roster"])
        #expect(form.text("csrf_token") == "k3J9-x_Q")
        #expect(form["csrf_token"]?.filename == nil)
        #expect(form["csrf_token"]?.contentType == nil)
        let roster = try #require(form["roster"])
        #expect(roster.filename == "класс.csv")
        #expect(roster.contentType == "text/csv")
        #expect(roster.body == Self.windows1251CSV)
        #expect(form.text("roster") == nil)
        #expect(form["missing"] == nil)
        #expect(form.text("missing") == nil)
    }

    @Test("ignores the preamble and the epilogue (RFC 2046 §5.1.1)")
    func preambleAndEpilogue() throws {
        let form = try Self.parse("This is the preamble, with --b inside.\r\n--b\r\n" + Self.field("a", "1")
                                  + "\r\n--b--\r\nThis is the epilogue.\r\n--b\r\n" + Self.field("x", "ignored"))
        #expect(form.parts.map(\.name) == ["a"])
        #expect(form.text("a") == "1")
    }

    @Test("takes a quoted boundary with a space and transport padding (RFC 2046 §5.1.1 example)")
    func quotedBoundary() throws {
        let type = try MediaType(parsing: "multipart/form-data; boundary=\"simple boundary\"")
        let boundary = try #require(type.parameters["boundary"])
        let form = try Self.parse("--simple boundary \t\r\n" + Self.field("a", "one") + "\r\n--simple boundary\r\n"
                                  + Self.field("b", "two") + "\r\n--simple boundary--", boundary: boundary)
        #expect(form.parts.map(\.name) == ["a", "b"])
        #expect(form.text("b") == "two")
    }

    @Test("keeps only the last path component of a filename; filename* is ignored", arguments: [
        (#"filename="C:\\Users\\teacher\\класс.csv""#, "класс.csv" as String?),
        (#"filename="dir/sub/7Б.csv""#, "7Б.csv"),
        (#"filename="../../etc/passwd""#, "passwd"),
        (#"filename="C:\\dir\\""#, ""),
        (#"filename="""#, ""),
        ("filename=roster.csv", "roster.csv"),
        (#"filename="a\"b.csv""#, #"a"b.csv"#),
        (#"filename*=UTF-8''%D0%BA.csv; filename="k.csv""#, "k.csv"),
        ("filename*=UTF-8''%D0%BA.csv", nil),
    ])
    func filename(_ parameter: String, _ expected: String?) throws {
        let form = try Self.parse("--b\r\nContent-Disposition: form-data; name=\"f\"; \(parameter)\r\n\r\nx\r\n--b--")
        #expect(form["f"]?.filename == expected)
        #expect(form.text("f") == "x")
    }

    @Test("a binary body may hold --, CRLF and partial delimiters")
    func binaryBody() throws {
        let content = Self.body(
            Self.ascii("\r\n--boundary4\r\n--boundar\r\r\n--bound\r\n\r\n-\r\n--"), [0x00, 0xFF, 0xFE],
            Self.ascii("--boundary42"), Self.ascii(" \r\n--Boundary42\r\n"))
        let body = Self.body(Self.ascii("--boundary42\r\nContent-Disposition: form-data; name=\"bin\"\r\n\r\n"),
                             content, Self.ascii("\r\n--boundary42--"))
        let form = try MultipartFormData(body: body, boundary: "boundary42")
        #expect(form["bin"]?.body == content)
    }

    @Test("round-trips random bodies built from delimiter bytes", arguments: [UInt64(1), 2, 3, 4])
    func randomBodies(seed: UInt64) throws {
        let random = SeededRandomSource(seed: seed)
        let alphabet = Self.ascii("\r\n-ab")
        let delimiter = Self.ascii("\r\n--abab")
        var expected: [[UInt8]] = []
        var body = Self.ascii("pre\r\n-\r\n--aba")
        for index in 0..<20 {
            var content = (0..<Int(random.uniform(below: 40))).map { _ in alphabet[Int(random.uniform(below: 5))] }
            while Self.contains(content + delimiter.prefix(2), delimiter) { content.removeLast() }
            expected.append(content)
            body += delimiter + Self.ascii("\r\n" + "Content-Disposition: form-data; name=\"p\(index)\"\r\n\r\n")
            body += content
        }
        body += delimiter + Self.ascii("--")
        let form = try MultipartFormData(body: body, boundary: "abab")
        #expect(form.parts.map(\.body) == expected)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.count >= needle.count
            && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test("parts with no body, and a form with no parts")
    func emptyParts() throws {
        let form = try Self.parse("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--b\r\n"
                                  + Self.field("b", "") + "\r\n--b--")
        #expect(form.parts.map(\.name) == ["a", "b"])
        #expect(form.parts.map(\.body) == [[], []])
        #expect(try Self.parse("--b--\r\n").parts.isEmpty)
    }

    @Test("header names are case-insensitive, other headers ignored, the first of a repeated name wins")
    func headers() throws {
        let form = try Self.parse("--b\r\nX-Note: ignored\r\nCONTENT-DISPOSITION: FORM-DATA ;NAME=a\r\n"
                                  + "content-type:  text/plain; charset=utf-8 \r\n"
                                  + "Content-Transfer-Encoding: base64\r\n\r\nx\r\n--b\r\n"
                                  + Self.field("a", "second") + "\r\n--b--")
        #expect(form["a"]?.contentType == "text/plain; charset=utf-8")
        #expect(form.text("a") == "x")
        #expect(form.parts.count == 2)
    }

    @Test("parses a 1 MiB file part made of near-miss delimiters")
    func largePart() throws {
        let boundary = "----WebKitFormBoundaryq3kPl7B2xR1sYm9e"
        // Every 42 bytes a delimiter that fails on its last byte: the worst case for a
        // search that restarts after each partial match.
        let nearMiss = Self.ascii("\r\n--" + boundary.dropLast())
        let content = Array((0...(1 << 20) / nearMiss.count).flatMap { _ in nearMiss }.prefix(1 << 20))
        let body = Self.body(Self.ascii("--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n"),
                             content, Self.ascii("\r\n--\(boundary)--\r\n"))
        let form = try MultipartFormData(body: body, boundary: boundary)
        #expect(form["f"]?.body == content)
    }
}
