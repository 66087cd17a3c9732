import SchoolIDJOSE

extension Roster {
    /// Parses a JSON roster (RFC 8259), strictly:
    ///
    /// ```json
    /// {"students": [{"last_name": "Иванова", "first_name": "Анна",
    ///                "patronymic": "Сергеевна", "birth_date": "2014-03-09"}]}
    /// ```
    ///
    /// `patronymic` and `birth_date` may be absent or `null`; `birth_date` is ISO 8601
    /// `YYYY-MM-DD` only. Unknown members are errors at every level, and so is a member
    /// given twice (the strict parser refuses it rather than keep one value).
    /// Entries are named by their 0-based index in error details: `students[3]: …`.
    /// - Throws: `DomainError` with `roster_too_large`, `invalid_json`,
    ///   `roster_invalid_row` or `roster_empty`.
    public static func parseJSON(_ bytes: [UInt8]) throws(DomainError) -> [AccountProfile] {
        guard bytes.count <= maximumBytes else {
            throw DomainError(.rosterTooLarge, detail: "more than \(maximumBytes) bytes")
        }
        let body = bytes.starts(with: utf8BOM) ? Array(bytes.dropFirst(utf8BOM.count)) : bytes
        let root: JSONValue
        do {
            root = try JSONValue(parsing: body)
        } catch {
            throw DomainError(.invalidJSON, detail: "the body is not valid JSON")
        }
        guard case .object(let members) = root else {
            throw DomainError(.invalidJSON, detail: "expected an object with a \"students\" array")
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "students" }) {
            throw DomainError(.invalidJSON, detail: "unknown member \"\(unknown.prefix(40))\"")
        }
        guard case .array(let students)? = members["students"] else {
            throw DomainError(.invalidJSON, detail: "\"students\" must be an array")
        }
        guard !students.isEmpty else { throw DomainError(.rosterEmpty, detail: "\"students\" is empty") }
        guard students.count <= maximumEntries else {
            throw DomainError(.rosterTooLarge, detail: "more than \(maximumEntries) students")
        }
        var entries: [AccountProfile] = []
        entries.reserveCapacity(students.count)
        for (index, student) in students.enumerated() {
            entries.append(try entry(student, row: "students[\(index)]"))
        }
        return entries
    }

    private static let studentMembers: Set<String> = ["last_name", "first_name", "patronymic", "birth_date"]

    private static func entry(_ value: JSONValue, row: String) throws(DomainError) -> AccountProfile {
        guard case .object(let members) = value else {
            throw DomainError(.rosterInvalidRow, detail: "\(row): expected an object")
        }
        if let unknown = members.keys.sorted().first(where: { !studentMembers.contains($0) }) {
            throw DomainError(.rosterInvalidRow, detail: "\(row): unknown member \"\(unknown.prefix(40))\"")
        }
        func string(_ key: String, required: Bool) throws(DomainError) -> String? {
            switch members[key] {
            case .string(let text)?: return text
            case nil where !required, .null? where !required: return nil
            case nil: throw DomainError(.rosterInvalidRow, detail: "\(row): \(key) is missing")
            default: throw DomainError(.rosterInvalidRow, detail: "\(row): \(key) must be a string")
            }
        }
        let lastName = try string("last_name", required: true) ?? ""
        let firstName = try string("first_name", required: true) ?? ""
        let patronymic = try string("patronymic", required: false)
        let birthDate = try string("birth_date", required: false)
        return try entry(row: row, lastName: lastName, firstName: firstName, patronymic: patronymic) {
            () throws(DomainError) -> CalendarDate? in
            guard let birthDate else { return nil }
            do throws(DomainError) {
                return try CalendarDate(iso: birthDate)
            } catch {
                throw DomainError(.dateInvalid, detail: "birth_date: \(error.detail ?? "invalid")")
            }
        }
    }
}
