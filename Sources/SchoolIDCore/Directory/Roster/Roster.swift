import Foundation

/// Reads the list of students a teacher uploads to issue their logins: a CSV file
/// saved from a spreadsheet, or JSON from the API.
///
/// Both readers are all-or-nothing: the first bad row fails the whole roster with a
/// `DomainError` whose detail names the row (`row 7: …` for CSV lines, `students[3]: …`
/// for JSON), so a class never gets half its logins. The detail never repeats a name
/// from the file; it names the row and the rule.
///
/// Codes thrown: `roster_invalid_encoding`, `roster_missing_column`,
/// `roster_unknown_column`, `roster_invalid_row`, `roster_empty`, `roster_too_large`,
/// and `invalid_json` (JSON only).
public enum Roster {
    /// The most students one roster may hold (one batch of logins).
    public static let maximumEntries = 2000
    /// The largest roster file accepted, in bytes (1 MiB).
    public static let maximumBytes = 1 << 20

    /// The UTF-8 byte order mark Excel writes in front of "CSV UTF-8" files.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decodes a roster file's bytes: UTF-8 with or without a byte order mark, else
    /// Windows-1251 (what Russian Excel writes for "CSV (разделители — точки с запятой)").
    ///
    /// Any byte sequence that is not valid UTF-8 is taken as Windows-1251; UTF-16 (a
    /// `FF FE` or `FE FF` mark) and NUL bytes are refused, since text CSV never has them.
    /// - Throws: `DomainError(.rosterTooLarge)` or `DomainError(.rosterInvalidEncoding)`.
    static func decodeText(_ bytes: [UInt8]) throws(DomainError) -> String {
        guard bytes.count <= maximumBytes else {
            throw DomainError(.rosterTooLarge, detail: "more than \(maximumBytes) bytes")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DomainError(.rosterInvalidEncoding, detail: "UTF-16 is not supported; save the file as UTF-8 or Windows-1251")
        }
        guard !bytes.contains(0) else { throw DomainError(.rosterInvalidEncoding, detail: "the file contains NUL bytes") }
        if bytes.starts(with: utf8BOM) {
            guard let text = String(validating: bytes.dropFirst(utf8BOM.count), as: UTF8.self) else {
                throw DomainError(.rosterInvalidEncoding, detail: "marked as UTF-8 but not valid UTF-8")
            }
            return text
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        guard let text = String(data: Data(bytes), encoding: .windowsCP1251) else {
            throw DomainError(.rosterInvalidEncoding, detail: "neither UTF-8 nor Windows-1251")
        }
        return text
    }

    /// Builds an entry, turning a name or date error into `roster_invalid_row` for `row`.
    static func entry(
        row: String, lastName: String, firstName: String, patronymic: String?, birthDate: () throws(DomainError) -> CalendarDate?
    ) throws(DomainError) -> AccountProfile {
        do {
            return try AccountProfile(lastName: lastName, firstName: firstName, patronymic: patronymic, birthDate: birthDate())
        } catch {
            throw DomainError(.rosterInvalidRow, detail: "\(row): \(error.detail ?? error.code.rawValue)")
        }
    }
}
