import Foundation
import SchoolIDBase

/// What a registering guardian typed, sealed as one field of ``PendingRegistration``.
public struct RegistrationDetails: Hashable, Sendable, Codable {
    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    /// E.164.
    public var phone: String
    /// The email address, or `nil` (also when it already belonged to someone: not used).
    public var email: String?
    /// The login chosen at start, or `nil` (chosen at confirmation or generated).
    public var login: String?
    /// `ru` or `en`: the account's message language.
    public var locale: String

    enum CodingKeys: String, CodingKey {
        case lastName = "last_name", firstName = "first_name", patronymic, phone, email, login, locale
    }

    public init(profile: AccountProfile, phone: PhoneNumber, email: Email?, login: Login?, locale: MessageLanguage) {
        lastName = profile.lastName
        firstName = profile.firstName
        patronymic = profile.patronymic
        self.phone = phone.rawValue
        self.email = email?.rawValue
        self.login = login?.rawValue
        self.locale = locale.rawValue
    }

    /// The names as a profile (no birth date).
    /// - Throws: `DomainError(.nameInvalid)` for damaged names.
    public func profile() throws -> AccountProfile {
        try AccountProfile(lastName: lastName, firstName: firstName, patronymic: patronymic, birthDate: nil)
    }

    /// Seals the details for registration `id` under `key` (the current `data` key).
    /// - Throws: a sealing or encoding error.
    public func sealed(for id: PendingRegistration.ID, under key: SealingKey) throws -> [UInt8] {
        try SealedField.seal(Array(JSONEncoder().encode(self)), under: key, for: Self.context(id)).serialized
    }

    /// Opens sealed details with the keyring's `data` keys.
    /// - Throws: ``SealingError`` (unknown key version, damaged or moved field), or a
    ///   decoding error.
    public init(sealed bytes: [UInt8], for id: PendingRegistration.ID, keys: any DataKeyProvider) throws {
        let field = try SealedField(serialized: bytes)
        guard let dataKey = keys.dataKey(version: field.keyVersion) else {
            throw SealingError.unknownDataKeyVersion(field.keyVersion)
        }
        let plaintext = try field.open(with: SealingKey(key: dataKey, version: field.keyVersion), for: Self.context(id))
        self = try JSONDecoder().decode(RegistrationDetails.self, from: Data(plaintext))
    }

    static func context(_ id: PendingRegistration.ID) -> SealedField.Context {
        SealedField.Context(table: "registrations", column: "details", rowID: id.rawValue)
    }
}
