import Foundation
import SchoolIDBase

/// Names and birth dates are personal data: sealed at rest as one ``SealedField``
/// (`accounts.profile`) under the account's owner key, so deleting the owner key
/// crypto-shreds them.
extension AccountProfile {
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
}
