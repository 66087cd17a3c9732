import Foundation

/// A person's names and, optionally, birth date: one student of an uploaded roster, or
/// a staff member. Stored sealed (``AccountProfile/sealed(for:under:)``).
///
/// Names are normalised so that the same name typed twice compares equal: surrounding
/// whitespace trimmed, Unicode NFC (a "й" typed as и + combining breve becomes one
/// character), and every internal run of whitespace (spaces, tabs, line breaks,
/// no-break spaces) collapsed to one space. A name is 1–100 characters and may hold
/// any printable text, including `<` and `&`: escaping is the renderer's job, never
/// the store's. Control, format (bidi overrides, zero-width), private-use and
/// unassigned code points are refused because no name needs them and they can
/// disguise what a page shows.
public struct AccountProfile: Hashable, Sendable, Codable {
    /// The family name (фамилия), required.
    public var lastName: String
    /// The given name (имя), required.
    public var firstName: String
    /// The patronymic (отчество); `nil` when the person has none.
    public var patronymic: String?
    /// The birth date, when the roster gives one.
    public var birthDate: CalendarDate?

    /// The most characters one name part may have.
    public static let maximumNameLength = 100

    /// Normalises and validates an entry.
    /// - Parameters:
    ///   - lastName: required.
    ///   - firstName: required.
    ///   - patronymic: optional; empty or blank becomes `nil`.
    ///   - birthDate: optional.
    /// - Throws: `DomainError(.nameInvalid)` whose detail names the part
    ///   (`last name`, `first name`, `patronymic`) and the rule; never the name itself.
    public init(lastName: String, firstName: String, patronymic: String?, birthDate: CalendarDate?) throws(DomainError) {
        self.lastName = try Self.normalizedName(lastName, part: "last name")
        self.firstName = try Self.normalizedName(firstName, part: "first name")
        let patronymic = patronymic.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        self.patronymic = patronymic.isEmpty ? nil : try Self.normalizedName(patronymic, part: "patronymic")
        self.birthDate = birthDate
    }

    /// Decodes through the validating initializer, so a stored or posted entry is never
    /// less checked than an uploaded one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            lastName: container.decode(String.self, forKey: .lastName),
            firstName: container.decode(String.self, forKey: .firstName),
            patronymic: container.decodeIfPresent(String.self, forKey: .patronymic),
            birthDate: container.decodeIfPresent(CalendarDate.self, forKey: .birthDate)
        )
    }

    enum CodingKeys: String, CodingKey {
        case lastName = "last_name"
        case firstName = "first_name"
        case patronymic
        case birthDate = "birth_date"
    }

    /// Trims, NFC-normalises and collapses whitespace, then checks length and characters.
    /// - Parameter part: the name part for the error detail.
    /// - Throws: `DomainError(.nameInvalid)`.
    static func normalizedName(_ input: String, part: String) throws(DomainError) -> String {
        // Bound the work before normalising (a roster is at most 1 MiB in all).
        guard input.utf8.count <= maximumNameLength * 16 else {
            throw DomainError(.nameInvalid, detail: "\(part): longer than \(maximumNameLength) characters")
        }
        let words = input.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace)
        let name = words.joined(separator: " ")
        guard !name.isEmpty else { throw DomainError(.nameInvalid, detail: "\(part): empty") }
        guard name.count <= maximumNameLength else {
            throw DomainError(.nameInvalid, detail: "\(part): longer than \(maximumNameLength) characters")
        }
        guard name.unicodeScalars.allSatisfy(isPrintable) else {
            throw DomainError(.nameInvalid, detail: "\(part): contains a control or invisible character")
        }
        return name
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: false
        default: true
        }
    }
}
