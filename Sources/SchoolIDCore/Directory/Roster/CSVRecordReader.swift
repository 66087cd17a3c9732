/// Splits decoded text into RFC 4180 records (RFC 4180 §2), remembering the line each
/// record starts on so errors can say "row 7".
///
/// Accepted: fields quoted with `"` and `""` as an escaped quote inside them (a quoted
/// field may span lines); records ending in CRLF, LF or a lone CR (old spreadsheets);
/// a final record with or without a line end. Refused, because they mean the file is
/// not what it seems: a quote inside an unquoted field, text after a closing quote, and
/// a quoted field that never closes.
struct CSVRecordReader {
    /// One record: its 1-based starting line and its fields.
    struct Record: Equatable {
        var line: Int
        var fields: [String]
        /// Whether every field is empty or blank (an empty line, or `;;;` that spreadsheets
        /// leave after the data).
        var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    /// Reads every record of `text`, separated by `delimiter`.
    /// - Throws: `DomainError(.rosterInvalidRow)` with `row N: …`.
    static func records(in text: String, delimiter: Unicode.Scalar) throws(DomainError) -> [Record] {
        let scalars = Array(text.unicodeScalars)
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var index = 0
        var atFieldStart = true

        /// Consumes a line end at `index` (CRLF, LF or CR) and counts the line.
        func skipLineEnd() {
            if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            index += 1
            line += 1
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if atFieldStart && scalar == "\"" {
                // A quoted field: read to the closing quote; `""` is one quote.
                let startLine = line
                index += 1
                while true {
                    guard index < scalars.count else {
                        throw DomainError(.rosterInvalidRow, detail: "row \(startLine): a quoted field is never closed")
                    }
                    let inner = scalars[index]
                    if inner == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == "\r" || inner == "\n" {
                        let start = index
                        skipLineEnd()
                        field.append(contentsOf: scalars[start..<index])
                    } else {
                        field.append(inner)
                        index += 1
                    }
                }
                if index < scalars.count, ![delimiter, "\r", "\n"].contains(scalars[index]) {
                    throw DomainError(.rosterInvalidRow, detail: "row \(line): text after a closing quote")
                }
                atFieldStart = false
                continue
            }
            switch scalar {
            case delimiter:
                fields.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
                index += 1
            case "\r", "\n":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                skipLineEnd()
                recordLine = line
                atFieldStart = true
            case "\"":
                throw DomainError(.rosterInvalidRow, detail: "row \(line): a quote inside an unquoted field")
            default:
                field.append(scalar)
                atFieldStart = false
                index += 1
            }
        }
        // A last record without a line end (an empty final line adds nothing).
        if !fields.isEmpty || !atFieldStart {
            fields.append(String(field))
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
