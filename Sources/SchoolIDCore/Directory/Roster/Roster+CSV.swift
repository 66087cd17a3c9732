extension Roster {
    /// Parses a CSV roster (RFC 4180) as spreadsheets save it.
    ///
    /// - Encoding: UTF-8 with or without a byte order mark, else Windows-1251.
    /// - Delimiter: `,` or `;`, whichever the header row uses outside quotes.
    /// - Header row, required, columns in any order, case-insensitive, Russian or
    ///   English: `Фамилия`/`last name`/`last_name` and `Имя`/`first name`/`first_name`
    ///   (required), `Отчество`/`patronymic`/`middle name` and `Дата рождения`/
    ///   `birth date`/`birth_date`/`birthdate` (optional). A column without a header is
    ///   tolerated only while all its cells are empty (a stray trailing `;`).
    /// - Rows: blank rows (including `;;;`) are skipped; each other row has exactly as
    ///   many fields as the header. Dates are `2014-03-09` or `09.03.2014`.
    ///
    /// Row numbers in error details are 1-based line numbers in the file.
    /// - Throws: `DomainError` with `roster_too_large`, `roster_invalid_encoding`,
    ///   `roster_missing_column`, `roster_unknown_column`, `roster_invalid_row` or
    ///   `roster_empty`.
    public static func parseCSV(_ bytes: [UInt8]) throws(DomainError) -> [AccountProfile] {
        let text = try decodeText(bytes)
        guard let delimiter = try detectDelimiter(text) else { throw DomainError(.rosterEmpty, detail: "the file is empty") }
        let records = try CSVRecordReader.records(in: text, delimiter: delimiter).filter { !$0.isBlank }
        guard let header = records.first else { throw DomainError(.rosterEmpty, detail: "the file is empty") }
        let rows = records.dropFirst()
        let columns = try columnIndexes(header: header, rows: rows)
        guard !rows.isEmpty else { throw DomainError(.rosterEmpty, detail: "the file has a header but no students") }
        guard rows.count <= maximumEntries else {
            throw DomainError(.rosterTooLarge, detail: "more than \(maximumEntries) students")
        }
        var entries: [AccountProfile] = []
        entries.reserveCapacity(rows.count)
        for record in rows {
            let row = "row \(record.line)"
            guard record.fields.count == header.fields.count else {
                throw DomainError(.rosterInvalidRow,
                                  detail: "\(row): expected \(header.fields.count) fields, found \(record.fields.count)")
            }
            func cell(_ column: RosterColumn) -> String? { columns[column].map { record.fields[$0] } }
            entries.append(try entry(
                row: row, lastName: cell(.lastName) ?? "", firstName: cell(.firstName) ?? "",
                patronymic: cell(.patronymic),
                birthDate: { () throws(DomainError) -> CalendarDate? in
                    guard let text = cell(.birthDate), !text.allSatisfy(\.isWhitespace) else { return nil }
                    do throws(DomainError) {
                        return try CalendarDate(parsing: text)
                    } catch {
                        throw DomainError(.dateInvalid, detail: "birth date: \(error.detail ?? "invalid")")
                    }
                }
            ))
        }
        return entries
    }

    /// The delimiter the first non-blank line uses outside quotes; `nil` for a file
    /// with no non-blank line.
    /// - Throws: `roster_missing_column` when the header has neither `,` nor `;` (one
    ///   column cannot hold both names), `roster_invalid_row` when it has both.
    static func detectDelimiter(_ text: String) throws(DomainError) -> Unicode.Scalar? {
        var line = 1
        var quoted = false
        var commas = 0
        var semicolons = 0
        var sawText = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted {
                sawText = true
                continue
            }
            switch scalar {
            case ",": commas += 1
            case ";": semicolons += 1
            case "\r", "\n":
                if sawText || commas + semicolons > 0 { return try delimiter(commas: commas, semicolons: semicolons, line: line) }
                if scalar == "\n" { line += 1 }
                continue
            default: break
            }
            if !scalar.properties.isWhitespace { sawText = true }
        }
        guard sawText || commas + semicolons > 0 else { return nil }
        return try delimiter(commas: commas, semicolons: semicolons, line: line)
    }

    private static func delimiter(commas: Int, semicolons: Int, line: Int) throws(DomainError) -> Unicode.Scalar {
        switch (commas > 0, semicolons > 0) {
        case (true, false): return ","
        case (false, true): return ";"
        case (true, true):
            throw DomainError(.rosterInvalidRow, detail: "row \(line): the header uses both , and ; between columns")
        case (false, false):
            throw DomainError(.rosterMissingColumn, detail: "the header has one column; separate columns with , or ;")
        }
    }

    /// Maps each known column to its field index.
    private static func columnIndexes(
        header: CSVRecordReader.Record, rows: ArraySlice<CSVRecordReader.Record>
    ) throws(DomainError) -> [RosterColumn: Int] {
        var columns: [RosterColumn: Int] = [:]
        for (index, cell) in header.fields.enumerated() {
            if cell.allSatisfy(\.isWhitespace) {
                let used = rows.contains { index < $0.fields.count && !$0.fields[index].allSatisfy(\.isWhitespace) }
                guard !used else {
                    throw DomainError(.rosterUnknownColumn, detail: "column \(index + 1) has values but no header")
                }
                continue
            }
            guard let column = RosterColumn(header: cell) else {
                let name = cell.trimmingCharacters(in: .whitespaces)
                throw DomainError(.rosterUnknownColumn, detail: "unknown column \"\(name.prefix(40))\"")
            }
            guard columns[column] == nil else {
                throw DomainError(.rosterInvalidRow, detail: "row \(header.line): the \(column.label) column appears twice")
            }
            columns[column] = index
        }
        for column in RosterColumn.allCases where column.isRequired && columns[column] == nil {
            throw DomainError(.rosterMissingColumn, detail: "no \(column.label) column")
        }
        return columns
    }
}
