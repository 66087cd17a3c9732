import SchoolIDHTTP
import Testing

extension MultipartFormDataTests {
    struct Invalid: Sendable, CustomStringConvertible {
        let label: String
        let body: String
        let detail: String
        var description: String { label }
    }

    static let disposition = "Content-Disposition: form-data; name=\"a\""

    @Test("rejects malformed framing and part headers as invalid_multipart", arguments: [
        Invalid(label: "no delimiter", body: "hello", detail: "no boundary delimiter"),
        Invalid(label: "no close delimiter", body: "--b\r\n\(disposition)\r\n\r\nx\r\n",
                detail: "missing close delimiter"),
        Invalid(label: "ends after a delimiter", body: "--b\r\n\(disposition)\r\n\r\nx\r\n--b",
                detail: "missing close delimiter"),
        Invalid(label: "ends inside a delimiter line", body: "--b\r\n\(disposition)\r\n\r\nx\r\n--b \r",
                detail: "missing close delimiter"),
        Invalid(label: "only a first delimiter", body: "--b\r\n", detail: "part headers not terminated"),
        Invalid(label: "delimiter followed by text", body: "--b\r\n\(disposition)\r\n\r\nx\r\n--bX\r\n--b--",
                detail: "delimiter line not terminated by CRLF"),
        Invalid(label: "first delimiter followed by text", body: "--b x\r\n\(disposition)\r\n\r\nx\r\n--b--",
                detail: "delimiter line not terminated by CRLF"),
        Invalid(label: "single hyphen after delimiter", body: "--b\r\n\(disposition)\r\n\r\nx\r\n--b-\r\n",
                detail: "delimiter line not terminated by CRLF"),
        Invalid(label: "delimiter ended by bare LF", body: "--b\n\(disposition)\r\n\r\nx\r\n--b--",
                detail: "delimiter line not terminated by CRLF"),
        Invalid(label: "no Content-Disposition", body: "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--",
                detail: "missing Content-Disposition"),
        Invalid(label: "no headers at all", body: "--b\r\n\r\nx\r\n--b--", detail: "missing Content-Disposition"),
        Invalid(label: "not form-data", body: "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--",
                detail: "Content-Disposition is not form-data"),
        Invalid(label: "no name", body: "--b\r\nContent-Disposition: form-data; filename=\"a.csv\"\r\n\r\nx\r\n--b--",
                detail: "Content-Disposition has no name"),
        Invalid(label: "empty disposition", body: "--b\r\nContent-Disposition: \r\n\r\nx\r\n--b--",
                detail: "invalid Content-Disposition"),
        Invalid(label: "unterminated quoted name", body: "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--",
                detail: "invalid Content-Disposition"),
        Invalid(label: "repeated name parameter",
                body: "--b\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--b--",
                detail: "invalid Content-Disposition"),
        Invalid(label: "repeated Content-Disposition", body: "--b\r\n\(disposition)\r\n\(disposition)\r\n\r\nx\r\n--b--",
                detail: "repeated Content-Disposition"),
        Invalid(label: "repeated Content-Type",
                body: "--b\r\n\(disposition)\r\nContent-Type: a/b\r\ncontent-type: c/d\r\n\r\nx\r\n--b--",
                detail: "repeated Content-Type"),
        Invalid(label: "bare LF in part headers", body: "--b\r\n\(disposition)\n\r\nx\r\n--b--",
                detail: "bare LF in part headers"),
        Invalid(label: "bare LF ends the header section", body: "--b\r\n\(disposition)\r\n\nx\r\n--b--",
                detail: "bare LF in part headers"),
        Invalid(label: "bare CR in part headers", body: "--b\r\n\(disposition)\rX-A: 1\r\n\r\nx\r\n--b--",
                detail: "bare CR in part headers"),
        Invalid(label: "headers cut off", body: "--b\r\n\(disposition)\r\n", detail: "part headers not terminated"),
        Invalid(label: "header without colon", body: "--b\r\n\(disposition)\r\nno colon\r\n\r\nx\r\n--b--",
                detail: "malformed part header"),
        Invalid(label: "empty header name", body: "--b\r\n: v\r\n\(disposition)\r\n\r\nx\r\n--b--",
                detail: "malformed part header"),
        Invalid(label: "obs-fold", body: "--b\r\n\(disposition)\r\n continued\r\n\r\nx\r\n--b--",
                detail: "malformed part header"),
        Invalid(label: "space before colon", body: "--b\r\n\(disposition)\r\nX-A : 1\r\n\r\nx\r\n--b--",
                detail: "malformed part header"),
        Invalid(label: "NUL in a header value", body: "--b\r\n\(disposition)\r\nX-A: a\u{0}b\r\n\r\nx\r\n--b--",
                detail: "malformed part header"),
    ])
    func invalid(_ test: Invalid) {
        let error = #expect(throws: MultipartError.self) { try Self.parse(test.body) }
        #expect(error?.code == "invalid_multipart")
        #expect(error?.detail == test.detail)
    }

