import Foundation

/// CSV files SchoolID hands out (issued logins for a class), written for Excel.
///
/// RFC 4180 §2 framing with CRLF after every record; UTF-8 with a byte order mark,
/// which is how Excel recognises UTF-8 and shows Cyrillic correctly; `;` between
/// cells by default, because Russian-locale Excel splits on `;` (its list separator).
///
/// CSV injection (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`,
/// TAB or CR could run as a formula when opened, so it is prefixed with `'`, which
/// spreadsheets show as text. A cell holding the delimiter, `"`, CR or LF is quoted,
/// with `"` doubled inside.
enum CSVDocument {
    /// The first characters that make a spreadsheet treat a cell as a formula.
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// RFC 4180 CSV, CRLF line ends, UTF-8 with BOM (so Excel shows Cyrillic), `;`
    /// delimiter by default (Russian Excel). Every cell that begins with `= + - @` TAB
    /// or CR is prefixed with a single quote `'` (OWASP CSV injection); cells with the
    /// delimiter, quotes, CR or LF are quoted.
    static func render(header: [String], rows: [[String]], delimiter: Character = ";") -> [UInt8] {
        precondition(delimiter != "\"" && delimiter != "\r" && delimiter != "\n" && delimiter != "\r\n",
                     "a CSV delimiter cannot be a quote or a line break")
        var text = ""
        for record in [header] + rows {
            text += record.map { cell($0, delimiter: delimiter) }.joined(separator: String(delimiter))
            text += "\r\n"
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// One cell: defused, then quoted when needed.
    static func cell(_ value: String, delimiter: Character) -> String {
        // Compare scalars: "\r\n" is one Character, and a leading CR must still count.
        let first = value.unicodeScalars.first.map(Character.init)
        let defused = first.map(formulaTriggers.contains) == true ? "'" + value : value
        let needsQuotes = defused.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\r" || scalar == "\n" || String(scalar) == String(delimiter)
        }
        guard needsQuotes else { return defused }
        return "\"" + defused.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
