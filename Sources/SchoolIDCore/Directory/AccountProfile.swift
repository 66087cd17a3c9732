import Foundation
import SchoolIDBase

/// A person's names and birth date: personal data, sealed at rest as one
/// ``SealedField`` (`accounts.profile`) under the account's owner key, so deleting the
/// owner key crypto-shreds it.
public struct AccountProfile: Hashable, Sendable, Codable {
    /// Longest accepted name part, in characters.
    public static let maximumNameLength = 100

    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    /// ISO 8601 date (`YYYY-MM-DD`), or `nil`.
    public var birthDate: String?

    enum CodingKeys: String, CodingKey {
        case lastName = "last_name", firstName = "first_name", patronymic, birthDate = "birth_date"
    }

    /// Validates and normalises the parts (trimmed, NFC, inner whitespace collapsed).
    /// - Throws: `DomainError(.textInvalid)` naming the field.
    public init(lastName: String, firstName: String, patronymic: String? = nil, birthDate: String? = nil)
        throws(DomainError)
    {
        self.lastName = try Self.name(lastName, field: "last_name")
        self.firstName = try Self.name(firstName, field: "first_name")
        let middle = patronymic?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.patronymic = middle.isEmpty ? nil : try Self.name(middle, field: "patronymic")
        self.birthDate = birthDate
    }

    /// "Фамилия Имя Отчество".
    public var fullName: String { [lastName, firstName, patronymic].compactMap { $0 }.joined(separator: " ") }

    /// Seals the profile for `accountID` under the owner's key.
    /// - Throws: a sealing error.
    public func sealed(for accountID: Account.ID, under key: SealingKey) throws -> [UInt8] {
        try SealedField.seal(Array(JSONEncoder().encode(self)), under: key, for: Self.context(accountID)).serialized
    }

    /// Opens a sealed profile.
    /// - Throws: a sealing error, or a decoding error for a corrupt profile.
    public init(sealed bytes: [UInt8], for accountID: Account.ID, under key: SealingKey) throws {
        let plaintext = try SealedField(serialized: bytes).open(with: key, for: Self.context(accountID))
        self = try JSONDecoder().decode(AccountProfile.self, from: Data(plaintext))
    }

    static func context(_ accountID: Account.ID) -> SealedField.Context {
        SealedField.Context(table: "accounts", column: "profile", rowID: accountID.rawValue)
    }

    static func name(_ text: String, field: String) throws(DomainError) -> String {
        let collapsed = text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard (1...maximumNameLength).contains(collapsed.count),
              !collapsed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw DomainError(.textInvalid, detail: field) }
        return collapsed
    }
}