    @Test("rejects a header value that is not UTF-8")
    func headerNotUTF8() {
        let body = Self.body(Self.ascii("--b\r\nContent-Disposition: form-data; name=\""), [0xCF, 0xF0],
                             Self.ascii("\"\r\n\r\nx\r\n--b--"))
        let error = #expect(throws: MultipartError.self) { try MultipartFormData(body: body, boundary: "b") }
        #expect(error?.detail == "malformed part header")
    }

    @Test("rejects a part header section over the limit")
    func headerTooLong() throws {
        var limits = MultipartFormData.Limits()
        limits.maximumPartHeaderBytes = 64
        let padding = String(repeating: "x", count: 64)
        for body in ["--b\r\nX-Pad: \(padding)\r\n\(Self.disposition)\r\n\r\nx\r\n--b--",
                     "--b\r\n\(Self.disposition)\r\nX-Pad: \(padding)"] {
            let error = #expect(throws: MultipartError.self) { try Self.parse(body, limits: limits) }
            #expect(error?.code == "invalid_multipart")
            #expect(error?.detail == "part header section too long")
        }
        // Exactly at the limit, blank line included, is accepted; one byte more is not.
        func section(_ pad: Int) -> String { "\(Self.disposition)\r\nX-P: \(String(repeating: "y", count: pad))\r\n\r\n" }
        let exact = section(64 - section(0).utf8.count)
        #expect(exact.utf8.count == 64)
        #expect(try Self.parse("--b\r\n\(exact)x\r\n--b--", limits: limits).text("a") == "x")
        let over = section(65 - section(0).utf8.count)
        let error = #expect(throws: MultipartError.self) { try Self.parse("--b\r\n\(over)x\r\n--b--", limits: limits) }
        #expect(error?.detail == "part header section too long")
    }

    @Test("rejects more parts than the limit as too_many_parts")
    func tooManyParts() throws {
        var limits = MultipartFormData.Limits()
        limits.maximumParts = 2
        let two = "--b\r\n" + Self.field("a", "1") + "\r\n--b\r\n" + Self.field("b", "2")
        #expect(try Self.parse(two + "\r\n--b--", limits: limits).parts.count == 2)
        let error = #expect(throws: MultipartError.self) {
            try Self.parse(two + "\r\n--b\r\n" + Self.field("c", "3") + "\r\n--b--", limits: limits)
        }
        #expect(error?.code == "too_many_parts")
        #expect(error?.detail == "more than 2 parts")
        #expect(MultipartFormData.Limits().maximumParts == 32)
        #expect(MultipartFormData.Limits().maximumPartHeaderBytes == 8192)
    }

    @Test("rejects boundaries outside RFC 2046 §5.1.1", arguments: [
        "", String(repeating: "a", count: 71), "ends in space ", "a\"b", "a;b", "a\tb", "a\\b", "класс", "a@b",
    ])
    func invalidBoundary(_ boundary: String) {
        let error = #expect(throws: MultipartError.self) {
            try MultipartFormData(body: Self.ascii("--\(boundary)--"), boundary: boundary)
        }
        #expect(error?.code == "invalid_multipart")
        #expect(error?.detail == "invalid boundary")
    }

    @Test("accepts every boundary character and the 70-character maximum")
    func validBoundary() throws {
        for boundary in ["'()+_,-./:=? x09AZaz", String(repeating: "z", count: 70), "1"] {
            let body = "--\(boundary)\r\n" + Self.field("a", "1") + "\r\n--\(boundary)--"
            #expect(try Self.parse(body, boundary: boundary).text("a") == "1")
        }
    }
}
