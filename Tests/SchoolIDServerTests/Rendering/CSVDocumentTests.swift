@testable import SchoolIDServer
import Testing

@Suite struct CSVDocumentTests {
    private func body(_ bytes: [UInt8]) -> String {
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        return String(decoding: bytes.dropFirst(3), as: UTF8.self)
    }

    @Test("writes a UTF-8 BOM, ; between cells and CRLF after every record, byte for byte") func exactBytes() {
        let bytes = CSVDocument.render(header: ["Логин", "Пароль"], rows: [["7b01", "x"], ["7b02", ""]])
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("Логин;Пароль\r\n7b01;x\r\n7b02;\r\n".utf8))
        #expect(CSVDocument.render(header: ["a", "b"], rows: [], delimiter: ",") == [0xEF, 0xBB, 0xBF, 0x61, 0x2C, 0x62, 0x0D, 0x0A])
    }

    @Test("prefixes cells that a spreadsheet would run as a formula with '", arguments: [
        ("=1+1", "'=1+1"), ("+7", "'+7"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""), ("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\""),
        ("a=1", "a=1"), ("7-2", "7-2"), (" =1", " =1"), ("Иванова", "Иванова"), ("", ""),
    ])
    func injection(_ cell: String, _ expected: String) {
        #expect(body(CSVDocument.render(header: ["h"], rows: [[cell]])) == "h\r\n\(expected)\r\n")
    }

    @Test("quotes cells holding the delimiter, quotes or line breaks, doubling quotes", arguments: [
        ("a;b", ";", "\"a;b\""), ("a,b", ";", "a,b"), ("a,b", ",", "\"a,b\""), ("say \"hi\"", ";", "\"say \"\"hi\"\"\""),
        ("two\nlines", ";", "\"two\nlines\""), ("two\r\nlines", ";", "\"two\r\nlines\""),
    ] as [(String, Character, String)])
    func quoting(_ cell: String, _ delimiter: Character, _ expected: String) {
        #expect(body(CSVDocument.render(header: ["h"], rows: [[cell]], delimiter: delimiter)) == "h\r\n\(expected)\r\n")
    }
}
