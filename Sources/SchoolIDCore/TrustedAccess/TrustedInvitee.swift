import Foundation
import SchoolIDBase
import SchoolIDCrypto

/// Who a guardian invites: a last name plus a phone or a SNILS. Personal data, so
/// stored sealed under the inviting guardian's owner key
/// (`trusted_invitations.invitee`) and found only through ``matchIndex(key:)``.
public struct TrustedInvitee: Hashable, Sendable {
    /// How the invitee is identified. Raw values are stored and wire names.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        case phone
        case snils
    }

    /// The identifier beside the last name.
    public enum Identifier: Hashable, Sendable {
        case phone(PhoneNumber)
        case snils(SNILS)

        public var kind: Kind {
            switch self {
            case .phone: .phone
            case .snils: .snils
            }
        }

        /// The canonical text: E.164 for a phone, 11 digits for a SNILS.
        var canonical: String {
            switch self {
            case .phone(let phone): phone.rawValue
            case .snils(let snils): snils.digits
            }
        }
    }

    /// The last name as typed (normalised like profile names).
    public let lastName: String
    public let identifier: Identifier

    /// - Throws: `DomainError(.nameInvalid)` for an empty, overlong or invisible-character name.
    public init(lastName: String, identifier: Identifier) throws(DomainError) {
        self.lastName = try AccountProfile.normalizedName(lastName, part: "last name")
        self.identifier = identifier
    }

    /// The form two last names are compared in: lower-cased, ё read as е (a name
    /// written with or without the dots is the same name).
    public static func comparableLastName(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    /// The blind index of (identifier, comparable last name) stored in
    /// `trusted_invitations.match_index`: an account computes the same index from its
    /// own last name and verified phone or SNILS, so matching needs neither value in
    /// the clear and a mismatching last name finds nothing.
    public func matchIndex(key: SymmetricKey) -> BlindIndex {
        Self.matchIndex(identifier, lastName: lastName, key: key)
    }

    /// ``matchIndex(key:)`` for an account's own data.
    public static func matchIndex(_ identifier: Identifier, lastName: String, key: SymmetricKey) -> BlindIndex {
        BlindIndex("\(identifier.kind.rawValue):\(identifier.canonical):\(comparableLastName(lastName))",
                   table: "trusted_invitations", column: "invitee", key: key)
    }

    /// Seals the invitee for invitation `id` under the guardian's key.
    /// - Throws: a sealing error.
    public func sealed(for id: TrustedInvitation.ID, under key: SealingKey) throws -> [UInt8] {
        let text = "\(identifier.kind.rawValue)\n\(identifier.canonical)\n\(lastName)"
        return try SealedField.seal(text, under: key, for: Self.context(id)).serialized
    }

    /// Opens a sealed invitee.
    /// - Throws: a sealing error, or `SealingError.malformed` for a corrupt value.
    public init(sealed bytes: [UInt8], for id: TrustedInvitation.ID, under key: SealingKey) throws {
        let text = try SealedField(serialized: bytes).openString(with: key, for: Self.context(id))
        let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let kind = Kind(rawValue: parts[0]) else { throw SealingError.malformed }
        let identifier: Identifier = switch kind {
        case .phone: .phone(try PhoneNumber(parsing: parts[1]))
        case .snils: .snils(try SNILS(parsing: parts[1]))
        }
        try self.init(lastName: parts[2], identifier: identifier)
    }

    /// A hint for the guardian's list that never shows the whole value: the phone's or
    /// SNILS's last two digits.
    public var hint: String { "…" + String(identifier.canonical.suffix(2)) }

    static func context(_ id: TrustedInvitation.ID) -> SealedField.Context {
        SealedField.Context(table: "trusted_invitations", column: "invitee", rowID: id.rawValue)
    }
}
